use axum::extract::State;
use axum::Json;

use crate::api::paths;
use crate::api::HealthResponse;
use crate::server::failure::{ApiFailure, RequestError};
use crate::server::state::AppState;

/// `{"status":"ok"}` while the database answers; 503 otherwise, for load balancers.
#[utoipa::path(
    get,
    path = paths::HEALTH,
    tag = "health",
    responses(
        (status = 200, description = "The server and its database answer.", body = HealthResponse)
    )
)]
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

/// `{"status":"ready"}` once the database answers with every migration of this version applied;
/// 503 otherwise, so that a load balancer sends nothing to an instance whose schema is behind.
#[utoipa::path(
    get,
    path = paths::READY,
    tag = "health",
    responses(
        (status = 200, description = "Ready for traffic: the schema is this version's.", body = HealthResponse)
    )
)]
pub async fn ready(State(state): State<AppState>) -> Result<Json<HealthResponse>, ApiFailure> {
    match state.store.migrations_current().await {
        Ok(true) => Ok(Json(HealthResponse {
            status: "ready".into(),
        })),
        Ok(false) => {
            tracing::error!("readiness: the database lacks migrations of this version");
            Err(RequestError::Unavailable.into())
        }
        Err(error) => {
            tracing::error!(
                error = format!("{error:#}"),
                "readiness: database unreachable"
            );
            Err(RequestError::Unavailable.into())
        }
    }
}
