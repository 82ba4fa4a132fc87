//! The few pages the server writes itself (the provider's: a request it cannot answer, a logout
//! to confirm, a logout done; the demo application's): plain HTML in the person's language, no
//! script, never cached.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::i18n::Language;

/// A page titled `title` with `body` (already HTML).
pub fn page(language: Language, status: StatusCode, title: &str, body: &str) -> Response {
    let app = language.catalogue().common.app_name;
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} - {app}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
        lang = language.tag(),
        title = escape(title),
        app = escape(app),
    );
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
