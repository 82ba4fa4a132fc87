//! The second factor (seed Appendix B, steps 9–15; R19–R23, R26a): REGISTER DEVICE, LOGIN USING
//! VERIFICATION CODE, SKIP THIS STEP → Accept, the OTP itself, and recovery codes. A half
//! session (password only) may choose a channel only while the profile has none.

use axum::extract::State;
use axum::response::Response;
use axum::Json;

use super::finish;
use crate::api::paths;
use crate::api::{
    DeviceActivated, DeviceRegistration, LoginMethod, OtpChannel, OtpSent, OtpSubmission,
    RecoverySubmission, SignedIn,
};
use crate::domain::otp::OtpPurpose;
use crate::server::auth::second_factor::{
    self, check_email_code, ensure_may_choose, mail_code, new_pending_device, spend_recovery_code,
};
use crate::server::auth::sign_in::{check_app_code_against, parse_otp, throttle};
use crate::server::failure::LoginError;
use crate::server::failure::{ApiFailure, InvalidInput, SecondFactorError};
use crate::server::routes::extract::{AnySession, ApiJson, ClientAddress, HalfSession, Spoken};
use crate::server::security::session::SessionStage;
use crate::server::state::AppState;

/// REGISTER DEVICE at the first log-in, or after a DA's Reset Soft Token (R19, R26a).
#[utoipa::path(
    post,
    path = paths::DEVICE,
    tag = "log-in",
    security(("session" = [])),
    responses(
        (status = 200, description = "REGISTER DEVICE: the secret and its QR for the authenticator app.", body = DeviceRegistration),
        HalfSession, SecondFactorError
    )
)]
pub async fn start_device(
    State(state): State<AppState>,
    HalfSession(session, _): HalfSession,
) -> Result<Json<DeviceRegistration>, ApiFailure> {
    let id = &session.login_id;
    ensure_may_choose(&state, &session, SecondFactorError::DeviceAlreadyRegistered).await?;
    let mut change = state.change().await?;
    let registration = new_pending_device(&mut change, id).await?;
    state.commit(change).await?;
    Ok(Json(registration))
}

/// LOGIN USING VERIFICATION CODE: the first code from the app activates the pending device;
/// the user gets ten recovery codes, shown once. In a half session this ends the first
/// log-in; in a full one it completes a replacement proven in profile settings.
#[utoipa::path(
    post,
    path = paths::DEVICE_ACTIVATE,
    tag = "log-in",
    request_body = OtpSubmission,
    security(("session" = [])),
    responses(
        (status = 200, description = "The device is active; its recovery codes, shown once.", body = DeviceActivated),
        AnySession, SecondFactorError, InvalidInput, LoginError
    )
)]
pub async fn activate_device(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    AnySession(session): AnySession,
    ApiJson(request): ApiJson<OtpSubmission>,
) -> Result<Response, ApiFailure> {
    let code = parse_otp(&request.otp)?;
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    let half = session.stage == SessionStage::PasswordVerified;
    if half {
        ensure_may_choose(&state, &session, SecondFactorError::DeviceAlreadyRegistered).await?;
    }
    let (change, recovery_codes) =
        second_factor::activate_pending_device(&state, spoken, id, &code).await?;
    finish(
        &state,
        change,
        spoken,
        &session,
        LoginMethod::AppOtp,
        |home| DeviceActivated {
            recovery_codes,
            home,
        },
    )
    .await
}

/// After "SKIP THIS STEP" and "Accept": the channel becomes e-mail and a code is sent (R20);
/// offered only while the profile has no channel (R26a).
#[utoipa::path(
    post,
    path = paths::SKIP_DEVICE,
    tag = "log-in",
    security(("session" = [])),
    responses(
        (status = 200, description = "SKIP THIS STEP: e-mail becomes the channel and a code is sent.", body = OtpSent),
        HalfSession, SecondFactorError
    )
)]
pub async fn skip_device(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    HalfSession(session, _): HalfSession,
) -> Result<Json<OtpSent>, ApiFailure> {
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    ensure_may_choose(&state, &session, SecondFactorError::SkipNotOffered).await?;
    let sent = second_factor::choose_email(&state, id, address).await?;
    Ok(Json(sent))
}

/// "Send again": a new e-mailed code replaces the old one (R23).
#[utoipa::path(
    post,
    path = paths::EMAIL_OTP,
    tag = "log-in",
    security(("session" = [])),
    responses(
        (status = 200, description = "A new code is e-mailed.", body = OtpSent),
        HalfSession, SecondFactorError
    )
)]
pub async fn resend_email_otp(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    HalfSession(session, _): HalfSession,
) -> Result<Json<OtpSent>, ApiFailure> {
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    Ok(Json(
        mail_code(&state, id, OtpPurpose::Login, address).await?,
    ))
}

/// Step 14: the OTP from the chosen channel (R21, R23).
#[utoipa::path(
    post,
    path = paths::OTP,
    tag = "log-in",
    request_body = OtpSubmission,
    security(("session" = [])),
    responses(
        (status = 200, description = "The code was right: signed in.", body = SignedIn),
        HalfSession, SecondFactorError, InvalidInput, LoginError
    )
)]
pub async fn submit_otp(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    HalfSession(session, login): HalfSession,
    ApiJson(request): ApiJson<OtpSubmission>,
) -> Result<Response, ApiFailure> {
    let code = parse_otp(&request.otp)?;
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    let method = match login.otp_channel {
        Some(OtpChannel::App) => {
            check_app_code_against(&state, id, &code, &login.totp).await?;
            LoginMethod::AppOtp
        }
        Some(OtpChannel::Email) => {
            check_email_code(&state, id, OtpPurpose::Login, code.as_str()).await?;
            // Issue 17: the participant refuses e-mail OTP. The right code proves this person,
            // who now registers the app or a passkey instead, in this same half session.
            if !state.store.email_otp_allowed(id).await? {
                let mut change = state.change().await?;
                change.mark_email_proven(&session.token_hash).await?;
                state.commit(change).await?;
                return Err(SecondFactorError::RegisterInsteadOfEmail.into());
            }
            LoginMethod::EmailOtp
        }
        None => return Err(SecondFactorError::DeviceNotPending.into()),
    };
    let change = state.change().await?;
    finish(&state, change, spoken, &session, method, |home| SignedIn {
        home,
        recovery_codes_left: None,
    })
    .await
}

/// "Use recovery code": for a lost phone; each code works once and the user is told how many
/// are left.
#[utoipa::path(
    post,
    path = paths::RECOVERY,
    tag = "log-in",
    request_body = RecoverySubmission,
    security(("session" = [])),
    responses(
        (status = 200, description = "A recovery code was spent: signed in.", body = SignedIn),
        HalfSession, SecondFactorError, InvalidInput, LoginError
    )
)]
pub async fn use_recovery_code(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    HalfSession(session, _): HalfSession,
    ApiJson(request): ApiJson<RecoverySubmission>,
) -> Result<Response, ApiFailure> {
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    let (change, left) = spend_recovery_code(&state, spoken, id, &request.code).await?;
    finish(
        &state,
        change,
        spoken,
        &session,
        LoginMethod::RecoveryCode,
        |home| SignedIn {
            home,
            recovery_codes_left: Some(left),
        },
    )
    .await
}
