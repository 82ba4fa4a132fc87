//! The end of a log-in (R21): the second factor passed, so the half session becomes a full one
//! under a new token, failures are cleared, and the log-in is recorded.

use std::net::IpAddr;

use axum::http::{HeaderValue, StatusCode};

use super::error::{ApiFailure, FieldErrors};
use super::session::SessionToken;
use super::state::AppState;
use super::store::{AuditEvent, SessionRecord};
use crate::api::{ErrorCode, Home, LoginMethod};
use crate::domain::otp::{is_replay, OtpCode};
use crate::i18n::Catalogue;

pub struct Completed {
    pub cookie: HeaderValue,
    pub home: Home,
}

pub async fn complete(
    state: &AppState,
    t: &Catalogue,
    half: &SessionRecord,
    method: LoginMethod,
) -> Result<Completed, ApiFailure> {
    let now = state.now();
    let login_id = half.login_id.as_str();
    let previous = state.store.record_login(login_id, method, now).await?;
    let token = SessionToken::generate();
    if !state
        .store
        .complete_session(half, &token, previous, now)
        .await?
    {
        return Err(ApiFailure::unauthenticated(t));
    }
    state.store.clear_failures(login_id).await?;
    let event = AuditEvent {
        actor: login_id,
        action: "LOGIN_COMPLETED",
        subject: Some(login_id),
        detail: method.as_str(),
    };
    state.store.record(event, now).await?;
    let summary = state
        .store
        .profile_summary(login_id)
        .await?
        .ok_or_else(|| ApiFailure::unauthenticated(t))?;
    Ok(Completed {
        cookie: token.set_cookie(),
        home: if summary.is_da {
            Home::Dms
        } else {
            Home::Terminal
        },
    })
}

/// Counts a failed OTP towards the lockout (R24) and answers what the user is told.
pub async fn otp_failure(
    state: &AppState,
    t: &Catalogue,
    login_id: &str,
    message: &str,
) -> anyhow::Result<ApiFailure> {
    let now = state.now();
    let locked = state.store.record_failure(login_id, now).await?;
    let event = AuditEvent {
        actor: login_id,
        action: "OTP_FAILED",
        subject: Some(login_id),
        detail: message,
    };
    state.store.record(event, now).await?;
    if locked {
        state.store.end_sessions_of(login_id).await?;
        return locked_failure(state, t, login_id).await;
    }
    Ok(ApiFailure::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidOtp,
        message,
    ))
}

/// R24: the lock message names who can unlock.
pub async fn locked_failure(
    state: &AppState,
    t: &Catalogue,
    login_id: &str,
) -> anyhow::Result<ApiFailure> {
    let is_da = state
        .store
        .profile_summary(login_id)
        .await?
        .is_some_and(|p| p.is_da);
    let message = if is_da {
        t.account_locked_da
    } else {
        t.account_locked_user
    };
    Ok(ApiFailure::new(
        StatusCode::LOCKED,
        ErrorCode::AccountLocked,
        message,
    ))
}

/// R24: counts an attempt against the per-user and per-address budgets; 429 once spent.
pub fn throttle(
    state: &AppState,
    t: &Catalogue,
    login_id: &str,
    address: Option<IpAddr>,
) -> Result<(), ApiFailure> {
    if state.throttle.allow(login_id, address) {
        Ok(())
    } else {
        Err(ApiFailure::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::TooManyRequests,
            t.too_many_attempts,
        ))
    }
}

/// The `otp` field of a request, or a field message saying what is wrong with it.
pub fn parse_otp(t: &Catalogue, raw: &str) -> Result<OtpCode, ApiFailure> {
    let mut errors = FieldErrors::new(t);
    let code = errors.check("otp", OtpCode::parse(raw), Catalogue::otp_error);
    errors.finish()?;
    Ok(code.expect("checked"))
}

/// R23: a code from the registered app, for the current time step give or take one, accepted
/// once per step; a wrong or replayed code counts towards the lockout (R24).
pub async fn check_app_code(
    state: &AppState,
    t: &Catalogue,
    login_id: &str,
    code: &OtpCode,
) -> Result<(), ApiFailure> {
    let totp = state.store.totp_state(login_id).await?;
    let Some(secret) = totp.active else {
        return Err(ApiFailure::new(
            StatusCode::CONFLICT,
            ErrorCode::Forbidden,
            t.device_not_pending,
        ));
    };
    let Some(step) = secret.matching_step(code, state.unix_seconds()) else {
        return Err(otp_failure(state, t, login_id, t.otp_wrong).await?);
    };
    if is_replay(step, totp.last_step) || !state.store.accept_totp_step(login_id, step).await? {
        return Err(otp_failure(state, t, login_id, t.otp_replayed).await?);
    }
    Ok(())
}
