//! The one error type of the HTTP layer: expected failures carry an [`ApiError`] for the user;
//! anything unexpected is logged with its whole cause chain and answered with an opaque 500.

use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::{ApiError, ErrorCode};
use crate::i18n::{Catalogue, Language};

#[derive(Debug)]
pub enum ApiFailure {
    Expected {
        status: StatusCode,
        body: ApiError,
    },
    /// 429: a budget is spent; `Retry-After` says in how many seconds to try again.
    Limited {
        retry_after_seconds: u64,
        body: ApiError,
    },
    Unexpected(anyhow::Error),
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Expected {
            status,
            body: ApiError::new(code, message),
        }
    }

    /// 422 with the per-field messages collected in `error`.
    pub fn invalid(error: ApiError) -> Self {
        Self::Expected {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: error,
        }
    }

    pub fn not_found(t: &Catalogue) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, t.not_found)
    }

    pub fn limited(retry_after_seconds: u64, message: &str) -> Self {
        Self::Limited {
            retry_after_seconds: retry_after_seconds.max(1),
            body: ApiError::new(ErrorCode::TooManyRequests, message),
        }
    }

    pub fn unauthenticated(t: &Catalogue) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            t.unauthenticated,
        )
    }
}

/// Collects per-field problems of one request, so the user sees all of them at once.
pub struct FieldErrors<'a> {
    t: &'a Catalogue,
    error: ApiError,
}

impl<'a> FieldErrors<'a> {
    pub fn new(t: &'a Catalogue) -> Self {
        Self {
            t,
            error: ApiError::new(ErrorCode::InvalidInput, t.invalid_input),
        }
    }

    pub fn add(&mut self, field: &str, message: &str) {
        self.error
            .fields
            .entry(field.to_owned())
            .or_insert_with(|| message.to_owned());
    }

    /// Records the error of a parse and hands back its value, if any.
    pub fn check<T, E>(
        &mut self,
        field: &str,
        result: Result<T, E>,
        message: impl Fn(&Catalogue, E) -> &'static str,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.add(field, message(self.t, e));
                None
            }
        }
    }

    pub fn into_failure(self) -> ApiFailure {
        ApiFailure::invalid(self.error)
    }

    pub fn finish(self) -> Result<(), ApiFailure> {
        if self.error.fields.is_empty() {
            Ok(())
        } else {
            Err(ApiFailure::invalid(self.error))
        }
    }
}

impl<E: Into<anyhow::Error>> From<E> for ApiFailure {
    fn from(error: E) -> Self {
        Self::Unexpected(error.into())
    }
}

/// Marks a 500 whose message must be put in the caller's language by [`localise_unexpected`].
#[derive(Clone, Copy)]
struct UnexpectedMarker;

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        match self {
            Self::Expected { status, body } => (status, Json(body)).into_response(),
            Self::Limited {
                retry_after_seconds,
                body,
            } => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, retry_after_seconds.to_string())],
                Json(body),
            )
                .into_response(),
            Self::Unexpected(error) => {
                tracing::error!(error = format!("{error:#}"), "unexpected failure");
                let body = ApiError::new(
                    ErrorCode::Internal,
                    Language::English.catalogue().internal_error,
                );
                let mut response = (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
                response.extensions_mut().insert(UnexpectedMarker);
                response
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

/// Middleware: an unexpected failure knows no language; this gives its message the caller's.
pub async fn localise_unexpected(request: Request, next: Next) -> Response {
    let language = request_language(request.headers());
    let response = next.run(request).await;
    if language != Language::English && response.extensions().get::<UnexpectedMarker>().is_some() {
        let body = ApiError::new(ErrorCode::Internal, language.catalogue().internal_error);
        return (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
    }
    response
}
