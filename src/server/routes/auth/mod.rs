//! Log-in (seed Appendix B): user ID and password, "Forgot/Reset your Password", and the second
//! factor. Open to anyone; later steps take the half session the password step made.

mod login;
mod password_reset;
pub mod second_factor;
mod smartcard;

use axum::routing::post;
use axum::Router;

use crate::api::paths;
use crate::server::state::AppState;

pub use login::{parse_login_id, MAX_PASSWORD_CHARS};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::LOGIN, post(login::login))
        .route(paths::LOGOUT, post(login::logout))
        .route(paths::SMARTCARD_LOGIN, post(smartcard::smartcard))
        .route(paths::PASSWORD_RESET, post(password_reset::start))
        .route(paths::PASSWORD_RESET_VERIFY, post(password_reset::verify))
        .route(
            paths::PASSWORD_RESET_COMPLETE,
            post(password_reset::complete),
        )
        .route(paths::DEVICE, post(second_factor::start_device))
        .route(paths::DEVICE_ACTIVATE, post(second_factor::activate_device))
        .route(paths::SKIP_DEVICE, post(second_factor::skip_device))
        .route(paths::EMAIL_OTP, post(second_factor::resend_email_otp))
        .route(paths::OTP, post(second_factor::submit_otp))
        .route(paths::RECOVERY, post(second_factor::use_recovery_code))
}
