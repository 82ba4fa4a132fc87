//! The readiness report (R29): every participant for the operator, with a CSV. (A DA's own
//! participant is the DMS's: `routes/dms/readiness.rs`.)

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{paths, ReadinessReport, ReadinessRow};
use crate::domain::hong_kong;
use crate::domain::readiness::Readiness;
use crate::server::failure::ApiFailure;
use crate::server::http::csv::{attachment, line};
use crate::server::routes::extract::AsOperator;
use crate::server::state::AppState;
use crate::server::store::ParticipantReadiness;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(report))
        .routes(routes!(report_csv))
}

fn assemble(state: &AppState, rows: &[ParticipantReadiness]) -> ReadinessReport {
    ReadinessReport {
        participants: rows
            .iter()
            .map(|r| ReadinessRow::of(r.participant.as_str(), &r.name, r.counts))
            .collect(),
        total: ReadinessRow::of("", "", Readiness::sum(rows.iter().map(|r| r.counts))),
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
