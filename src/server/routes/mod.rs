//! The JSON API under `/api`, one module per area.

mod auth;
pub mod contract;
mod dev_mailbox;
mod dms;
pub mod extract;
mod health;
mod metrics;
mod oidc;
mod operator;
mod paging;
mod passkey_settings;
mod phase;
mod session;
mod settings;
mod test_support;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::state::AppState;
use crate::api::paths;
use crate::server::failure::{ApiFailure, RequestError};
use crate::server::http::csrf::require_spa_header;
use crate::server::http::error::speak_failures;

/// No request of this API carries more than a few kilobytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every route of the contract: what the API serves in production, each handler with its
/// `#[utoipa::path]`. The router and the document come from the same list, so a route cannot be
/// served without being documented.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(contract::ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::ready))
        .routes(routes!(metrics::scrape))
        .routes(routes!(phase::phase))
        .merge(auth::router())
        .merge(session::router())
        .merge(settings::router())
        .merge(passkey_settings::router())
        .merge(dms::router())
        .merge(operator::router())
}

/// The API's OpenAPI 3.1 document, as `/api/openapi.json` serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    contract::finish(documented().into_openapi())
}

pub fn api(state: AppState) -> Router {
    let (documented, document) = documented().split_for_parts();
    let document = contract::Published::of(contract::finish(document));
    // Tests' and the demo's own routes stay out of the contract.
    let mut router = documented
        .route(
            paths::OPENAPI,
            get(move || std::future::ready(document.clone())),
        )
        .merge(test_support::router(&state));
    if state.config.demo && state.mailer.is_local() {
        router = router.route(paths::MAILBOX, get(dev_mailbox::list));
    }
    router
        // Unknown API paths answer JSON, never the SPA.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), require_spa_header))
        .layer(from_fn(speak_failures))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Answers carry sessions, TOTP secrets and recovery codes: no cache may keep any.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

/// The OpenID Provider's endpoints, beside the API (see `oidc`).
pub fn provider(state: AppState) -> Router {
    oidc::router(&state.store).with_state(state)
}

async fn not_found() -> ApiFailure {
    RequestError::NotFound.into()
}

async fn method_not_allowed() -> ApiFailure {
    RequestError::MethodNotAllowed.into()
}
