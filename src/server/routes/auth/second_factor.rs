//! The second factor (seed Appendix B, steps 9–15; R19–R23, R26a): REGISTER DEVICE, LOGIN USING
//! VERIFICATION CODE, SKIP THIS STEP → Accept, the OTP itself, and recovery codes. A half
//! session (password only) may choose a channel only while the profile has none.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use jiff::SignedDuration;

use crate::api::paths;
use crate::api::{
    DeviceActivated, DeviceRegistration, Home, LoginMethod, OtpChannel, OtpSent, OtpSubmission,
    RecoverySubmission, SignedIn,
};
use crate::domain::otp::OtpPurpose;
use crate::domain::otp::{RecoveryCode, TotpSecret, RECOVERY_CODE_COUNT};
use crate::domain::AuditAction;
use crate::domain::{EmailAddress, LoginId};
use crate::i18n::Language;
use crate::server::auth::email_otp::{self, Issued};
use crate::server::auth::notices::announce;
use crate::server::auth::sign_in::{
    self, check_app_code_against, otp_failure, parse_otp, throttle,
};
use crate::server::http::error::LoginError;
use crate::server::http::error::{ApiFailure, InvalidInput, SecondFactorError, SessionError};
use crate::server::mail::Notice;
use crate::server::routes::extract::{AnySession, ApiJson, ClientAddress, HalfSession, Spoken};
use crate::server::security::session::SessionStage;
use crate::server::state::AppState;
use crate::server::store::{
    code_hash, AuditEvent, Change, CodeCheck, RecoveryCheck, SessionRecord,
};

const RECOVERY_PURPOSE: &str = "RECOVERY";

/// How long a device started with REGISTER DEVICE waits for its first code.
const PENDING_DEVICE_MINUTES: i64 = 10;

/// R26a: in a half session, a channel may be chosen only while the profile has none, and no
/// passkey either: a password alone never adds a second factor beside one in place. The one
/// exception is an e-mail user whose participant refuses e-mail OTP (issue 17), once this
/// session's e-mailed code was right: the app or a passkey then takes the e-mail's place.
pub(super) async fn ensure_may_choose(
    state: &AppState,
    session: &SessionRecord,
    refusal: SecondFactorError,
) -> Result<(), ApiFailure> {
    let login_id = &session.login_id;
    let channel = state
        .store
        .profile_summary(login_id)
        .await?
        .and_then(|s| s.otp_channel);
    if state.store.has_passkeys(login_id).await? {
        return Err(refusal.into());
    }
    match channel {
        None => Ok(()),
        Some(OtpChannel::Email)
            if session.email_proven && !state.store.email_otp_allowed(login_id).await? =>
        {
            Ok(())
        }
        Some(_) => Err(refusal.into()),
    }
}

/// Ten new recovery codes in `change`, replacing any left; shown once, as the user reads them.
pub(super) async fn issue_recovery_codes(
    change: &mut Change,
    id: &LoginId,
) -> anyhow::Result<Vec<String>> {
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODE_COUNT)
        .map(|_| RecoveryCode::from_random(rand::random()))
        .collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| code_hash(id, RECOVERY_PURPOSE, c.as_str()))
        .collect();
    change.replace_recovery_codes(id, &hashes).await?;
    Ok(codes.iter().map(RecoveryCode::display).collect())
}

/// A new secret, pending until a code from the app proves the scan; the device in use (if
/// any) keeps working until then.
pub async fn new_pending_device(
    change: &mut Change,
    login_id: &LoginId,
) -> Result<DeviceRegistration, ApiFailure> {
    let secret = TotpSecret::from_bytes(rand::random());
    let at = change.at();
    change.set_pending_totp(login_id, &secret, at).await?;
    Ok(DeviceRegistration {
        otpauth_uri: secret.otpauth_uri(login_id.as_str()),
        secret: secret.to_base32(),
    })
}

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
    let totp = state.store.totp_state(id).await?;
    let fresh = totp.pending_at.is_some_and(|at| {
        at + SignedDuration::from_mins(PENDING_DEVICE_MINUTES).as_millis() as i64
            >= state.now().as_millisecond()
    });
    let Some(pending) = totp.pending.filter(|_| fresh) else {
        return Err(SecondFactorError::DeviceNotPending.into());
    };
    let Some(step) = pending.matching_step(&code, state.unix_seconds()) else {
        return Err(otp_failure(&state, id, SecondFactorError::WrongCode).await?);
    };
    // The device, its recovery codes, the audit row, the notice and the end of the log-in
    // commit together.
    let mut change = state.change().await?;
    if !change.activate_totp(id, &pending, step).await? {
        return Err(SecondFactorError::DeviceNotPending.into());
    }
    let recovery_codes = issue_recovery_codes(&mut change, id).await?;
    let (action, notice) = if totp.active.is_some() {
        (AuditAction::DeviceReplaced, Notice::DeviceReplaced)
    } else {
        (AuditAction::DeviceRegistered, Notice::DeviceRegistered)
    };
    change.record(AuditEvent::own(id, action)).await?;
    announce(&mut change, id, notice, spoken).await?;
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
    // Issue 17: where e-mail OTP is refused, SKIP THIS STEP is not offered.
    if !state.store.email_otp_allowed(id).await? {
        return Err(SecondFactorError::EmailOtpNotAllowed.into());
    }
    let email = registered_email(&state, id)
        .await?
        .ok_or(SecondFactorError::NoEmail)?;
    let mut change = state.change().await?;
    let purpose = OtpPurpose::Login;
    let issued = email_otp::issue(&state, &mut change, id, Some(&email), purpose, address).await?;
    let sent = sent_or_limited(issued)?;
    change.set_channel(id, OtpChannel::Email).await?;
    let event = AuditEvent::own(id, AuditAction::EmailOtpChosen).detail("risk warning accepted");
    change.record(event).await?;
    state.commit(change).await?;
    Ok(Json(sent))
}

