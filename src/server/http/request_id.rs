//! A request ID for every request: the load balancer's `X-Request-Id` when it sends one, else a
//! new one; echoed in the answer and carried by every log line of the request, so a person's
//! report ("request 3f9c…") leads to the server's log.

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};

use crate::server::store::new_row_id;

pub const HEADER: &str = "x-request-id";

#[derive(Clone, Copy, Default)]
pub struct NewRequestIds;

impl MakeRequestId for NewRequestIds {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&new_row_id())
            .ok()
            .map(RequestId::new)
    }
}

/// The span of one request in the log: its method, path and ID.
pub fn span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    )
}
