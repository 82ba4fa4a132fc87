//! Wire types of the JSON API under `/api`, compiled into both the SPA and the server so the two
//! cannot disagree. Plain serde data: no behaviour, no secrets beyond what crosses the wire.

mod auth;
mod error;
mod health;

pub use auth::{LoginRequest, LoginResponse, NextStep};
pub use error::{ApiError, ErrorCode};
pub use health::HealthResponse;

/// Paths of the API, written once.
pub mod paths {
    pub const HEALTH: &str = "/api/health";
    pub const LOGIN: &str = "/api/auth/login";
    pub const TEST_CLOCK: &str = "/api/test/clock";
}

/// The header by which the SPA marks its own state-changing requests; a cross-site form cannot
/// set it, so the server refuses a request without it (defence against CSRF beside SameSite).
pub const CSRF_HEADER: &str = "x-ccass-request";

mod test_clock;
pub use test_clock::{ClockReading, SetClock};
