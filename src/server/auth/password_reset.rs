//! "Forgot/Reset your Password" behind its routes (seed Appendix B, steps 3–7; R17, R18): a code
//! for every well-formed ID, a short-lived ticket for the right code, and the new password set
//! with the end of every session, the audit row and the notice in one change.

use std::net::IpAddr;

use jiff::SignedDuration;

use crate::domain::otp::{OtpCode, OtpPurpose};
use crate::domain::password_policy::{NewPassword, PolicyBreach, HISTORY_DEPTH};
use crate::domain::{AuditAction, EmailAddress, LoginId};
use crate::i18n::Language;
use crate::server::auth::email_otp;
use crate::server::auth::notices::announce;
use crate::server::auth::second_factor::check_email_code;
use crate::server::auth::sign_in::throttle;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput, ResetError};
use crate::server::mail::Notice;
use crate::server::security::password;
use crate::server::security::session::SessionToken;
use crate::server::state::AppState;
use crate::server::store::AuditEvent;

/// How long after the right OTP the new password may be set.
const TICKET_MINUTES: i64 = 10;

/// Step 4: a code for `login_id`, mailed only where there is an address; the same work and
/// the same writes for every well-formed ID, capped or not (R18, R26c).
pub async fn send_code(
    state: &AppState,
    login_id: &LoginId,
    address: Option<IpAddr>,
) -> Result<(), ApiFailure> {
    throttle(state, login_id, address).await?;
    let record = state.store.find_login(login_id).await?;
    let email = record
        .as_ref()
        .filter(|r| !r.locked)
        .and_then(|r| r.email.as_deref())
        .and_then(|e| EmailAddress::parse(e).ok());
    let id = login_id;
    // Every well-formed ID gets a code, mailed only where there is an address; the same work
    // and the same answer for all, capped or not (R18, R26c).
    let mut change = state.change().await?;
    let purpose = OtpPurpose::PasswordReset;
    email_otp::issue(state, &mut change, id, email.as_ref(), purpose, address).await?;
    // Recorded for every ID, so that each kind costs the same writes (R26c).
    let action = match (&email, &record) {
        (Some(_), _) => AuditAction::PasswordResetOtpSent,
        (None, Some(_)) => AuditAction::PasswordResetNoEmail,
        (None, None) => AuditAction::PasswordResetUnknownId,
    };
    change.record(AuditEvent::own(id, action)).await?;
    state.commit(change).await?;
    Ok(())
}

/// Step 5: the e-mailed code checked; a right one buys a short-lived ticket for the new
/// password.
pub async fn ticket_for(
    state: &AppState,
    login_id: &LoginId,
    code: &OtpCode,
    address: Option<IpAddr>,
) -> Result<SessionToken, ApiFailure> {
    let id = login_id;
    throttle(state, id, address).await?;
    let now = state.now();
    // Only a live code can be guessed, so only a wrong one counts (R24); an unknown ID has a
    // code as a known one does, and is answered alike (R26c).
    check_email_code(state, id, OtpPurpose::PasswordReset, code.as_str()).await?;
    let ticket = SessionToken::generate();
    let expires_at = now + SignedDuration::from_mins(TICKET_MINUTES);
    state
        .store
        .put_reset_ticket(&ticket.hash(), id, expires_at)
        .await?;
    Ok(ticket)
}

/// Step 6: the new password twice, checked against the policy and the last five (R17), set
/// with the ticket used up.
pub async fn set_password(
    state: &AppState,
    spoken: Option<Language>,
    raw_ticket: &str,
    raw_password: &str,
    raw_confirmation: &str,
) -> Result<(), ApiFailure> {
    let now = state.now();
    let ticket = SessionToken::from_cookie(raw_ticket);
    // The ticket is looked at before it is used, so a policy mistake does not cost the user it.
    let Some(login_id) = state.store.peek_reset_ticket(&ticket.hash(), now).await? else {
        return Err(ResetError::TicketInvalid.into());
    };
    let new_password = NewPassword::parse(
        &password::normalise(raw_password),
        &password::normalise(raw_confirmation),
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
    Ok(())
}
