use axum::extract::State;
use axum::Json;

use crate::api::HealthResponse;
use crate::server::http::error::{ApiFailure, RequestError};
use crate::server::state::AppState;

/// `{"status":"ok"}` while the database answers; 503 otherwise, for load balancers.
pub async fn health(State(state): State<AppState>) -> Result<Json<HealthResponse>, ApiFailure> {
    if let Err(error) = state.store.ping().await {
        tracing::error!(
            error = format!("{error:#}"),
            "health check: database unreachable"
        );
        return Err(RequestError::Unavailable.into());
    }
    Ok(Json(HealthResponse {
        status: "ok".into(),
    }))
}
