//! Failures of a request as such (its form, its size, its time, its origin, its path) and of
//! its session, apart from any area.

use super::documented::answers_with;
use super::Explain;
use crate::api::ErrorCode;
use crate::i18n::Catalogue;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// The body is not the JSON this path takes.
    Malformed,
    TooLarge,
    TimedOut,
    /// A state-changing request without the SPA's header, or from another origin.
    CsrfRejected,
    NotFound,
    MethodNotAllowed,
    /// A component the server needs (the database) is out of reach.
    Unavailable,
    /// Too many log-ins at once for the password hashing pool: try again in a moment.
    Overloaded,
}

impl Explain for RequestError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Malformed => ErrorCode::MalformedRequest,
            Self::TooLarge => ErrorCode::PayloadTooLarge,
            Self::TimedOut => ErrorCode::Timeout,
            Self::CsrfRejected => ErrorCode::CsrfRejected,
            Self::NotFound => ErrorCode::NotFound,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::Unavailable | Self::Overloaded => ErrorCode::Unavailable,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        match self {
            Self::Malformed => t.errors.malformed_request,
            Self::TooLarge => t.errors.body_too_large,
            Self::TimedOut => t.errors.request_timed_out,
            Self::CsrfRejected => t.errors.csrf_rejected,
            Self::NotFound => t.errors.not_found,
            Self::MethodNotAllowed => t.errors.method_not_allowed,
            Self::Unavailable => t.errors.unavailable,
            Self::Overloaded => t.errors.overloaded,
        }
        .to_owned()
    }

    fn retry_after_seconds(&self) -> Option<u64> {
        (*self == Self::Overloaded).then_some(2)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// No session, or it ended (timeouts, log-out, a lock).
    Ended,
    /// A half session (password only) reaches nothing but the second factor.
    FinishLoginFirst,
    /// A step of the log-in, asked by someone already signed in.
    AlreadySignedIn,
    /// Signed in, but the principal's roles do not reach this.
    NotPermitted,
}

// The codes of `code` below, for the API contract.
answers_with!(SessionError: Unauthenticated, Conflict, Forbidden);

impl Explain for SessionError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Ended | Self::FinishLoginFirst => ErrorCode::Unauthenticated,
            Self::AlreadySignedIn => ErrorCode::Conflict,
            Self::NotPermitted => ErrorCode::Forbidden,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        match self {
            Self::Ended => t.errors.unauthenticated,
            Self::FinishLoginFirst => t.errors.finish_login_first,
            Self::AlreadySignedIn | Self::NotPermitted => t.errors.forbidden,
        }
        .to_owned()
    }
}

/// "Forgot/Reset your Password" after the right OTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetError {
    /// The ticket the OTP bought is unknown, used or past its minutes.
    TicketInvalid,
}

// The codes of `code` below, for the API contract.
answers_with!(ResetError: Unauthenticated);

impl Explain for ResetError {
    fn code(&self) -> ErrorCode {
        ErrorCode::Unauthenticated
    }

    fn message(&self, t: &Catalogue) -> String {
        match self {
            Self::TicketInvalid => t.errors.reset_ticket_invalid.to_owned(),
        }
    }
}
