//! `/.well-known/openid-configuration` and the JWKS: public documents, cached briefly by
//! anyone and readable from any origin.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::server::oidc::discovery;
use crate::server::state::AppState;

/// Seconds a relying party may keep the document or the keys: less than a staged key waits
/// before it signs, so no relying party meets a `kid` it could not have read.
const KEPT_FOR_SECONDS: &str = "public, max-age=60";

pub async fn configuration(State(state): State<AppState>) -> Response {
    match &state.provider.issuer {
        Some(issuer) => public(Json(discovery::document(issuer))),
        None => no_issuer(),
    }
}

pub async fn jwks(State(state): State<AppState>) -> Result<Response, Response> {
    if state.provider.issuer.is_none() {
        return Err(no_issuer());
    }
    let keys = state
        .provider
        .keys
        .current(&state.store, state.now())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading the signing keys");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        })?;
    Ok(public(Json(keys.jwks().clone())))
}

fn public(body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(KEPT_FOR_SECONDS),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// A server reached by other names than loopback provides nothing until given `--issuer`.
fn no_issuer() -> Response {
    let body = json!({
        "error": "not_found",
        "error_description": "this server is not an OpenID Provider until it is given --issuer",
    });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}
