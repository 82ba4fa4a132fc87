//! Log-in (seed Appendix B, step 8; R21): user ID + password, then the second factor.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::HeaderMap;
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;

use super::{parse_login_id, MAX_PASSWORD_CHARS};
use crate::api::paths;
use crate::api::{Done, LoginRequest, LoginResponse, NextStep, OtpChannel};
use crate::domain::otp::OtpPurpose;
use crate::domain::{hong_kong, AuditAction, EmailAddress, LoginId};
use crate::server::auth::email_otp;
use crate::server::auth::sign_in::{count_failure, throttle};
use crate::server::failure::SessionError;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput, LoginError};
use crate::server::routes::extract::{ApiJson, ClientAddress};
use crate::server::security::password::{self, LoginCheck};
use crate::server::security::session::{SessionStage, SessionToken};
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, NewSession};

#[utoipa::path(
    post,
    path = paths::LOGIN,
    tag = "log-in",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "The password was right: a half session cookie is set; the second factor comes next.", body = LoginResponse),
        LoginError, InvalidInput, SessionError
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<impl IntoResponse, ApiFailure> {
    let mut errors = InvalidInput::new();
    let login_id = parse_login_id(&mut errors, "user_id", &request.user_id);
    if request.password.is_empty() {
        errors.add("password", FieldProblem::PasswordEmpty);
    } else if request.password.chars().count() > MAX_PASSWORD_CHARS {
        errors.add("password", FieldProblem::TooLong);
    }
    errors.finish()?;
    let login_id = login_id.expect("checked above");
    let raw_password = request.password.clone();

    // R12: before the parallel run, a participant's people log in by smartcard only. The clearing
    // house's operators are no participant's and have no smartcard: they always log in this way,
    // or no one could move the phase of a new deployment.
    let is_operator = matches!(login_id, LoginId::Operator(_));
    if !is_operator && !state.store.migration_phase().await?.allows_two_factor() {
        return Err(LoginError::TwoFactorNotOpen.into());
    }
    throttle(&state, &login_id, address).await?;

    let record = state.store.find_login(&login_id).await?;
    let stored_hash = record.as_ref().and_then(|r| r.password_hash.clone());
    // Checked even when locked or unknown: every answer takes the same time.
    let check = password::check_login(request.password, stored_hash).await?;
    let now = state.now();
    let id = &login_id;
    // An unknown ID locks as a real one does, and gets the same answer (R26c).
    if state.store.is_locked(id).await? {
        return Err(LoginError::locked(id).into());
    }
    let Some(record) = record.filter(|_| check != LoginCheck::Fails) else {
        let failure = LoginError::InvalidCredentials;
        let action = AuditAction::LoginPasswordFailed;
        return Err(count_failure(&state, id, action, failure).await?);
    };
    if check == LoginCheck::MatchesUnnormalised {
        let password = password::normalise(&raw_password);
        let hash = password::hash(password).await?;
        state.store.rehash_password(id, &hash).await?;
    }

    // R4a, told only to whoever knows the password.
    if let Err(refusal) = record.window.check(hong_kong::date(now)) {
        return Err(LoginError::Refused(refusal).into());
    }

    // Read before the change begins: a change holds a pooled connection, and asking the pool
    // for a second one while holding it starves the pool under a surge of log-ins.
    let has_passkey = state.store.has_passkeys(id).await?;
    let email_otp_allowed = state.store.email_otp_allowed(id).await?;
    let mut change = state.change().await?;
    // Rotate: a session the browser held before ends here; the same person's continues under
    // its `sid`, so that applications keep it.
    let mut continued = None;
    if let Some(previous) = state.transport.cookie.read(&headers) {
        continued = change.continued_sid(&previous, id).await?;
        change.end_session(&previous).await?;
    }
    let token = SessionToken::generate();
    let session = NewSession {
        token: &token,
        login_id: id,
        stage: SessionStage::PasswordVerified,
        sid: continued.as_deref(),
    };
    change.create_session(session, now).await?;
    change
        .record(AuditEvent::own(id, AuditAction::LoginPasswordVerified))
        .await?;

    // A passkey, when the user has one, comes before any code (issue 17); the app and the
    // recovery codes stay as fallback.
    let next_step = match record.otp_channel {
        _ if has_passkey => NextStep::Passkey,
        Some(OtpChannel::App) => NextStep::AppOtp,
        Some(OtpChannel::Email) => {
            // R21: the e-mail channel's code goes out as soon as the password is right.
            // Past the cap no new code goes out; the last one still works (R23).
            let email = record
                .email
                .as_deref()
                .and_then(|e| EmailAddress::parse(e).ok());
            let purpose = OtpPurpose::Login;
            email_otp::issue(&state, &mut change, id, email.as_ref(), purpose, address).await?;
            NextStep::EmailOtp
        }
        None => NextStep::RegisterDevice,
    };
    state.commit(change).await?;
    let body = LoginResponse {
        user_id: login_id.to_string(),
        next_step,
        email_otp_allowed,
    };
    Ok((
        AppendHeaders([(SET_COOKIE, state.transport.cookie.set(&token))]),
        Json(body),
    ))
}

/// Logout ends the session on the server, whatever its stage.
#[utoipa::path(
    post,
    path = paths::LOGOUT,
    tag = "log-in",
    responses(
        (status = 200, description = "The session, if any, is ended and its cookie cleared.", body = Done)
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiFailure> {
    if let Some(token) = state.transport.cookie.read(&headers) {
        let record = state.store.find_session(&token).await?;
        let mut change = state.change().await?;
        if let Some(record) = record {
            change
                .record(AuditEvent::own(&record.login_id, AuditAction::Logout))
                .await?;
        }
        change.end_session(&token).await?;
        state.commit(change).await?;
        // The applications it opened are told at once (back-channel logout).
        state.provider.logouts.wake();
    }
    let cookie = state.transport.cookie;
    Ok((
        AppendHeaders([
            (SET_COOKIE, cookie.clear()),
            (SET_COOKIE, cookie.clear_provider()),
        ]),
        Json(Done { done: true }),
    ))
}
