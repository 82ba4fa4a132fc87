//! `GET /api/phase`: the migration phase (R12), for anyone: the log-in pages and the menus show
//! what the phase allows (Table 1, R13), while the server enforces it on every request.

use axum::extract::State;
use axum::Json;

use crate::api::paths;
use crate::api::PhaseView;
use crate::server::failure::ApiFailure;
use crate::server::state::AppState;

#[utoipa::path(
    get,
    path = paths::PHASE,
    tag = "health",
    responses(
        (status = 200, description = "The migration phase (R12).", body = PhaseView)
    )
)]
pub async fn phase(State(state): State<AppState>) -> Result<Json<PhaseView>, ApiFailure> {
    let phase = state.store.migration_phase().await?;
    Ok(Json(PhaseView {
        phase: phase.as_str().to_owned(),
        next: phase.next().map(|p| p.as_str().to_owned()),
        changed_at: None,
    }))
}
