//! CSRF defence for state-changing API calls, beside the SameSite=Strict cookie: the SPA marks
//! its requests with a custom header that a cross-site form or a simple fetch cannot send, and a
//! present `Origin` must be this server's own: scheme, host and port.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::CSRF_HEADER;
use crate::server::failure::{ApiFailure, RequestError};
use crate::server::http::client_address::{is_trusted_proxy, peer_address};
use crate::server::state::AppState;

pub async fn require_spa_header(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin_spa_request(&request, &state) {
        return next.run(request).await;
    }
    ApiFailure::from(RequestError::CsrfRejected).into_response()
}

fn is_same_origin_spa_request(request: &Request, state: &AppState) -> bool {
    let headers = request.headers();
    if !headers.contains_key(CSRF_HEADER) {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let (Ok(origin), Some(Ok(host))) = (
        origin.to_str(),
        headers.get(header::HOST).map(|h| h.to_str()),
    ) else {
        return false;
    };
    let from_proxy = peer_address(request.extensions())
        .is_some_and(|peer| is_trusted_proxy(&state.config.trusted_proxy, &peer));
    let scheme = if from_proxy {
        forwarded_proto(headers).unwrap_or("http")
    } else {
        state.transport.scheme()
    };
    same_origin(origin, scheme, host)
}

fn forwarded_proto(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim)
}

/// Whether `origin` (`scheme://host[:port]`) names the site a request reached at `host` over
/// `scheme`; a missing port is the scheme's default.
pub fn same_origin(origin: &str, scheme: &str, host: &str) -> bool {
    let Some((origin_scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let origin = authority_of(authority, scheme);
    origin_scheme.eq_ignore_ascii_case(scheme)
        && origin.is_some()
        && origin == authority_of(host, scheme)
}

fn authority_of(authority: &str, scheme: &str) -> Option<(String, u16)> {
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let authority = authority.trim_end_matches('/');
    let (host, port) = match authority.rsplit_once(':') {
        // An IPv6 literal's last colon is inside its brackets.
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => default_port,
    };
    (!host.is_empty()).then(|| (host.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_host_and_port_must_all_match() {
        assert!(same_origin(
            "http://127.0.0.1:8080",
            "http",
            "127.0.0.1:8080"
        ));
        assert!(same_origin(
            "https://ccass.example.com",
            "https",
            "ccass.example.com:443"
        ));
        assert!(same_origin("http://[::1]:8080", "http", "[::1]:8080"));
        assert!(!same_origin(
            "https://127.0.0.1:8080",
            "http",
            "127.0.0.1:8080"
        ));
        assert!(!same_origin(
            "http://127.0.0.1:8081",
            "http",
            "127.0.0.1:8080"
        ));
        assert!(!same_origin(
            "http://evil.example",
            "http",
            "127.0.0.1:8080"
        ));
        assert!(!same_origin("null", "http", "127.0.0.1:8080"));
        assert!(!same_origin("http://127.0.0.1:8080", "http", "127.0.0.1"));
    }
}
