//! The steps every log-in shares: the budgets (R24), counting failures towards the lock, and
//! the end of a log-in (R21), where the half session becomes a full one under a new token.

use std::net::IpAddr;

use crate::api::{Home, LoginMethod};
use crate::domain::otp::{is_replay, OtpCode};
use crate::domain::AuditAction;
use crate::domain::LoginId;
use crate::i18n::Language;
use crate::server::auth::notices::announce;
use crate::server::failure::{
    ApiFailure, InvalidInput, LoginError, SecondFactorError, SessionError,
};
use crate::server::mail::Notice;
use crate::server::security::session::SessionToken;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Change, Proof, SessionRecord, TotpState};

pub struct Completed {
    /// The full session's token, for the cookie that replaces the half session's.
    pub token: SessionToken,
    /// The same session's token for the provider cookie (see `CookiePolicy::provider_name`).
    pub provider_token: SessionToken,
    pub home: Home,
}

/// The second factor a log-in completed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Factor {
    pub method: LoginMethod,
    /// A passkey that may be synced to other devices (`amr` swk rather than hwk).
    pub passkey_synced: bool,
}

impl From<LoginMethod> for Factor {
    fn from(method: LoginMethod) -> Self {
        Self {
            method,
            passkey_synced: false,
        }
    }
}

/// Ends the log-in as part of `change`; the caller commits it.
pub async fn complete(
    change: &mut Change,
    spoken: Option<Language>,
    half: &SessionRecord,
    factor: Factor,
) -> Result<Completed, ApiFailure> {
    let login_id = &half.login_id;
    let method = factor.method;
    let now = change.at();
    let previous = change.record_login(&half.login_id, method, now).await?;
    let token = SessionToken::generate();
    let provider_token = SessionToken::generate();
    let proof = Proof {
        token: &token,
        provider_token: &provider_token,
        method,
        passkey_synced: factor.passkey_synced,
    };
    if !change.complete_session(half, &proof, previous).await? {
        return Err(SessionError::Ended.into());
    }
    change.clear_failures(login_id).await?;
    if let Some(language) = spoken {
        change.set_language(login_id, language).await?;
    }
    let event = AuditEvent::own(login_id, AuditAction::LoginCompleted).detail(method.as_str());
    change.record(event).await?;
    let summary = change
        .profile_summary(login_id)
        .await?
        .ok_or(SessionError::Ended)?;
    Ok(Completed {
        token,
        provider_token,
        home: summary.home,
    })
}

/// Counts a failure where there was something to guess (R24): a wrong password, or a wrong
/// code while a code was live. Answers `failure`, or the lock once this failure locks the
/// account; the failure that locks ends the account's sessions and tells its owner (R26b, R26d).
/// Its own change: no other change of the request may be open (it would hold the writer).
pub async fn count_failure<E>(
    state: &AppState,
    login_id: &LoginId,
    action: AuditAction,
    failure: E,
) -> anyhow::Result<ApiFailure>
where
    E: crate::server::failure::Explain,
{
    let mut change = state.change().await?;
    let outcome = change.record_failure(login_id, change.at()).await?;
    let detail = format!("{failure:?}");
    change
        .record(AuditEvent::own(login_id, action).detail(&detail))
        .await?;
    if outcome.locked_now {
        change
            .record(AuditEvent::own(login_id, AuditAction::AccountLocked))
            .await?;
        announce(&mut change, login_id, Notice::AccountLocked, None).await?;
    }
    state.commit(change).await?;
    if outcome.locked {
        return Ok(LoginError::locked(login_id).into());
    }
    Ok(failure.into())
}

/// A wrong OTP or recovery code, counted towards the lock.
pub async fn otp_failure(
    state: &AppState,
    login_id: &LoginId,
    failure: SecondFactorError,
) -> anyhow::Result<ApiFailure> {
    count_failure(state, login_id, AuditAction::OtpFailed, failure).await
}

/// R24: charges an attempt to the budgets of the ID and the address; 429 with `Retry-After`
/// once one is spent.
pub async fn throttle(
    state: &AppState,
    login_id: &LoginId,
    address: Option<IpAddr>,
) -> Result<(), ApiFailure> {
    let budgets = state.throttle.budgets(login_id.as_str(), address);
    match state.store.spend(&budgets, state.now()).await? {
        None => Ok(()),
        Some(seconds) => Err(LoginError::Throttled {
            retry_after_seconds: seconds,
        }
        .into()),
    }
}

/// The `otp` field of a request, or a field message saying what is wrong with it.
pub fn parse_otp(raw: &str) -> Result<OtpCode, InvalidInput> {
    OtpCode::parse(raw).map_err(|e| InvalidInput::of("otp", e.into()))
}

/// R23: a code from the registered app, for the current time step give or take one, accepted
/// once per step. A wrong code counts towards the lockout (R24); a right code sent again
/// (a replay, or the same code sent twice at once) is refused without counting.
pub async fn check_app_code(
    state: &AppState,
    login_id: &LoginId,
    code: &OtpCode,
) -> Result<(), ApiFailure> {
    let totp = state.store.totp_state(login_id).await?;
    check_app_code_against(state, login_id, code, &totp).await
}

/// [`check_app_code`] against a device state already read (with the admission record).
pub async fn check_app_code_against(
    state: &AppState,
    login_id: &LoginId,
    code: &OtpCode,
    totp: &TotpState,
) -> Result<(), ApiFailure> {
    let Some(secret) = &totp.active else {
        return Err(SecondFactorError::DeviceNotPending.into());
    };
    let Some(step) = secret.matching_step(code, state.unix_seconds()) else {
        return Err(otp_failure(state, login_id, SecondFactorError::WrongCode).await?);
    };
    if is_replay(step, totp.last_step) || !state.store.accept_totp_step(login_id, step).await? {
        return Err(SecondFactorError::Replayed.into());
    }
    Ok(())
}
