//! Bulk e-mail registration's API: a file checked, a batch made of it, read, and decided, each
//! within service hours (R11) like every maker's and checker's step; the work is in
//! `maker_checker::email_batch`.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::ensure_open;
use super::maintain::actor;
use crate::api::{
    paths, Confirmation, EmailBatchCheck, EmailBatchSummary, EmailBatchUpload, EmailBatchView,
    Rejection,
};
use crate::i18n::Catalogue;
use crate::server::http::error::ApiFailure;
use crate::server::maker_checker::email_batch;
use crate::server::routes::extract::{ApiJson, AsDa, Spoken};
use crate::server::state::AppState;

/// A file of 5,000 rows of a long user ID and address fits with room to spare.
const MAX_FILE_BYTES: usize = 512 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            paths::DMS_EMAIL_BATCH_CHECK,
            post(check).layer(DefaultBodyLimit::max(MAX_FILE_BYTES)),
        )
        .route(
            paths::DMS_EMAIL_BATCHES,
            get(list)
                .post(make)
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES)),
        )
        .route(paths::DMS_EMAIL_BATCH, get(read))
        .route(paths::DMS_EMAIL_BATCH_CONFIRM, post(confirm))
        .route(paths::DMS_EMAIL_BATCH_REJECT, post(reject))
        .route(paths::DMS_EMAIL_BATCH_WITHDRAW, post(withdraw))
}

fn texts(spoken: Spoken) -> &'static Catalogue {
    spoken.0.unwrap_or_default().catalogue()
}

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

async fn list(
    State(state): State<AppState>,
    da: AsDa,
) -> Result<Json<Vec<EmailBatchSummary>>, ApiFailure> {
    Ok(Json(email_batch::list(&state, actor(&da)).await?))
}

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

async fn reject(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    Path(batch_id): Path<String>,
    ApiJson(rejection): ApiJson<Rejection>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    Ok(Json(
        email_batch::close(&state, actor(&da), &batch_id, Some(&rejection.reason), t).await?,
    ))
}

async fn withdraw(
    State(state): State<AppState>,
    da: AsDa,
    spoken: Spoken,
    Path(batch_id): Path<String>,
) -> Result<Json<EmailBatchView>, ApiFailure> {
    ensure_open(&state).await?;
    let t = texts(spoken);
    Ok(Json(
        email_batch::close(&state, actor(&da), &batch_id, None, t).await?,
    ))
}
