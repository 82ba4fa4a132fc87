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
    paths, Confirmation, EmailBatchCheck, EmailBatchSummary, EmailBatchUpload, EmailBatchView,
    Rejection,
};
use crate::i18n::Catalogue;
use crate::server::failure::ApiFailure;
use crate::server::failure::DmsError;
use crate::server::failure::InvalidInput;
use crate::server::maker_checker::email_batch;
use crate::server::routes::extract::{ApiJson, AsDa, Spoken};
use crate::server::state::AppState;

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
    Ok(Json(
        email_batch::check(&state, actor(&da), &upload.csv, t).await?,
    ))
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
    Ok(Json(
        email_batch::make(&state, actor(&da), &upload.csv, t).await?,
    ))
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
    Ok(Json(email_batch::list(&state, actor(&da)).await?))
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
    Ok(Json(
        email_batch::read(&state, actor(&da), &batch_id, t).await?,
    ))
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
    Ok(Json(
        email_batch::confirm(&state, actor(&da), &batch_id, &confirmation, t).await?,
    ))
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
    Ok(Json(
        email_batch::reject(&state, actor(&da), &batch_id, &reason, t).await?,
    ))
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
    Ok(Json(
        email_batch::withdraw(&state, actor(&da), &batch_id, t).await?,
    ))
}
