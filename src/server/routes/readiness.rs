//! The readiness report (R29): every participant for the operator, with a CSV; a DA's own
//! participant on the DMS home.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{paths, ReadinessReport, ReadinessRow};
use crate::domain::hong_kong;
use crate::domain::readiness::Readiness;
use crate::server::http::csv::{attachment, line};
use crate::server::http::error::ApiFailure;
use crate::server::routes::extract::{AsDa, AsOperator};
use crate::server::state::AppState;
use crate::server::store::ParticipantReadiness;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(report))
        .routes(routes!(report_csv))
        .routes(routes!(own))
}

fn row(participant_id: &str, name: &str, counts: Readiness) -> ReadinessRow {
    ReadinessRow {
        participant_id: participant_id.to_owned(),
        name: name.to_owned(),
        profiles: counts.profiles,
        with_email: counts.with_email(),
        without_email: counts.without_email,
        two_factor: counts.two_factor,
        smartcard_only: counts.smartcard_only,
        never_logged_in: counts.never_logged_in(),
    }
}

fn assemble(state: &AppState, rows: &[ParticipantReadiness]) -> ReadinessReport {
    ReadinessReport {
        participants: rows
            .iter()
            .map(|r| row(r.participant.as_str(), &r.name, r.counts))
            .collect(),
        total: row("", "", Readiness::sum(rows.iter().map(|r| r.counts))),
        counted_at: hong_kong::format_date_time(state.now()),
    }
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_READINESS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "Readiness of every participant (R29).", body = ReadinessReport),
        AsOperator
    )
)]
async fn report(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<ReadinessReport>, ApiFailure> {
    let rows = state.store.readiness(None).await?;
    Ok(Json(assemble(&state, &rows)))
}

const HEADER: [&str; 8] = [
    "Participant ID",
    "Name",
    "Profiles",
    "With e-mail",
    "Without e-mail",
    "Logged in by 2FA",
    "Only by smartcard",
    "Never logged in",
];

fn csv_line(r: &ReadinessRow) -> String {
    let numbers = [
        r.profiles,
        r.with_email,
        r.without_email,
        r.two_factor,
        r.smartcard_only,
        r.never_logged_in,
    ]
    .map(|n| n.to_string());
    let mut cells = vec![r.participant_id.as_str(), r.name.as_str()];
    cells.extend(numbers.iter().map(String::as_str));
    line(&cells)
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_READINESS_CSV,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "The readiness report as CSV.", body = String, content_type = "text/csv"),
        AsOperator
    )
)]
async fn report_csv(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Response, ApiFailure> {
    let rows = state.store.readiness(None).await?;
    let mut report = assemble(&state, &rows);
    report.total.participant_id = "TOTAL".into();
    let text: String = report
        .participants
        .iter()
        .chain([&report.total])
        .map(csv_line)
        .collect();
    let records = futures_util::stream::iter([Ok(text)]);
    Ok(attachment("readiness.csv", &HEADER, records))
}

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
async fn own(State(state): State<AppState>, da: AsDa) -> Result<Json<ReadinessRow>, ApiFailure> {
    let rows = state.store.readiness(Some(&da.participant)).await?;
    let counts = Readiness::sum(rows.iter().map(|r| r.counts));
    let name = rows.first().map(|r| r.name.as_str()).unwrap_or_default();
    Ok(Json(row(da.participant.as_str(), name, counts)))
}
