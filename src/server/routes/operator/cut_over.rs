//! The cut-over's dry run and the archive it leaves (R15), for operators: the summary, the
//! users it would remove page by page, both lists as CSV. The move itself and a restore are
//! four-eyes requests (`/api/operator/requests`).

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{
    paths, ArchivePage, ArchivedProfileRow, CutOverDryRun, CutOverProfile, CutOverProfilePage,
    PageQuery,
};
use crate::domain::{hong_kong, ParticipantId};
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput};
use crate::server::http::csv::{attachment, line, paged};
use crate::server::operator::cut_over::{dry_run, listed};
use crate::server::routes::extract::{ApiQuery, AsOperator};
use crate::server::routes::paging::{offset, page_number};
use crate::server::state::AppState;
use crate::server::store::ArchiveEntry;

const PER_PAGE: u32 = 50;
/// Rows read from the database per chunk of a CSV.
const CHUNK: i64 = 1000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(summary))
        .routes(routes!(users))
        .routes(routes!(removal_csv))
        .routes(routes!(archive))
        .routes(routes!(archive_csv))
}

/// Which page of which participant (all when none).
fn parse(query: &PageQuery) -> Result<(u32, Option<ParticipantId>), InvalidInput> {
    let mut errors = InvalidInput::new();
    let page = errors.check("page", page_number(query.page.as_deref()));
    let participant = errors.check(
        "participant",
        query
            .participant
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(ParticipantId::parse)
            .transpose()
            .map_err(FieldProblem::Id),
    );
    errors.finish()?;
    Ok((page.expect("checked"), participant.expect("checked")))
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_CUT_OVER,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "The dry run of the cut-over (R15).", body = CutOverDryRun),
        AsOperator
    )
)]
async fn summary(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<CutOverDryRun>, ApiFailure> {
    Ok(Json(dry_run(&state).await?))
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_CUT_OVER_PROFILES,
    tag = "operator",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the users the cut-over would remove.", body = CutOverProfilePage),
        AsOperator, InvalidInput
    )
)]
async fn users(
    State(state): State<AppState>,
    _operator: AsOperator,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<CutOverProfilePage>, ApiFailure> {
    let (page, participant) = parse(&query)?;
    let (total, profiles) = state
        .store
        .users_to_remove(
            participant.as_ref(),
            i64::from(PER_PAGE),
            offset(page, PER_PAGE),
        )
        .await?;
    Ok(Json(CutOverProfilePage {
        total,
        page,
        per_page: PER_PAGE,
        profiles: profiles.iter().map(listed).collect(),
    }))
}

const PROFILE_HEADER: [&str; 7] = [
    "User ID",
    "Participant ID",
    "Kind",
    "Name",
    "Status",
    "Last log-in",
    "Last log-in method",
];

fn profile_cells(p: &CutOverProfile) -> [&str; 7] {
    [
        &p.user_id,
        &p.participant_id,
        &p.kind,
        &p.name,
        &p.status,
        p.last_login_at.as_deref().unwrap_or_default(),
        p.last_login_method.as_deref().unwrap_or_default(),
    ]
}

/// Every profile the cut-over would remove: the DAs first, then the users by ID.
#[utoipa::path(
    get,
    path = paths::OPERATOR_CUT_OVER_CSV,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "The dry run as CSV.", body = String, content_type = "text/csv"),
        AsOperator
    )
)]
async fn removal_csv(
    State(state): State<AppState>,
    operator: AsOperator,
) -> Result<Response, ApiFailure> {
    let login = crate::domain::LoginId::Operator(operator.operator.clone());
    state
        .audit_read(
            &login,
            crate::domain::AuditAction::ProfilesDownloaded,
            None,
            "cut-over dry run",
        )
        .await?;
    let das: String = dry_run(&state)
        .await?
        .das
        .iter()
        .map(|p| line(&profile_cells(p)))
        .collect();
    let users = paged(CHUNK, move |offset, limit| {
        let state = state.clone();
        async move {
            let (_, profiles) = state.store.users_to_remove(None, limit, offset).await?;
            Ok(profiles
                .iter()
                .map(|p| line(&profile_cells(&listed(p))))
                .collect())
        }
    });
    let records = futures_util::StreamExt::chain(futures_util::stream::iter([Ok(das)]), users);
    Ok(attachment("cut-over-dry-run.csv", &PROFILE_HEADER, records))
}

fn archived(entry: &ArchiveEntry) -> ArchivedProfileRow {
    ArchivedProfileRow {
        archive_id: entry.archive_id.clone(),
        profile: listed(&entry.profile),
        email: entry.email.clone(),
        archived_at: hong_kong::format_date_time(entry.archived_at),
        state: entry.state.clone(),
        state_changed_at: entry.state_changed_at.map(hong_kong::format_date_time),
    }
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_ARCHIVE,
    tag = "operator",
    params(PageQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the archived profiles.", body = ArchivePage),
        AsOperator, InvalidInput
    )
)]
async fn archive(
    State(state): State<AppState>,
    _operator: AsOperator,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<ArchivePage>, ApiFailure> {
    let (page, participant) = parse(&query)?;
    let (total, entries) = state
        .store
        .archive(
            participant.as_ref(),
            i64::from(PER_PAGE),
            offset(page, PER_PAGE),
        )
        .await?;
    Ok(Json(ArchivePage {
        total,
        page,
        per_page: PER_PAGE,
        rows: entries.iter().map(archived).collect(),
    }))
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_ARCHIVE_CSV,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "The archive as CSV.", body = String, content_type = "text/csv"),
        AsOperator
    )
)]
async fn archive_csv(
    State(state): State<AppState>,
    operator: AsOperator,
) -> Result<Response, ApiFailure> {
    let login = crate::domain::LoginId::Operator(operator.operator.clone());
    state
        .audit_read(
            &login,
            crate::domain::AuditAction::ProfilesDownloaded,
            None,
            "archive",
        )
        .await?;
    let mut header = PROFILE_HEADER.to_vec();
    header.extend(["Archived at", "State", "State changed at"]);
    let records = paged(CHUNK, move |offset, limit| {
        let state = state.clone();
        async move {
            let (_, entries) = state.store.archive(None, limit, offset).await?;
            Ok(entries
                .iter()
                .map(|e| {
                    let row = archived(e);
                    let mut cells = profile_cells(&row.profile).to_vec();
                    cells.extend([
                        row.archived_at.as_str(),
                        row.state.as_str(),
                        row.state_changed_at.as_deref().unwrap_or_default(),
                    ]);
                    line(&cells)
                })
                .collect())
        }
    });
    Ok(attachment("archived-profiles.csv", &header, records))
}
