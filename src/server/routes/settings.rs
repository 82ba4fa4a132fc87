//! Profile settings (R22, R26a): the OTP channel and the device. Every change of the second
//! factor is proven by a fresh second factor of the channel the user has now; a password, or a
//! session alone, never changes it.

use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{paths, DeviceProof, DeviceRegistration, Done, OtpSent, OtpSubmission};
use crate::domain::otp::OtpPurpose;
use crate::server::auth::second_factor::{self, mail_code};
use crate::server::auth::sign_in::{parse_otp, throttle};
use crate::server::failure::{ApiFailure, InvalidInput, SecondFactorError};
use crate::server::routes::extract::{ApiJson, ClientAddress, SignedInSession, Spoken};
use crate::server::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(switch_to_email))
        .routes(routes!(send_proof_code))
        .routes(routes!(start_new_device))
}

/// R22: from the app to e-mail, proven by a fresh code from the app (the present channel).
/// The way back to the app is a new device, proven by an e-mailed code.
#[utoipa::path(
    post,
    path = paths::CHANNEL_EMAIL,
    tag = "settings",
    request_body = OtpSubmission,
    security(("session" = [])),
    responses(
        (status = 200, description = "E-mail is now the channel (R22).", body = Done),
        SignedInSession, SecondFactorError, InvalidInput
    )
)]
pub async fn switch_to_email(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    SignedInSession(session): SignedInSession,
    ApiJson(request): ApiJson<OtpSubmission>,
) -> Result<Json<Done>, ApiFailure> {
    let code = parse_otp(&request.otp)?;
    let id = &session.login_id;
    second_factor::switch_to_email(&state, spoken, id, &code, address).await?;
    Ok(Json(Done { done: true }))
}

/// Mails an e-mail-channel user the code that proves them before the switch to the app.
#[utoipa::path(
    post,
    path = paths::SETTINGS_EMAIL_OTP,
    tag = "settings",
    security(("session" = [])),
    responses(
        (status = 200, description = "A code proving the e-mail user is sent (R26a).", body = OtpSent),
        SignedInSession, SecondFactorError
    )
)]
pub async fn send_proof_code(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    SignedInSession(session): SignedInSession,
) -> Result<Json<OtpSent>, ApiFailure> {
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    Ok(Json(
        mail_code(&state, id, OtpPurpose::ChannelSwitch, address).await?,
    ))
}

/// A new device (a replaced phone, or the switch from e-mail to the app), once the present
/// second factor is proven: an app user gives a code from the present app or a recovery code,
/// an e-mail user the e-mailed code. The device in use keeps working until the new one is
/// confirmed through LOGIN USING VERIFICATION CODE.
#[utoipa::path(
    post,
    path = paths::SETTINGS_DEVICE,
    tag = "settings",
    request_body = DeviceProof,
    security(("session" = [])),
    responses(
        (status = 200, description = "A new device, proven by the present second factor (R26a).", body = DeviceRegistration),
        SignedInSession, SecondFactorError, InvalidInput
    )
)]
pub async fn start_new_device(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    SignedInSession(session): SignedInSession,
    ApiJson(proof): ApiJson<DeviceProof>,
) -> Result<Json<DeviceRegistration>, ApiFailure> {
    let id = &session.login_id;
    let registration =
        second_factor::start_replacement(&state, spoken, id, address, &proof).await?;
    Ok(Json(registration))
}
