//! Who is signed in (R21's home pages).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use jiff::Timestamp;

use crate::api::{paths, Me};
use crate::domain::hong_kong;
use crate::server::http::error::{ApiFailure, SessionError};
use crate::server::routes::extract::SignedInSession;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(paths::SESSION, get(me))
}

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
        user_id: session.login_id.as_str().to_owned(),
        surname: summary.surname,
        other_names: summary.other_names,
        home: summary.home,
        otp_channel: summary.otp_channel,
        previous_login_at: session
            .previous_login_at
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
            .map(hong_kong::format_date_time),
        previous_login_method: session.previous_login_method,
    }))
}
