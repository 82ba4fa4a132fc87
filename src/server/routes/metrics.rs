//! `GET /metrics` for Prometheus, answered only to the machine itself and the trusted proxies
//! (a scraper beside the balancer); anyone else gets the API's 404.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::api::paths;
use crate::server::failure::{ApiFailure, RequestError};
use crate::server::http::client_address::is_trusted_proxy;
use crate::server::state::AppState;

#[utoipa::path(
    get,
    path = paths::METRICS,
    tag = "health",
    responses(
        (status = 200, description = "Prometheus text exposition.", body = String, content_type = "text/plain; version=0.0.4; charset=utf-8"),
        (status = 404, description = "Asked from neither the machine itself nor a trusted proxy.", body = crate::api::ApiError)
    )
)]
pub async fn scrape(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Result<Response, ApiFailure> {
    let ip = peer.ip();
    if !ip.is_loopback() && !is_trusted_proxy(&state.config.trusted_proxy, &ip) {
        return Err(RequestError::NotFound.into());
    }
    let (requests, batches, outbox) = state.store.metrics_counts().await?;
    let text = crate::server::metrics::render(requests, batches, outbox);
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response())
}
