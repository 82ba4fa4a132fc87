//! What services refuse, as facts. Each area answers with an enum of facts (`LoginError`,
//! `SecondFactorError`, `DmsError`, `OperatorError`, `InvalidInput` …) that knows its
//! [`ErrorCode`] and how it reads in each catalogue; the HTTP layer (`http::error`) turns the
//! code into a status and picks the caller's language at the response boundary only. Anything
//! unexpected is logged there with its whole cause chain and answered with an opaque 500.

mod dms;
pub mod documented;
mod input;
mod login;
mod operator;
mod request;
mod second_factor;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

pub use dms::DmsError;
pub use input::{free_text, reason, FieldProblem, HolidayRowProblem, InvalidInput, UriProblem};
pub use login::LoginError;
pub use operator::OperatorError;
pub use request::{RequestError, ResetError, SessionError};
pub use second_factor::SecondFactorError;

use crate::api::{ApiError, ErrorCode};
use crate::i18n::Catalogue;
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
pub(crate) struct Internal;

impl Explain for Internal {
    fn code(&self) -> ErrorCode {
        ErrorCode::Internal
    }
    fn message(&self, t: &Catalogue) -> String {
        t.errors.internal_error.to_owned()
    }
}

/// The body of a failure, worded from catalogue `t`.
pub fn error_body(failure: &dyn Explain, t: &Catalogue) -> ApiError {
    let mut body = ApiError::new(failure.code(), failure.message(t));
    body.fields = failure.fields(t);
    body
}
