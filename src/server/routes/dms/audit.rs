//! The DA's own participant's audit trail, newest first.

use axum::extract::State;
use axum::Json;

use crate::api::paths;
use crate::api::{AuditEntry, AuditQuery, AuditTrail};
use crate::domain::hong_kong;
use crate::server::failure::DmsError;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput};
use crate::server::routes::extract::{ApiQuery, AsDa};
use crate::server::state::AppState;

const PER_PAGE: u32 = 50;

#[utoipa::path(
    get,
    path = paths::DMS_AUDIT,
    tag = "dms",
    params(AuditQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the participant's audit trail.", body = AuditTrail),
        AsDa, DmsError, InvalidInput
    )
)]
pub async fn trail(
    State(state): State<AppState>,
    da: AsDa,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditTrail>, ApiFailure> {
    let page = match query
        .page
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => 1,
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or_else(|| InvalidInput::of("page", FieldProblem::NotOffered))?,
    };
    let (total, events) = state
        .store
        .participant_audit(
            &da.participant,
            i64::from(PER_PAGE),
            i64::from((page - 1) * PER_PAGE),
        )
        .await?;
    let events = events
        .into_iter()
        .map(|e| AuditEntry {
            at: jiff::Timestamp::from_millisecond(e.at)
                .map(hong_kong::format_date_time)
                .unwrap_or_default(),
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            detail: e.detail,
        })
        .collect();
    Ok(Json(AuditTrail {
        total,
        page,
        per_page: PER_PAGE,
        events,
    }))
}
