use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::api::{ErrorCode, HealthResponse};
use crate::server::error::ApiFailure;
use crate::server::extract::Lang;
use crate::server::state::AppState;

/// `{"status":"ok"}` while the database answers; 503 otherwise, for load balancers.
pub async fn health(
    State(state): State<AppState>,
    Lang(language): Lang,
) -> Result<Json<HealthResponse>, ApiFailure> {
    if let Err(error) = state.store.ping().await {
        tracing::error!(
            error = format!("{error:#}"),
            "health check: database unreachable"
        );
        return Err(ApiFailure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Unavailable,
            language.catalogue().unavailable,
        ));
    }
    Ok(Json(HealthResponse {
        status: "ok".into(),
    }))
}
