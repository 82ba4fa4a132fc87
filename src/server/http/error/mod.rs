//! One error model for the HTTP layer. Each area answers with an enum of facts (`LoginError`,
//! `SecondFactorError`, `InvalidInput` …) that knows its [`ErrorCode`] and nothing of language;
//! the code alone gives the HTTP status ([`ErrorCode::status`]); the text is chosen from the
//! caller's catalogue at the response boundary only ([`speak_failures`]). Anything unexpected is
//! logged with its whole cause chain and answered with an opaque 500.

mod console;
mod dms;
pub mod documented;
mod input;
mod login;
mod request;
mod second_factor;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

pub use console::ConsoleError;
pub use dms::DmsError;
pub use input::{free_text, reason, FieldProblem, HolidayRowProblem, InvalidInput};
pub use login::LoginError;
pub use request::{RequestError, ResetError, SessionError};
pub use second_factor::SecondFactorError;

use crate::api::{ApiError, ErrorCode};
use crate::i18n::{Catalogue, Language};
use crate::server::security::hash_pool::HashPoolBusy;
use crate::server::store::AlreadyExists;

/// A failure the caller can understand: its code, and its words in any language.
pub trait Explain: fmt::Debug + Send + Sync + 'static {
    fn code(&self) -> ErrorCode;
    fn message(&self, t: &Catalogue) -> String;
    /// Per-field messages, for [`ErrorCode::InvalidInput`].
    fn fields(&self, _t: &Catalogue) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
    /// For 429: when to try again.
    fn retry_after_seconds(&self) -> Option<u64> {
        None
    }
}

/// What a handler answers when it does not succeed.
#[derive(Debug)]
pub enum ApiFailure {
    Expected(Arc<dyn Explain>),
    Unexpected(anyhow::Error),
}

impl<E: Explain> From<E> for ApiFailure {
    fn from(error: E) -> Self {
        Self::Expected(Arc::new(error))
    }
}

// Only faults of the server itself become a 500; a client's mistake is an `Explain` type, an ID
// already taken (the store's `AlreadyExists`) is a conflict, and a full hashing pool is a 503
// with `Retry-After`.
impl From<anyhow::Error> for ApiFailure {
    fn from(error: anyhow::Error) -> Self {
        if error.is::<AlreadyExists>() {
            Self::Expected(Arc::new(Taken))
        } else if error.is::<HashPoolBusy>() {
            Self::Expected(Arc::new(RequestError::Overloaded))
        } else {
            Self::Unexpected(error)
        }
    }
}

/// A write that met an ID already taken.
#[derive(Debug)]
struct Taken;

impl Explain for Taken {
    fn code(&self) -> ErrorCode {
        ErrorCode::Conflict
    }
    fn message(&self, t: &Catalogue) -> String {
        t.errors.already_exists.to_owned()
    }
}

impl From<sqlx::Error> for ApiFailure {
    fn from(error: sqlx::Error) -> Self {
        Self::Unexpected(error.into())
    }
}

/// The 500 as the caller reads it: nothing of the cause.
#[derive(Debug)]
struct Internal;

impl Explain for Internal {
    fn code(&self) -> ErrorCode {
        ErrorCode::Internal
    }
    fn message(&self, t: &Catalogue) -> String {
        t.errors.internal_error.to_owned()
    }
}

/// The failure a response stands for, kept so [`speak_failures`] can word it in the caller's
/// language.
#[derive(Clone)]
struct Spoken(Arc<dyn Explain>);

/// The body of a failure, worded from catalogue `t`.
pub fn error_body(failure: &dyn Explain, t: &Catalogue) -> ApiError {
    let mut body = ApiError::new(failure.code(), failure.message(t));
    body.fields = failure.fields(t);
    body
}

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
    response.extensions_mut().insert(Spoken(failure));
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
    if let Some(Spoken(failure)) = response.extensions().get::<Spoken>().cloned() {
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

    #[test]
    fn a_busy_hashing_pool_is_a_503_with_retry_after_and_a_fault_a_500() {
        let busy = ApiFailure::from(anyhow::Error::from(HashPoolBusy)).into_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers()[header::RETRY_AFTER], "2");
        let fault = ApiFailure::from(anyhow::anyhow!("disk on fire")).into_response();
        assert_eq!(fault.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
