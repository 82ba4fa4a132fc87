//! The response boundary of the error model (`server::failure`): a failure becomes its status
//! and body here, and is worded in the caller's language here and nowhere else. Anything
//! unexpected is logged with its whole cause chain and answered with an opaque 500.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::i18n::Language;
use crate::server::failure::{error_body, ApiFailure, Explain, Internal};

/// The failure a response stands for, kept so [`speak_failures`] can word it in the caller's
/// language.
#[derive(Clone)]
struct Unworded(Arc<dyn Explain>);

fn respond(failure: Arc<dyn Explain>) -> Response {
    let status =
        StatusCode::from_u16(failure.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = error_body(failure.as_ref(), Language::English.catalogue());
    let mut response = (status, Json(body)).into_response();
    if let Some(seconds) = failure.retry_after_seconds() {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            seconds.max(1).to_string().parse().expect("digits"),
        );
    }
    response.extensions_mut().insert(Unworded(failure));
    response
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        match self {
            Self::Expected(failure) => respond(failure),
            Self::Unexpected(error) => {
                tracing::error!(error = format!("{error:#}"), "unexpected failure");
                respond(Arc::new(Internal))
            }
        }
    }
}

/// The language the caller stated in `Accept-Language`, if any.
pub fn stated_language(headers: &HeaderMap) -> Option<Language> {
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Language::negotiate)
}

/// The language to answer in: the stated one, or English.
pub fn request_language(headers: &HeaderMap) -> Language {
    stated_language(headers).unwrap_or_default()
}

/// Middleware, the response boundary: a failure is worded in the caller's language here and
/// nowhere else.
pub async fn speak_failures(request: Request, next: Next) -> Response {
    let language = request_language(request.headers());
    let mut response = next.run(request).await;
    if language == Language::English {
        return response;
    }
    if let Some(Unworded(failure)) = response.extensions().get::<Unworded>().cloned() {
        let body = error_body(failure.as_ref(), language.catalogue());
        let bytes = serde_json::to_vec(&body).expect("an ApiError serialises");
        response.headers_mut().remove(header::CONTENT_LENGTH);
        *response.body_mut() = axum::body::Body::from(bytes);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::security::hash_pool::HashPoolBusy;

    #[test]
    fn a_busy_hashing_pool_is_a_503_with_retry_after_and_a_fault_a_500() {
        let busy = ApiFailure::from(anyhow::Error::from(HashPoolBusy)).into_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers()[header::RETRY_AFTER], "2");
        let fault = ApiFailure::from(anyhow::anyhow!("disk on fire")).into_response();
        assert_eq!(fault.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
