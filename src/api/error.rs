use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What went wrong, for programs; `message` says it for people, in the requested language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields are malformed; `fields` names them.
    InvalidInput,
    /// The body is not the JSON the path takes (a program's mistake, not a person's).
    MalformedRequest,
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
    /// The e-mailed code was right, but the participant no longer accepts e-mail OTP: register
    /// an app or a passkey in this same log-in (issue 17).
    SecondFactorRequired,
    /// The DMS is closed now (R11); the message names when it opens.
    OutsideServiceHours,
    /// The request is missing the header that proves it came from the SPA.
    CsrfRejected,
    /// The server could not reach a component; try again later.
    Unavailable,
    /// The browser could not reach the server or read its answer.
    Network,
    Internal,
}

impl ErrorCode {
    pub const ALL: [Self; 20] = [
        Self::InvalidInput,
        Self::MalformedRequest,
        Self::InvalidCredentials,
        Self::LoginNotAllowed,
        Self::AccountLocked,
        Self::TooManyRequests,
        Self::InvalidOtp,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::Conflict,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::PayloadTooLarge,
        Self::Timeout,
        Self::SecondFactorRequired,
        Self::OutsideServiceHours,
        Self::CsrfRejected,
        Self::Unavailable,
        Self::Network,
        Self::Internal,
    ];

    /// The HTTP status of every answer with this code: the one place the two meet.
    /// [`ErrorCode::Network`] is the browser's own and never sent; it has none (0).
    pub const fn status(self) -> u16 {
        match self {
            Self::MalformedRequest => 400,
            Self::InvalidCredentials | Self::InvalidOtp | Self::Unauthenticated => 401,
            Self::LoginNotAllowed
            | Self::Forbidden
            | Self::CsrfRejected
            | Self::OutsideServiceHours => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Timeout => 408,
            Self::Conflict | Self::SecondFactorRequired => 409,
            Self::PayloadTooLarge => 413,
            Self::InvalidInput => 422,
            Self::AccountLocked => 423,
            Self::TooManyRequests => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
            Self::Network => 0,
        }
    }
}

/// The body of every non-2xx answer of the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field messages for [`ErrorCode::InvalidInput`], keyed by the request's field names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// So that the SPA's error boundaries can hold it.
impl std::error::Error for ApiError {}

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

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn every_code_has_one_status_of_its_class() {
        for code in ErrorCode::ALL {
            let status = code.status();
            let name = serde_json::to_string(&code).unwrap();
            match code {
                ErrorCode::Network => assert_eq!(status, 0, "{name}"),
                ErrorCode::Internal | ErrorCode::Unavailable => {
                    assert!((500..600).contains(&status), "{name}")
                }
                _ => assert!(
                    (400..500).contains(&status),
                    "{name}: a client's mistake is 4xx"
                ),
            }
            let back: ErrorCode = serde_json::from_str(&name).unwrap();
            assert_eq!(back, code);
        }
        let mut names: Vec<_> = ErrorCode::ALL.iter().map(|c| format!("{c:?}")).collect();
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            ErrorCode::ALL.len(),
            "ALL lists each code once"
        );
    }
}
