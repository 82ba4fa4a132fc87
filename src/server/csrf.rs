//! CSRF defence for state-changing API calls, beside the SameSite=Strict cookie: the SPA marks
//! its requests with a custom header that a cross-site form or a simple fetch cannot send, and a
//! present `Origin` must be this server's own.

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::{request_language, ApiFailure};
use crate::api::{ErrorCode, CSRF_HEADER};

pub async fn require_spa_header(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin_spa_request(&request) {
        return next.run(request).await;
    }
    let t = request_language(request.headers()).catalogue();
    ApiFailure::new(
        StatusCode::FORBIDDEN,
        ErrorCode::CsrfRejected,
        t.csrf_rejected,
    )
    .into_response()
}

fn is_same_origin_spa_request(request: &Request) -> bool {
    let headers = request.headers();
    if !headers.contains_key(CSRF_HEADER) {
        return false;
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or_default();
            let host = host.to_str().unwrap_or_default();
            origin
                .split_once("://")
                .is_some_and(|(_, authority)| authority == host)
        }
        (Some(_), None) => false,
    }
}
