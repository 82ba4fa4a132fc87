//! The second factor (seed Appendix B, steps 9–15; R19–R23): REGISTER DEVICE, LOGIN USING
//! VERIFICATION CODE, SKIP THIS STEP → Accept, the OTP itself, and recovery codes.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;

use crate::api::{
    DeviceActivated, DeviceRegistration, ErrorCode, Home, LoginMethod, OtpChannel, OtpSent,
    OtpSubmission, RecoverySubmission, SignedIn,
};
use crate::domain::otp::{RecoveryCode, TotpSecret, RECOVERY_CODE_COUNT};
use crate::domain::EmailAddress;
use crate::i18n::Catalogue;
use crate::server::email_otp;
use crate::server::error::{ApiFailure, FieldErrors};
use crate::server::extract::{AnySession, ApiJson, ClientAddress, HalfSession, Lang};
use crate::server::mail::OtpPurpose;
use crate::server::session::SessionStage;
use crate::server::sign_in::{self, check_app_code, otp_failure, parse_otp, throttle};
use crate::server::state::AppState;
use crate::server::store::{code_hash, AuditEvent, CodeCheck, SessionRecord};

const RECOVERY_PURPOSE: &str = "RECOVERY";

fn conflict(message: &str) -> ApiFailure {
    ApiFailure::new(StatusCode::CONFLICT, ErrorCode::Forbidden, message)
}

/// REGISTER DEVICE: a new secret, pending until a code from the app proves the scan (R19).
/// Serves the first log-in and the switch to the app in profile settings (R22).
pub async fn start_device(
    State(state): State<AppState>,
    AnySession(session): AnySession,
) -> Result<Json<DeviceRegistration>, ApiFailure> {
    let secret = TotpSecret::from_bytes(rand::random());
    state
        .store
        .set_pending_totp(&session.login_id, &secret)
        .await?;
    Ok(Json(DeviceRegistration {
        otpauth_uri: secret.otpauth_uri(&session.login_id),
        secret: secret.to_base32(),
    }))
}

/// LOGIN USING VERIFICATION CODE: the first code from the app activates the device; the user
/// gets ten recovery codes, shown once.
pub async fn activate_device(
    State(state): State<AppState>,
    Lang(language): Lang,
    ClientAddress(address): ClientAddress,
    AnySession(session): AnySession,
    ApiJson(request): ApiJson<OtpSubmission>,
) -> Result<Response, ApiFailure> {
    let t = language.catalogue();
    let code = parse_otp(t, &request.otp)?;
    let id = session.login_id.as_str();
    throttle(&state, t, id, address)?;
    let Some(pending) = state.store.totp_state(id).await?.pending else {
        return Err(conflict(t.device_not_pending));
    };
    let Some(step) = pending.matching_step(&code, state.unix_seconds()) else {
        return Err(otp_failure(&state, t, id, t.otp_wrong).await?);
    };
    if !state.store.activate_totp(id, &pending, step).await? {
        return Err(conflict(t.device_not_pending));
    }
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODE_COUNT)
        .map(|_| RecoveryCode::from_random(rand::random()))
        .collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| code_hash(id, RECOVERY_PURPOSE, c.as_str()))
        .collect();
    state.store.replace_recovery_codes(id, &hashes).await?;
    let event = AuditEvent {
        actor: id,
        action: "DEVICE_REGISTERED",
        subject: Some(id),
        detail: "",
    };
    state.store.record(event, state.now()).await?;
    let recovery_codes = codes.iter().map(RecoveryCode::display).collect();
    finish(&state, t, &session, LoginMethod::AppOtp, |home| {
        DeviceActivated {
            recovery_codes,
            home,
        }
    })
    .await
}

/// After "SKIP THIS STEP" and "Accept": the channel becomes e-mail and a code is sent (R20).
pub async fn skip_device(
    State(state): State<AppState>,
    Lang(language): Lang,
    ClientAddress(address): ClientAddress,
    HalfSession(session): HalfSession,
) -> Result<Json<OtpSent>, ApiFailure> {
    let t = language.catalogue();
    let id = session.login_id.as_str();
    let email = registered_email(&state, id)
        .await?
        .ok_or_else(|| conflict(t.no_email_for_otp))?;
    state.store.set_channel(id, OtpChannel::Email).await?;
    let event = AuditEvent {
        actor: id,
        action: "EMAIL_OTP_CHOSEN",
        subject: Some(id),
        detail: "risk warning accepted",
    };
    state.store.record(event, state.now()).await?;
    Ok(Json(
        email_otp::issue(&state, id, &email, OtpPurpose::Login, address).await?,
    ))
}

