//! "Forgot/Reset your Password" (seed Appendix B, steps 3–7; R17, R18): user ID → e-mailed OTP
//! → new password twice → confirmation.

use axum::extract::State;
use axum::Json;
use jiff::SignedDuration;

use super::{parse_login_id, MAX_PASSWORD_CHARS};
use crate::api::paths;
use crate::api::{
    Done, OtpSent, PasswordResetComplete, PasswordResetStart, PasswordResetTicket,
    PasswordResetVerify,
};
use crate::domain::otp::OtpCode;
use crate::domain::otp::OtpPurpose;
use crate::domain::password_policy::{NewPassword, PolicyBreach, HISTORY_DEPTH};
use crate::domain::{AuditAction, EmailAddress};
use crate::server::auth::email_otp;
use crate::server::auth::notices::announce;
use crate::server::auth::second_factor::check_email_code;
use crate::server::auth::sign_in::throttle;
use crate::server::failure::LoginError;
use crate::server::failure::SecondFactorError;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput, ResetError};
use crate::server::mail::Notice;
use crate::server::routes::extract::{ApiJson, ClientAddress, Spoken};
use crate::server::security::password;
use crate::server::security::session::SessionToken;
use crate::server::state::AppState;
use crate::server::store::AuditEvent;

/// How long after the right OTP the new password may be set.
const TICKET_MINUTES: i64 = 10;

/// Step 4: SUBMIT the user ID. The answer is the same for every well-formed ID (it says what
/// to do when no e-mail arrives), so it reveals neither existence nor e-mail (R18).
#[utoipa::path(
    post,
    path = paths::PASSWORD_RESET,
    tag = "log-in",
    request_body = PasswordResetStart,
    responses(
        (status = 200, description = "A code is e-mailed if the profile has an address (the answer is the same either way).", body = OtpSent),
        LoginError, SecondFactorError, InvalidInput
    )
)]
pub async fn start(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<PasswordResetStart>,
) -> Result<Json<OtpSent>, ApiFailure> {
    let mut errors = InvalidInput::new();
    let login_id = parse_login_id(&mut errors, "user_id", &request.user_id);
    errors.finish()?;
    let login_id = login_id.expect("checked above");
    // R12: before the parallel run, a participant's people have only their smartcard (the
    // operators, who have none, may set a password at any time).
    let is_operator = matches!(login_id, crate::domain::LoginId::Operator(_));
    if !is_operator && !state.store.migration_phase().await?.allows_two_factor() {
        return Err(crate::server::failure::LoginError::TwoFactorNotOpen.into());
    }
    throttle(&state, &login_id, address).await?;
    let record = state.store.find_login(&login_id).await?;
    let email = record
        .as_ref()
        .filter(|r| !r.locked)
        .and_then(|r| r.email.as_deref())
        .and_then(|e| EmailAddress::parse(e).ok());
    let id = &login_id;
    // Every well-formed ID gets a code, mailed only where there is an address; the same work
    // and the same answer for all, capped or not (R18, R26c).
    let mut change = state.change().await?;
    let purpose = OtpPurpose::PasswordReset;
    email_otp::issue(&state, &mut change, id, email.as_ref(), purpose, address).await?;
    // Recorded for every ID, so that each kind costs the same writes (R26c).
    let action = match (&email, &record) {
        (Some(_), _) => AuditAction::PasswordResetOtpSent,
        (None, Some(_)) => AuditAction::PasswordResetNoEmail,
        (None, None) => AuditAction::PasswordResetUnknownId,
    };
    change.record(AuditEvent::own(id, action)).await?;
    state.commit(change).await?;
    Ok(Json(email_otp::sent_answer(&state)))
}

