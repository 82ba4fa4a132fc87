//! Whether a person may act now (R4a, R24, R26b): the one admission asked at the password, by
//! every later step of a log-in, by every request of a session and by every use of a DA's or an
//! operator's authority. A lock, a disabled profile or a closed window stops what began before.

use crate::domain::{hong_kong, LoginId, LoginRefusal, LoginWindow, Principal};
use crate::server::failure::{ApiFailure, LoginError, SessionError};
use crate::server::state::AppState;
use crate::server::store::LoginRecord;

/// R26b at log-in: a locked, disabled or out-of-window account ends its sessions and is refused.
/// Answers what log-in knows of the account, so the step that asked need not read it again.
pub async fn ensure_may_log_in(state: &AppState, id: &LoginId) -> Result<LoginRecord, ApiFailure> {
    let Some(record) = state.store.find_login(id).await? else {
        return Err(SessionError::Ended.into());
    };
    if record.locked {
        state.end_sessions_of(id).await?;
        return Err(LoginError::locked(id).into());
    }
    if let Err(refusal) = ensure_window(state, id, &record.window).await? {
        return Err(LoginError::Refused(refusal).into());
    }
    Ok(record)
}

/// Why a person may not act now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAdmitted {
    /// No such profile or operator (never was, archived, or deleted).
    Unknown,
    /// Known, with the roles they would have, but refused today.
    Refused(Principal, LoginRefusal),
}

/// R26b after log-in: the person behind `id` stands today (ENABLED, inside the R4a window), as
/// log-in asks; one who no longer does has their sessions ended at once. A lock from wrong
/// passwords is not asked: it guards the password, and ended the sessions when it fell; were it
/// asked of a checker's code, a stranger typing passwords could block approvals.
pub async fn admitted(
    state: &AppState,
    id: &LoginId,
) -> Result<Result<Principal, NotAdmitted>, ApiFailure> {
    let Some(standing) = state.store.standing(id).await? else {
        return Ok(Err(NotAdmitted::Unknown));
    };
    Ok(match ensure_window(state, id, &standing.window).await? {
        Ok(()) => Ok(standing.principal),
        Err(refusal) => Err(NotAdmitted::Refused(standing.principal, refusal)),
    })
}

/// The window's answer for today in Hong Kong; a refusal ends the person's sessions.
async fn ensure_window(
    state: &AppState,
    id: &LoginId,
    window: &LoginWindow,
) -> Result<Result<(), LoginRefusal>, ApiFailure> {
    let refused = window.check(hong_kong::date(state.now()));
    if refused.is_err() {
        state.end_sessions_of(id).await?;
    }
    Ok(refused)
}
