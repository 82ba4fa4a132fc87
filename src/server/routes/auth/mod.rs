//! Log-in (seed Appendix B): user ID and password, "Forgot/Reset your Password", and the second
//! factor. Open to anyone; later steps take the half session the password step made.

mod login;
mod passkey;
mod password_reset;
mod second_factor;
mod smartcard;

use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Home;
use crate::domain::LoginId;
use crate::i18n::Language;
use crate::server::auth::sign_in::{self, Factor};
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput, SessionError};
use crate::server::security::session::SessionStage;
use crate::server::state::AppState;
use crate::server::store::{Change, SessionRecord};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login::login))
        .routes(routes!(login::logout))
        .routes(routes!(smartcard::smartcard))
        .routes(routes!(password_reset::start))
        .routes(routes!(password_reset::verify))
        .routes(routes!(password_reset::complete))
        .routes(routes!(second_factor::start_device))
        .routes(routes!(second_factor::activate_device))
        .routes(routes!(second_factor::skip_device))
        .routes(routes!(second_factor::resend_email_otp))
        .routes(routes!(second_factor::submit_otp))
        .routes(routes!(second_factor::use_recovery_code))
        .routes(routes!(passkey::challenge))
        .routes(routes!(passkey::log_in))
        .routes(routes!(passkey::register_challenge))
        .routes(routes!(passkey::register))
}

/// Longer input is refused before hashing, so nobody makes the server hash megabytes.
pub const MAX_PASSWORD_CHARS: usize = 256;
pub const MAX_ID_CHARS: usize = 64;

/// Parses a user ID field, refusing oversized input first.
pub fn parse_login_id(
    errors: &mut InvalidInput,
    field: &'static str,
    raw: &str,
) -> Option<LoginId> {
    if raw.chars().count() > MAX_ID_CHARS {
        errors.add(field, FieldProblem::TooLong);
        None
    } else {
        errors.check(field, LoginId::parse(raw))
    }
}

/// Completes a half session into a full one (new cookie), or, for a signed-in user replacing
/// a device, just answers; either way `change` commits here, with whatever it already carries.
/// Ends the second factor: in a half session the log-in completes (a new session cookie); in
/// a full one the change simply commits.
async fn finish<B: serde::Serialize>(
    state: &AppState,
    mut change: Change,
    spoken: Option<Language>,
    session: &SessionRecord,
    factor: impl Into<Factor>,
    body: impl FnOnce(Home) -> B,
) -> Result<Response, ApiFailure> {
    if session.stage == SessionStage::Authenticated {
        state.commit(change).await?;
        let home = state
            .store
            .profile_summary(&session.login_id)
            .await?
            .ok_or(SessionError::Ended)?
            .home;
        return Ok(Json(body(home)).into_response());
    }
    let completed = sign_in::complete(&mut change, spoken, session, factor.into()).await?;
    state.commit(change).await?;
    let cookie = state.transport.cookie;
    Ok((
        AppendHeaders([
            (SET_COOKIE, cookie.set(&completed.token)),
            (SET_COOKIE, cookie.set_provider(&completed.provider_token)),
        ]),
        Json(body(completed.home)),
    )
        .into_response())
}
