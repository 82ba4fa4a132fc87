//! A DA's own participant's readiness (R29), on the DMS home.

use axum::extract::State;
use axum::Json;

use crate::api::{paths, ReadinessRow};
use crate::domain::readiness::Readiness;
use crate::server::failure::ApiFailure;
use crate::server::routes::extract::AsDa;
use crate::server::state::AppState;

/// The DA's own participant: one row, which is also the total.
#[utoipa::path(
    get,
    path = paths::DMS_READINESS,
    tag = "dms",
    security(("session" = [])),
    responses(
        (status = 200, description = "The DA's own participant's readiness (R29).", body = ReadinessRow),
        AsDa
    )
)]
pub(super) async fn own(
    State(state): State<AppState>,
    da: AsDa,
) -> Result<Json<ReadinessRow>, ApiFailure> {
    let rows = state.store.readiness(Some(&da.participant)).await?;
    let counts = Readiness::sum(rows.iter().map(|r| r.counts));
    let name = rows.first().map(|r| r.name.as_str()).unwrap_or_default();
    Ok(Json(ReadinessRow::of(
        da.participant.as_str(),
        name,
        counts,
    )))
}
