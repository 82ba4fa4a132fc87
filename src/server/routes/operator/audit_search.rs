//! The operators' search of the whole audit trail (issue 16): by participant, actor, subject
//! and Hong Kong dates, newest first, a page at a time, and the same search as CSV.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{paths, AuditEntry, AuditSearch, AuditTrail};
use crate::domain::DetailError;
use crate::domain::{hong_kong, AuditAction, LoginId, ParticipantId};
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput};
use crate::server::http::csv::{attachment, line, paged};
use crate::server::routes::extract::{ApiQuery, AsOperator};
use crate::server::routes::paging::{offset, page_number};
use crate::server::state::AppState;
use crate::server::store::{AuditFilter, StoredAuditEvent};

const PER_PAGE: u32 = 50;
const CHUNK: i64 = 1000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(search_csv))
}

fn text(raw: &Option<String>) -> Option<String> {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_uppercase)
}

fn parse(query: &AuditSearch) -> Result<(u32, AuditFilter), InvalidInput> {
    let mut errors = InvalidInput::new();
    let page = errors.check("page", page_number(query.page.as_deref()));
    let participant = errors.check(
        "participant",
        text(&query.participant)
            .map(|p| ParticipantId::parse(&p).map(|p| p.as_str().to_owned()))
            .transpose()
            .map_err(FieldProblem::Id),
    );
    let mut day = |field: &'static str, raw: &Option<String>| {
        errors.check(
            field,
            raw.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<jiff::civil::Date>()
                        .map_err(|_| FieldProblem::Detail(DetailError::NotADate))
                })
                .transpose(),
        )
    };
    let (from, to) = (day("from", &query.from), day("to", &query.to));
    errors.finish()?;
    let (from, to) = (from.expect("checked"), to.expect("checked"));
    Ok((
        page.expect("checked"),
        AuditFilter {
            participant: participant.expect("checked"),
            actor: text(&query.actor),
            subject: text(&query.subject),
            from: from.map(|d| hong_kong::start_of(d).as_millisecond()),
            to: to
                .and_then(|d| d.tomorrow().ok())
                .map(|d| hong_kong::start_of(d).as_millisecond()),
        },
    ))
}

fn entry(event: StoredAuditEvent) -> AuditEntry {
    AuditEntry {
        at: jiff::Timestamp::from_millisecond(event.at)
            .map(hong_kong::format_date_time)
            .unwrap_or_default(),
        actor: event.actor,
        action: event.action,
        subject: event.subject,
        detail: event.detail,
    }
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_AUDIT,
    tag = "operator",
    params(AuditSearch),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the audit trail searched.", body = AuditTrail),
        AsOperator, InvalidInput
    )
)]
async fn search(
    State(state): State<AppState>,
    _operator: AsOperator,
    ApiQuery(query): ApiQuery<AuditSearch>,
) -> Result<Json<AuditTrail>, ApiFailure> {
    let (page, filter) = parse(&query)?;
    let (total, events) = state
        .store
        .search_audit(&filter, i64::from(PER_PAGE), offset(page, PER_PAGE))
        .await?;
    Ok(Json(AuditTrail {
        total,
        page,
        per_page: PER_PAGE,
        events: events.into_iter().map(entry).collect(),
    }))
}

/// The search's every event as CSV; the export is itself recorded.
#[utoipa::path(
    get,
    path = paths::OPERATOR_AUDIT_CSV,
    tag = "operator",
    params(AuditSearch),
    security(("session" = [])),
    responses(
        (status = 200, description = "The search as CSV.", body = String, content_type = "text/csv"),
        AsOperator, InvalidInput
    )
)]
async fn search_csv(
    State(state): State<AppState>,
    operator: AsOperator,
    ApiQuery(query): ApiQuery<AuditSearch>,
) -> Result<Response, ApiFailure> {
    let (_, filter) = parse(&query)?;
    let detail = serde_json::to_string(&query).unwrap_or_default();
    state
        .audit_read(
            &LoginId::Operator(operator.operator.clone()),
            AuditAction::ProfilesDownloaded,
            None,
            &detail,
        )
        .await?;
    let records = paged(CHUNK, move |offset, limit| {
        let (state, filter) = (state.clone(), filter.clone());
        async move {
            let (_, events) = state.store.search_audit(&filter, limit, offset).await?;
            Ok(events
                .into_iter()
                .map(|e| {
                    let e = entry(e);
                    line(&[
                        &e.at,
                        &e.actor,
                        &e.action,
                        e.subject.as_deref().unwrap_or_default(),
                        &e.detail,
                    ])
                })
                .collect())
        }
    });
    Ok(attachment(
        "audit-trail.csv",
        &["At (Hong Kong)", "Actor", "Action", "Subject", "Detail"],
        records,
    ))
}
