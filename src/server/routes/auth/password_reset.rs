//! "Forgot/Reset your Password" (seed Appendix B, steps 3–7; R17, R18): user ID → e-mailed OTP
//! → new password twice → confirmation.

use axum::extract::State;
use axum::Json;

use super::{parse_login_id, MAX_PASSWORD_CHARS};
use crate::api::paths;
use crate::api::{
    Done, OtpSent, PasswordResetComplete, PasswordResetStart, PasswordResetTicket,
    PasswordResetVerify,
};
use crate::domain::otp::OtpCode;
use crate::server::auth::{email_otp, password_reset};
use crate::server::failure::LoginError;
use crate::server::failure::SecondFactorError;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput, ResetError};
use crate::server::routes::extract::{ApiJson, ClientAddress, Spoken};
use crate::server::state::AppState;

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
    password_reset::send_code(&state, &login_id, address).await?;
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
    let ticket = password_reset::ticket_for(&state, &login_id, &code, address).await?;
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
    password_reset::set_password(
        &state,
        spoken,
        &request.ticket,
        &request.password,
        &request.confirmation,
    )
    .await?;
    Ok(Json(Done { done: true }))
}
