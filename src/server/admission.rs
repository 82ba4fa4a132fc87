//! Whether an account may log in now (R4a, R24, R26b): asked at the password and again by every
//! later step of a log-in, so a lock, a disabled profile or a closed window stops a log-in that
//! began before it.

use axum::http::StatusCode;

use super::error::ApiFailure;
use super::state::AppState;
use crate::api::ErrorCode;
use crate::domain::{hong_kong, LoginId, LoginRefusal};
use crate::i18n::{fill, Catalogue};

/// R26b: a locked, disabled or out-of-window account ends its sessions and is refused.
pub async fn ensure_may_log_in(
    state: &AppState,
    t: &Catalogue,
    login_id: &str,
) -> Result<(), ApiFailure> {
    let id = LoginId::parse(login_id).map_err(|_| ApiFailure::unauthenticated(t))?;
    let Some(record) = state.store.find_login(&id).await? else {
        return Err(ApiFailure::unauthenticated(t));
    };
    if record.locked {
        state.store.end_sessions_of(login_id).await?;
        return Err(locked_failure(t, login_id));
    }
    if let Err(refusal) = record.window.check(hong_kong::date(state.now())) {
        state.store.end_sessions_of(login_id).await?;
        return Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::LoginNotAllowed,
            refusal_message(t, refusal),
        ));
    }
    Ok(())
}

pub fn refusal_message(t: &Catalogue, refusal: LoginRefusal) -> String {
    match refusal {
        LoginRefusal::Disabled => t.profile_disabled.to_owned(),
        LoginRefusal::NotYetEnabled { from } => fill(
            t.profile_not_yet_enabled,
            &[("date", &hong_kong::format_date(from))],
        ),
        LoginRefusal::Expired { after } => fill(
            t.profile_expired,
            &[("date", &hong_kong::format_date(after))],
        ),
    }
}

/// R24: the lock message names who can unlock. It follows from the ID's form, so an ID without
/// an account gets the very answer a real one would (R26c).
pub fn locked_failure(t: &Catalogue, login_id: &str) -> ApiFailure {
    let is_da = LoginId::parse(login_id).is_ok_and(|id| id.is_da());
    let message = if is_da {
        t.account_locked_da
    } else {
        t.account_locked_user
    };
    ApiFailure::new(StatusCode::LOCKED, ErrorCode::AccountLocked, message)
}
