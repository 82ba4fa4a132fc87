//! Serves the built SPA with history fallback (a deep link such as `/dms/users/B0123401` loads
//! the app), and the security headers every response carries.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Where the workplace bundle (the SPA with the DMS's pages) is built, inside `dist`.
pub const WORKPLACE_DIR: &str = "workplace";

/// The paths the workplace bundle serves: every page of the DMS and of the operator console,
/// but not their log-in pages `/dms` and `/operator`; and profile settings.
pub const WORKPLACE_PATHS: [&str; 3] = ["/dms/{*page}", "/operator/{*page}", "/settings"];

fn index_of(dir: &Path) -> ServeFile {
    ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip()
}

/// The built SPA: the brotli or gzip copy Trunk's hook wrote when the browser takes it, and
/// the log-in bundle's `index.html` for every path the SPA routes itself.
pub fn service(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index_of(dist))
}

/// The workplace bundle's `index.html`, for [`WORKPLACE_PATHS`], when it was built.
pub fn workplace_index(dist: &Path) -> Option<ServeFile> {
    let dir = dist.join(WORKPLACE_DIR);
    dir.join("index.html").is_file().then(|| index_of(&dir))
}

/// Trunk names built files `name-<hash>[_bg].ext`, the hash a 64-bit number in hex without its
/// leading zeros (so 16 digits, now and then fewer): such a file never changes, so a browser may
/// keep it for a year; anything else (index.html above all) is checked each time.
fn is_hashed_name(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Middleware on the SPA's files: immutable caching for hashed names, revalidation otherwise.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_name(request.uri().path());
    let mut response = next.run(request).await;
    let value = if hashed && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// The Content-Security-Policy: scripts from this origin only, plus the start-up script Trunk
/// writes inline into `index.html`, allowed by its hash; so injected markup cannot run script.
pub fn content_security_policy(index_htmls: &[String]) -> String {
    let hashes: String = index_htmls
        .iter()
        .flat_map(|html| inline_scripts(html))
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

/// Browser features the pages never use, switched off so that injected content cannot use them
/// either; WebAuthn (passkeys) stays open to the page itself.
const PERMISSIONS: &str = "accelerometer=(), camera=(), display-capture=(), geolocation=(), \
     gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), \
     publickey-credentials-get=(self)";

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
    let headers: [(HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (HeaderName::from_static("permissions-policy"), PERMISSIONS),
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
    fn only_trunk_s_hashed_file_names_are_cached_for_good() {
        assert!(is_hashed_name("/ccass-access-a2ffe6efab68e778_bg.wasm"));
        assert!(is_hashed_name("/ccass-access-a2ffe6efab68e778.js"));
        assert!(is_hashed_name("/main-79f2c5f45fb55c06.css"));
        // A hash with a leading zero is written one digit shorter.
        assert!(is_hashed_name(
            "/workplace/ccass-access-c01b404fdacf5e5_bg.wasm"
        ));
        assert!(!is_hashed_name("/index.html"));
        assert!(!is_hashed_name("/favicon.svg"));
        assert!(!is_hashed_name("/dms/home"));
        assert!(!is_hashed_name("/some-name-notahexhashvalue.js"));
    }

    #[test]
    fn the_policy_allows_inline_start_up_scripts_by_hash_only() {
        let html =
            "<head><script type=\"module\">start()</script><script src=\"/x.js\"></script></head>";
        // The log-in bundle's page and the workplace bundle's: each start-up script allowed.
        let workplace = "<head><script type=\"module\">start_workplace()</script></head>";
        let csp = content_security_policy(&[html.to_owned(), workplace.to_owned()]);
        for script in ["start()", "start_workplace()"] {
            let expected = STANDARD.encode(Sha256::digest(script.as_bytes()));
            assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        }
        assert_eq!(csp.matches("sha256-").count(), 2);
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!content_security_policy(&[]).contains("sha256"));
    }
}
