//! Bulk e-mail registration's API: a file checked, a batch made of it, read, and decided, each
//! within service hours (R11) like every maker's and checker's step; the work is in
//! `maker_checker::email_batch`.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::actor;
use super::ensure_open;
use crate::api::{
    paths, BatchRowView, CheckedRow, Confirmation, EmailBatchCheck, EmailBatchSummary,
    EmailBatchUpload, EmailBatchView, Rejection,
};
use crate::domain::bulk_email::{RowOutcome, RowProblem, RowRefusal, RowVerdict};
use crate::domain::{hong_kong, LoginId};
use crate::i18n::Catalogue;
use crate::server::failure::ApiFailure;
use crate::server::failure::DmsError;
use crate::server::failure::InvalidInput;
use crate::server::four_eyes;
use crate::server::maker_checker;
use crate::server::maker_checker::email_batch::{self, Batches, Judged};
use crate::server::routes::extract::{ApiJson, AsDa, Spoken};
use crate::server::state::AppState;
use crate::server::store::StoredBatch;

/// E-mail batches as this DA reaches them.
fn batches(da: &AsDa) -> Batches<'_> {
    Batches::new(actor(da))
}

/// A file of 5,000 rows of a long user ID and address fits with room to spare.
const MAX_FILE_BYTES: usize = 512 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    // A file of e-mails is larger than any other request.
    let uploads = OpenApiRouter::new()
        .routes(routes!(check))
        .routes(routes!(list, make))
        .layer(DefaultBodyLimit::max(MAX_FILE_BYTES));
    OpenApiRouter::new()
        .merge(uploads)
        .routes(routes!(read))
        .routes(routes!(confirm))
        .routes(routes!(reject))
        .routes(routes!(withdraw))
}

fn texts(spoken: Spoken) -> &'static Catalogue {
    spoken.0.unwrap_or_default().catalogue()
}

#[utoipa::path(
    post,
    path = paths::DMS_EMAIL_BATCH_CHECK,
    tag = "dms",
    request_body = EmailBatchUpload,
    security(("session" = [])),
    responses(
        (status = 200, description = "Each row checked; nothing written.", body = EmailBatchCheck),
        AsDa, DmsError, InvalidInput
    )
)]
async fn check(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    ApiJson(upload): ApiJson<EmailBatchUpload>,
) -> Result<Json<EmailBatchCheck>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    let judged = email_batch::check(&state, actor(&da), &upload.csv).await?;
    Ok(Json(checked(&judged, t)))
}

#[utoipa::path(
    post,
    path = paths::DMS_EMAIL_BATCHES,
    tag = "dms",
    request_body = EmailBatchUpload,
    security(("session" = [])),
    responses(
        (status = 200, description = "The batch, pending a checker.", body = EmailBatchView),
        AsDa, DmsError, InvalidInput
    )
)]
async fn make(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    ApiJson(upload): ApiJson<EmailBatchUpload>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    let made = email_batch::make(&state, actor(&da), &upload.csv).await?;
    Ok(Json(view(&made, &da.session.login_id, t)))
}

#[utoipa::path(
    get,
    path = paths::DMS_EMAIL_BATCHES,
    tag = "dms",
    security(("session" = [])),
    responses(
        (status = 200, description = "The participant's batches.", body = Vec<EmailBatchSummary>),
        AsDa, DmsError
    )
)]
async fn list(
    State(state): State<AppState>,
    da: AsDa,
) -> Result<Json<Vec<EmailBatchSummary>>, ApiFailure> {
    let batches = state.store.email_batches(&da.participant).await?;
    Ok(Json(
        batches
            .into_iter()
            .map(
                |(batch_id, maker, status, created_at, rows)| EmailBatchSummary {
                    batch_id,
                    made_by_me: maker == da.session.login_id,
                    maker_id: maker.as_str().to_owned(),
                    status,
                    rows: rows as u32,
                    created_at: hong_kong::format_date_time(created_at),
                },
            )
            .collect(),
    ))
}

#[utoipa::path(
    get,
    path = paths::DMS_EMAIL_BATCH,
    tag = "dms",
    params(("batch_id" = String, Path, description = "A batch ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "One batch with its rows.", body = EmailBatchView),
        AsDa, DmsError
    )
)]
async fn read(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    Path(batch_id): Path<String>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    let t = texts(spoken);
    Ok(Json(view(
        &email_batch::read(&state, actor(&da), &batch_id).await?,
        &da.session.login_id,
        t,
    )))
}

#[utoipa::path(
    post,
    path = paths::DMS_EMAIL_BATCH_CONFIRM,
    tag = "dms",
    params(("batch_id" = String, Path, description = "A batch ID.")),
    request_body = Confirmation,
    security(("session" = [])),
    responses(
        (status = 200, description = "Authorised: each row applied or refused.", body = EmailBatchView),
        AsDa, DmsError, InvalidInput
    )
)]
async fn confirm(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    Path(batch_id): Path<String>,
    ApiJson(confirmation): ApiJson<Confirmation>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    Ok(Json(view(
        &maker_checker::confirm(&state, actor(&da), &batches(&da), &batch_id, &confirmation)
            .await?,
        &da.session.login_id,
        t,
    )))
}

