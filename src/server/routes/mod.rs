//! The JSON API under `/api`, one module per area.

mod auth;
mod health;
mod mailbox;
mod password_reset;
mod second_factor;
mod session;
mod test_clock;

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn;
use axum::routing::{any, get, post};
use axum::Router;

use super::csrf::require_spa_header;
use super::error::{localise_unexpected, ApiFailure};
use super::extract::Lang;
use super::state::AppState;
use crate::api::paths;

/// No request of this API carries more than a few kilobytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn api(state: AppState) -> Router {
    let mut router = Router::new()
        .route(paths::HEALTH, get(health::health))
        .route(paths::LOGIN, post(auth::login))
        .route(paths::LOGOUT, post(auth::logout))
        .route(paths::SESSION, get(session::me))
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
        .route(paths::CHANNEL_EMAIL, post(session::switch_to_email));
    if state.config.demo && state.mailer.is_local() {
        router = router.route(paths::MAILBOX, get(mailbox::list));
    }
    if state.test_clock.is_some() {
        router = router.route(
            paths::TEST_CLOCK,
            get(test_clock::read).post(test_clock::set),
        );
    }
    router
        // Unknown API paths answer JSON, never the SPA.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .layer(from_fn(require_spa_header))
        .layer(from_fn(localise_unexpected))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

async fn not_found(Lang(language): Lang) -> ApiFailure {
    ApiFailure::not_found(language.catalogue())
}
