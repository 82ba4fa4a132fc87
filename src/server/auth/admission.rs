//! Whether an account may log in now (R4a, R24, R26b): asked at the password and again by every
//! later step of a log-in, so a lock, a disabled profile or a closed window stops a log-in that
//! began before it.

use crate::domain::{hong_kong, LoginId};
use crate::server::http::error::{ApiFailure, LoginError, SessionError};
use crate::server::state::AppState;
use crate::server::store::LoginRecord;

/// R26b: a locked, disabled or out-of-window account ends its sessions and is refused. Answers
/// what log-in knows of the account, so the step that asked need not read it again.
pub async fn ensure_may_log_in(state: &AppState, id: &LoginId) -> Result<LoginRecord, ApiFailure> {
    let Some(record) = state.store.find_login(id).await? else {
        return Err(SessionError::Ended.into());
    };
    if record.locked {
        state.end_sessions_of(id).await?;
        return Err(LoginError::locked(id).into());
    }
    if let Err(refusal) = record.window.check(hong_kong::date(state.now())) {
        state.end_sessions_of(id).await?;
        return Err(LoginError::Refused(refusal).into());
    }
    Ok(record)
}