/// "Send again": a new e-mailed code replaces the old one (R23).
pub async fn resend_email_otp(
    State(state): State<AppState>,
    Lang(language): Lang,
    ClientAddress(address): ClientAddress,
    HalfSession(session): HalfSession,
) -> Result<Json<OtpSent>, ApiFailure> {
    let t = language.catalogue();
    let id = session.login_id.as_str();
    throttle(&state, t, id, address)?;
    let summary = state.store.profile_summary(id).await?;
    if summary.and_then(|s| s.otp_channel) != Some(OtpChannel::Email) {
        return Err(conflict(t.channel_not_email));
    }
    let email = registered_email(&state, id)
        .await?
        .ok_or_else(|| conflict(t.no_email_for_otp))?;
    Ok(Json(
        email_otp::issue(&state, id, &email, OtpPurpose::Login, address).await?,
    ))
}

/// Step 14: the OTP from the chosen channel (R21, R23).
pub async fn submit_otp(
    State(state): State<AppState>,
    Lang(language): Lang,
    ClientAddress(address): ClientAddress,
    HalfSession(session): HalfSession,
    ApiJson(request): ApiJson<OtpSubmission>,
) -> Result<Response, ApiFailure> {
    let t = language.catalogue();
    let code = parse_otp(t, &request.otp)?;
    let id = session.login_id.as_str();
    throttle(&state, t, id, address)?;
    let channel = state
        .store
        .profile_summary(id)
        .await?
        .and_then(|s| s.otp_channel);
    let method = match channel {
        Some(OtpChannel::App) => {
            check_app_code(&state, t, id, &code).await?;
            LoginMethod::AppOtp
        }
        Some(OtpChannel::Email) => {
            let message = match state
                .store
                .take_email_otp(id, OtpPurpose::Login, code.as_str(), state.now())
                .await?
            {
                CodeCheck::Accepted => None,
                CodeCheck::Wrong => Some(t.otp_wrong),
                CodeCheck::Expired => Some(t.otp_expired),
                CodeCheck::NoneLive => Some(t.otp_none_live),
            };
            if let Some(message) = message {
                return Err(otp_failure(&state, t, id, message).await?);
            }
            LoginMethod::EmailOtp
        }
        None => return Err(conflict(t.device_not_pending)),
    };
    finish(&state, t, &session, method, |home| SignedIn {
        home,
        recovery_codes_left: None,
    })
    .await
}

/// "Use recovery code": for a lost phone; each code works once and the user is told how many
/// are left.
pub async fn use_recovery_code(
    State(state): State<AppState>,
    Lang(language): Lang,
    ClientAddress(address): ClientAddress,
    HalfSession(session): HalfSession,
    ApiJson(request): ApiJson<RecoverySubmission>,
) -> Result<Response, ApiFailure> {
    let t = language.catalogue();
    let mut errors = FieldErrors::new(t);
    let code = errors.check(
        "code",
        RecoveryCode::parse(&request.code),
        Catalogue::otp_error,
    );
    errors.finish()?;
    let code = code.expect("checked");
    let id = session.login_id.as_str();
    throttle(&state, t, id, address)?;
    let hash = code_hash(id, RECOVERY_PURPOSE, code.as_str());
    let Some(left) = state
        .store
        .use_recovery_code(id, &hash, state.now())
        .await?
    else {
        return Err(otp_failure(&state, t, id, t.recovery_wrong).await?);
    };
    let event = AuditEvent {
        actor: id,
        action: "RECOVERY_CODE_USED",
        subject: Some(id),
        detail: &left.to_string(),
    };
    state.store.record(event, state.now()).await?;
    finish(&state, t, &session, LoginMethod::RecoveryCode, |home| {
        SignedIn {
            home,
            recovery_codes_left: Some(left),
        }
    })
    .await
}

/// Completes a half session into a full one (new cookie), or, for a signed-in user changing
/// channel, just answers.
async fn finish<B: serde::Serialize>(
    state: &AppState,
    t: &Catalogue,
    session: &SessionRecord,
    method: LoginMethod,
    body: impl FnOnce(Home) -> B,
) -> Result<Response, ApiFailure> {
    if session.stage == SessionStage::Authenticated {
        let is_da = state
            .store
            .profile_summary(&session.login_id)
            .await?
            .is_some_and(|s| s.is_da);
        return Ok(Json(body(if is_da { Home::Dms } else { Home::Terminal })).into_response());
    }
    let completed = sign_in::complete(state, t, session, method).await?;
    Ok((
        AppendHeaders([(SET_COOKIE, completed.cookie)]),
        Json(body(completed.home)),
    )
        .into_response())
}

async fn registered_email(
    state: &AppState,
    login_id: &str,
) -> anyhow::Result<Option<EmailAddress>> {
    let id = crate::domain::LoginId::parse(login_id)?;
    let record = state.store.find_login(&id).await?;
    Ok(record
        .and_then(|r| r.email)
        .and_then(|e| EmailAddress::parse(&e).ok()))
}