/// Step 5: the e-mailed OTP. A right one buys a short-lived ticket for the new password.
#[utoipa::path(
    post,
    path = paths::PASSWORD_RESET_VERIFY,
    tag = "log-in",
    request_body = PasswordResetVerify,
    responses(
        (status = 200, description = "The code was right: a ticket for the new password.", body = PasswordResetTicket),
        LoginError, SecondFactorError, InvalidInput
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<PasswordResetVerify>,
) -> Result<Json<PasswordResetTicket>, ApiFailure> {
    let mut errors = InvalidInput::new();
    let login_id = parse_login_id(&mut errors, "user_id", &request.user_id);
    let code = errors.check("otp", OtpCode::parse(&request.otp));
    errors.finish()?;
    let (login_id, code) = (login_id.expect("checked"), code.expect("checked"));
    let id = &login_id;
    throttle(&state, id, address).await?;
    let now = state.now();
    // Only a live code can be guessed, so only a wrong one counts (R24); an unknown ID has a
    // code as a known one does, and is answered alike (R26c).
    check_email_code(&state, id, OtpPurpose::PasswordReset, code.as_str()).await?;
    let ticket = SessionToken::generate();
    let expires_at = now + SignedDuration::from_mins(TICKET_MINUTES);
    state
        .store
        .put_reset_ticket(&ticket.hash(), id, expires_at)
        .await?;
    Ok(Json(PasswordResetTicket {
        ticket: ticket.expose().to_owned(),
    }))
}

/// Step 6: the new password twice, checked against the policy and the last five (R17).
#[utoipa::path(
    post,
    path = paths::PASSWORD_RESET_COMPLETE,
    tag = "log-in",
    request_body = PasswordResetComplete,
    responses(
        (status = 200, description = "The new password is set.", body = Done),
        ResetError, InvalidInput, LoginError
    )
)]
pub async fn complete(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ApiJson(request): ApiJson<PasswordResetComplete>,
) -> Result<Json<Done>, ApiFailure> {
    if request.password.chars().count() > MAX_PASSWORD_CHARS
        || request.confirmation.chars().count() > MAX_PASSWORD_CHARS
    {
        return Err(InvalidInput::of("password", FieldProblem::TooLong).into());
    }
    let now = state.now();
    let ticket = SessionToken::from_cookie(&request.ticket);
    // The ticket is looked at before it is used, so a policy mistake does not cost the user it.
    let Some(login_id) = state.store.peek_reset_ticket(&ticket.hash(), now).await? else {
        return Err(ResetError::TicketInvalid.into());
    };
    let new_password = NewPassword::parse(
        &password::normalise(&request.password),
        &password::normalise(&request.confirmation),
        login_id.as_str(),
    )
    .map_err(|breaches| {
        let mut errors = InvalidInput::new();
        for breach in breaches {
            let field = if breach == PolicyBreach::Mismatch {
                "confirmation"
            } else {
                "password"
            };
            errors.add(field, FieldProblem::Policy(breach));
        }
        errors
    })?;
    for earlier in state
        .store
        .password_history(&login_id, HISTORY_DEPTH)
        .await?
    {
        if password::verify(new_password.expose().to_owned(), Some(earlier)).await? {
            return Err(InvalidInput::of("password", FieldProblem::PasswordReused).into());
        }
    }
    let hash = password::hash(new_password.expose().to_owned()).await?;
    // One transaction: the ticket is used up only if the password, the end of every session,
    // the audit row and the notice all land with it.
    let mut change = state.change().await?;
    if change
        .take_reset_ticket(&ticket.hash(), now)
        .await?
        .is_none()
    {
        return Err(ResetError::TicketInvalid.into());
    }
    change.set_password(&login_id, &hash, now).await?;
    change.end_sessions_of(&login_id).await?;
    change
        .record(AuditEvent::own(&login_id, AuditAction::PasswordReset))
        .await?;
    let notice = Notice::PasswordChanged;
    announce(&mut change, &login_id, notice, spoken).await?;
    state.commit(change).await?;
    Ok(Json(Done { done: true }))
}
