//! Serves the built SPA with history fallback (a deep link such as `/dms/users/B0123401` loads
//! the app), and the security headers every response carries.

use std::path::Path;

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn service(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(dist.join("index.html")))
}

/// The Content-Security-Policy: scripts from this origin only, plus the start-up script Trunk
/// writes inline into `index.html`, allowed by its hash; so injected markup cannot run script.
pub fn content_security_policy(index_html: Option<&str>) -> String {
    let hashes: String = index_html
        .into_iter()
        .flat_map(inline_scripts)
        .map(|script| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements without `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, body) = rest.split_once('>')?;
        let (content, _) = body.split_once("</script>")?;
        (!tag.contains("src=")).then_some(content)
    })
}

/// Headers that cost nothing and close whole classes of attack: no framing (clickjacking), no
/// MIME sniffing, no referrer leaking user IDs in URLs, no script but ours.
/// HSTS for a year, subdomains included: a browser that once reached the server over HTTPS never
/// tries plain HTTP again.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The security headers of every answer; `https` adds HSTS (never sent over plain HTTP, where
/// browsers ignore it).
pub fn with_security_headers(router: Router, csp: &str, https: bool) -> Router {
    let router = if https {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ))
    } else {
        router
    };
    let router = match HeaderValue::from_str(csp) {
        Ok(value) => router.layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            value,
        )),
        Err(_) => router,
    };
    let headers: [(HeaderName, &'static str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    headers.into_iter().fold(router, |router, (name, value)| {
        router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_inline_start_up_scripts_by_hash_only() {
        let html =
            "<head><script type=\"module\">start()</script><script src=\"/x.js\"></script></head>";
        let csp = content_security_policy(Some(html));
        let expected = STANDARD.encode(Sha256::digest(b"start()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("sha256-").count(), 1);
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!content_security_policy(None).contains("sha256"));
    }
}