/// A code was mailed, or the profile's OTP mails are capped: 429 with `Retry-After`.
fn sent_or_limited(issued: Issued) -> Result<OtpSent, SecondFactorError> {
    match issued {
        Issued::Sent(sent) => Ok(sent),
        Issued::Capped {
            retry_after_seconds,
        } => Err(SecondFactorError::TooManyCodes {
            retry_after_seconds,
        }),
    }
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

/// Mails an e-mail-channel user a new code for `purpose` (R23): refused for an app user, or
/// without a registered address; 429 past the cap on OTP mails.
pub async fn mail_code(
    state: &AppState,
    login_id: &LoginId,
    purpose: OtpPurpose,
    address: Option<IpAddr>,
) -> Result<OtpSent, ApiFailure> {
    let summary = state.store.profile_summary(login_id).await?;
    if summary.and_then(|s| s.otp_channel) != Some(OtpChannel::Email) {
        return Err(SecondFactorError::ChannelNotEmail.into());
    }
    let email = registered_email(state, login_id)
        .await?
        .ok_or(SecondFactorError::NoEmail)?;
    let mut change = state.change().await?;
    let issued =
        email_otp::issue(state, &mut change, login_id, Some(&email), purpose, address).await?;
    let sent = sent_or_limited(issued)?;
    state.commit(change).await?;
    Ok(sent)
}

/// An e-mailed code checked for `purpose`: a wrong one counts towards the lock only while a
/// code was live (R24).
pub async fn check_email_code(
    state: &AppState,
    login_id: &LoginId,
    purpose: OtpPurpose,
    code: &str,
) -> Result<(), ApiFailure> {
    match state
        .store
        .take_email_otp(login_id, purpose, code, state.now())
        .await?
    {
        CodeCheck::Accepted => Ok(()),
        CodeCheck::Wrong => Err(otp_failure(state, login_id, SecondFactorError::WrongCode).await?),
        CodeCheck::Expired => Err(SecondFactorError::Expired.into()),
        CodeCheck::NoneLive => Err(SecondFactorError::NoneLive.into()),
    }
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

/// A recovery code of the user: used up when right; a code used before is refused without
/// counting (R24). Answers the open change that used it (with its audit row and notice), for
/// the caller to carry on and commit, and how many codes are left.
pub async fn spend_recovery_code(
    state: &AppState,
    spoken: Option<Language>,
    login_id: &LoginId,
    raw: &str,
) -> Result<(Change, i64), ApiFailure> {
    let code = RecoveryCode::parse(raw).map_err(|e| InvalidInput::of("code", e.into()))?;
    let hash = code_hash(login_id, RECOVERY_PURPOSE, code.as_str());
    let mut change = state.change().await?;
    let at = change.at();
    match change.use_recovery_code(login_id, &hash, at).await? {
        RecoveryCheck::Accepted { left } => {
            let detail = left.to_string();
            let event = AuditEvent::own(login_id, AuditAction::RecoveryCodeUsed).detail(&detail);
            change.record(event).await?;
            let notice = Notice::RecoveryCodeUsed { left };
            announce(&mut change, login_id, notice, spoken).await?;
            Ok((change, left))
        }
        RecoveryCheck::AlreadyUsed => Err(SecondFactorError::WrongRecoveryCode.into()),
        RecoveryCheck::Wrong => {
            // The change only read: it ends before the failure is counted in one of its own.
            drop(change);
            Err(otp_failure(state, login_id, SecondFactorError::WrongRecoveryCode).await?)
        }
    }
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

/// Completes a half session into a full one (new cookie), or, for a signed-in user replacing
/// a device, just answers; either way `change` commits here, with whatever it already carries.
/// Ends the second factor: in a half session the log-in completes (a new session cookie); in
/// a full one the change simply commits.
pub(super) async fn finish<B: serde::Serialize>(
    state: &AppState,
    mut change: Change,
    spoken: Option<Language>,
    session: &SessionRecord,
    method: LoginMethod,
    body: impl FnOnce(Home) -> B,
) -> Result<Response, ApiFailure> {
    if session.stage == SessionStage::Authenticated {
        state.commit(change).await?;
        let home = state
            .store
            .profile_summary(&session.login_id)
            .await?
            .ok_or(SessionError::Ended)?
            .home;
        return Ok(Json(body(home)).into_response());
    }
    let completed = sign_in::complete(&mut change, spoken, session, method).await?;
    state.commit(change).await?;
    Ok((
        AppendHeaders([(SET_COOKIE, state.transport.cookie.set(&completed.token))]),
        Json(body(completed.home)),
    )
        .into_response())
}

pub async fn registered_email(
    state: &AppState,
    login_id: &LoginId,
) -> anyhow::Result<Option<EmailAddress>> {
    let record = state.store.find_login(login_id).await?;
    Ok(record
        .and_then(|r| r.email)
        .and_then(|e| EmailAddress::parse(&e).ok()))
}
