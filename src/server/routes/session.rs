//! Who is signed in (R21's home pages).

use axum::extract::State;
use axum::Json;
use jiff::Timestamp;

use crate::api::{Home, Me};
use crate::domain::hong_kong;
use crate::server::error::{ApiFailure, SessionError};
use crate::server::extract::SignedInSession;
use crate::server::state::AppState;

pub async fn me(
    State(state): State<AppState>,
    SignedInSession(session): SignedInSession,
) -> Result<Json<Me>, ApiFailure> {
    let summary = state
        .store
        .profile_summary(&session.login_id)
        .await?
        .ok_or(SessionError::Ended)?;
    Ok(Json(Me {
        user_id: session.login_id.clone(),
        surname: summary.surname,
        other_names: summary.other_names,
        home: if summary.is_da {
            Home::Dms
        } else {
            Home::Terminal
        },
        otp_channel: summary.otp_channel,
        previous_login_at: session
            .previous_login_at
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
            .map(hong_kong::format_date_time),
        previous_login_method: session.previous_login_method,
    }))
}
