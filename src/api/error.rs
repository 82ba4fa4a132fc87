use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What went wrong, for programs; `message` says it for people, in the requested language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields are malformed; `fields` names them.
    InvalidInput,
    /// User ID and password do not match a profile that may log in.
    InvalidCredentials,
    /// The profile exists but may not log in now (status, dates, phase).
    LoginNotAllowed,
    /// Five failures in a row locked the account (R24).
    AccountLocked,
    /// Too many attempts in a short time; wait and retry.
    TooManyRequests,
    /// The one-time password or recovery code was not accepted.
    InvalidOtp,
    /// No valid session.
    Unauthenticated,
    /// Valid session, but not allowed to do this.
    Forbidden,
    /// The request does not fit the state it meets (no device being registered, a channel
    /// already chosen); the message says what to do instead.
    Conflict,
    NotFound,
    /// This path does not take that HTTP method.
    MethodNotAllowed,
    /// The body is larger than any request of this API needs.
    PayloadTooLarge,
    /// The request took too long to arrive.
    Timeout,
    /// The request is missing the header that proves it came from the SPA.
    CsrfRejected,
    /// The server could not reach a component; try again later.
    Unavailable,
    /// The browser could not reach the server or read its answer.
    Network,
    Internal,
}

/// The body of every non-2xx answer of the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field messages for [`ErrorCode::InvalidInput`], keyed by the request's field names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn with_field(mut self, field: &str, message: impl Into<String>) -> Self {
        self.fields.insert(field.to_owned(), message.into());
        self
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}