#[utoipa::path(
    post,
    path = paths::DMS_EMAIL_BATCH_REJECT,
    tag = "dms",
    params(("batch_id" = String, Path, description = "A batch ID.")),
    request_body = Rejection,
    security(("session" = [])),
    responses(
        (status = 200, description = "Rejected.", body = EmailBatchView),
        AsDa, DmsError, InvalidInput
    )
)]
async fn reject(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    Path(batch_id): Path<String>,
    ApiJson(rejection): ApiJson<Rejection>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    let reason = crate::server::failure::reason(&rejection.reason)?;
    Ok(Json(view(
        &four_eyes::reject(
            &state,
            &batches(&da),
            &batch_id,
            &da.session.login_id,
            &reason,
        )
        .await?,
        &da.session.login_id,
        t,
    )))
}

#[utoipa::path(
    post,
    path = paths::DMS_EMAIL_BATCH_WITHDRAW,
    tag = "dms",
    params(("batch_id" = String, Path, description = "A batch ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Withdrawn by its maker.", body = EmailBatchView),
        AsDa, DmsError
    )
)]
async fn withdraw(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    Path(batch_id): Path<String>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    Ok(Json(view(
        &four_eyes::withdraw(&state, &batches(&da), &batch_id, &da.session.login_id).await?,
        &da.session.login_id,
        t,
    )))
}

/// The check as its screen shows it: counts, and each row with its verdict or problem.
fn checked(judged: &[Judged], t: &'static Catalogue) -> EmailBatchCheck {
    let count = |f: &dyn Fn(&Judged) -> bool| judged.iter().filter(|j| f(j)).count() as u32;
    EmailBatchCheck {
        to_register: count(&|j| matches!(j.result, Ok(v) if v.changes())),
        unchanged: count(&|j| j.result == Ok(RowVerdict::Unchanged)),
        errors: count(&|j| j.result.is_err()),
        rows: judged
            .iter()
            .map(|j| CheckedRow {
                line: j.line as u32,
                user_id: j.user_id.clone(),
                email: j.email.clone(),
                before_email: j.before.clone(),
                verdict: j.result.as_ref().ok().copied(),
                problem: j.result.as_ref().err().map(|p| problem_text(t, p)),
            })
            .collect(),
    }
}

fn problem_text(t: &'static Catalogue, problem: &RowProblem) -> String {
    let b = &t.bulk_email;
    match problem {
        RowProblem::Malformed => b.malformed,
        RowProblem::BadId(e) => t.id_error(*e),
        RowProblem::BadEmail(e) => t.email_error(*e),
        RowProblem::Twice => b.twice,
        RowProblem::NotYours => b.not_yours,
        RowProblem::NoSuchUser => b.no_such_user,
        RowProblem::DaProfile => b.da_profile,
        RowProblem::Pending => b.pending,
    }
    .to_owned()
}

fn outcome_text(t: &'static Catalogue, outcome: RowOutcome) -> &'static str {
    match outcome {
        RowOutcome::Applied => t.bulk_email.outcome_applied,
        RowOutcome::Refused(RowRefusal::Stale) => t.bulk_email.outcome_stale,
        RowOutcome::Refused(RowRefusal::Pending) => t.bulk_email.outcome_pending,
    }
}

/// A batch as its screen shows it to `caller`.
fn view(batch: &StoredBatch, caller: &LoginId, t: &'static Catalogue) -> EmailBatchView {
    let count = |applied: bool| {
        batch
            .rows
            .iter()
            .filter(|r| match r.outcome {
                Some(RowOutcome::Applied) => applied,
                Some(RowOutcome::Refused(_)) => !applied,
                None => false,
            })
            .count() as u32
    };
    EmailBatchView {
        batch_id: batch.batch_id.clone(),
        status: batch.status,
        maker_id: batch.maker.as_str().to_owned(),
        made_by_me: &batch.maker == caller,
        checker_id: batch.checker.as_ref().map(|c| c.as_str().to_owned()),
        reason: batch.reason.clone(),
        created_at: hong_kong::format_date_time(batch.created_at),
        expires_at: hong_kong::format_date_time(batch.expires_at),
        decided_at: batch.decided_at.map(hong_kong::format_date_time),
        applied: count(true),
        refused: count(false),
        rows: batch
            .rows
            .iter()
            .map(|r| BatchRowView {
                line: r.line as u32,
                user_id: r.user_id.as_str().to_owned(),
                before_email: r.before.clone(),
                after_email: r.after.clone(),
                outcome: r.outcome,
                outcome_text: r.outcome.map(|o| outcome_text(t, o).to_owned()),
            })
            .collect(),
    }
}
