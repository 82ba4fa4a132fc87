//! The operator console's API (`/api/operator/…`): every handler takes [`AsOperator`], so only
//! the clearing house's operators reach it.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use crate::api::{paths, ParticipantSummary};
use crate::server::http::error::ApiFailure;
use crate::server::routes::extract::AsOperator;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(paths::OPERATOR_PARTICIPANTS, get(participants))
}

async fn participants(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<Vec<ParticipantSummary>>, ApiFailure> {
    let rows = state.store.participants().await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| ParticipantSummary {
                participant_id: p.id.to_string(),
                name: p.name,
                kind: p.kind,
                profiles: p.profiles,
            })
            .collect(),
    ))
}
