//! The JSON API under `/api`, one module per area.

mod auth;
mod health;
mod mailbox;
mod password_reset;
mod second_factor;
mod session;
mod settings;
mod test_clock;
mod test_fixtures;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use super::csrf::require_spa_header;
use super::error::{speak_failures, ApiFailure, RequestError};
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
        .route(paths::CHANNEL_EMAIL, post(settings::switch_to_email))
        .route(paths::SETTINGS_EMAIL_OTP, post(settings::send_proof_code))
        .route(paths::SETTINGS_DEVICE, post(settings::start_new_device));
    if state.config.demo && state.mailer.is_local() {
        router = router.route(paths::MAILBOX, get(mailbox::list));
    }
    if state.test_clock.is_some() {
        router = router.route(
            paths::TEST_CLOCK,
            get(test_clock::read).post(test_clock::set),
        );
    }
    if state.config.test_fixtures {
        router = router.route(paths::TEST_PARTICIPANTS, post(test_fixtures::create));
    }
    router
        // Unknown API paths answer JSON, never the SPA.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), require_spa_header))
        .layer(from_fn(speak_failures))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Answers carry sessions, TOTP secrets and recovery codes: no cache may keep any.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

async fn not_found() -> ApiFailure {
    RequestError::NotFound.into()
}

async fn method_not_allowed() -> ApiFailure {
    RequestError::MethodNotAllowed.into()
}
