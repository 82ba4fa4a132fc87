//! Log-in (seed Appendix B, step 8; R21): user ID + password, then the second factor.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;

use crate::api::{ErrorCode, LoginRequest, LoginResponse, NextStep};
use crate::domain::{hong_kong, LoginId, LoginRefusal};
use crate::i18n::{fill, Catalogue};
use crate::server::error::{ApiFailure, FieldErrors};
use crate::server::extract::{ApiJson, Lang};
use crate::server::password;
use crate::server::session::{session_cookie, SessionStage, SessionToken};
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, NewSession};

/// Longer input is refused before hashing, so nobody makes the server hash megabytes.
pub const MAX_PASSWORD_CHARS: usize = 256;
const MAX_ID_CHARS: usize = 64;

pub async fn login(
    State(state): State<AppState>,
    Lang(language): Lang,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<impl IntoResponse, ApiFailure> {
    let t = language.catalogue();
    let mut errors = FieldErrors::new(t);
    let login_id = if request.user_id.chars().count() > MAX_ID_CHARS {
        errors.add("user_id", t.field_too_long);
        None
    } else {
        errors.check(
            "user_id",
            LoginId::parse(&request.user_id),
            Catalogue::id_error,
        )
    };
    if request.password.is_empty() {
        errors.add("password", t.password_empty);
    } else if request.password.chars().count() > MAX_PASSWORD_CHARS {
        errors.add("password", t.field_too_long);
    }
    errors.finish()?;
    let login_id = login_id.expect("checked above");

    // R12: before the parallel run, only smartcards log in.
    if !state.store.migration_phase().await?.allows_two_factor() {
        return Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::LoginNotAllowed,
            t.two_factor_not_open,
        ));
    }

    let record = state.store.find_login(&login_id).await?;
    let stored_hash = record.as_ref().and_then(|r| r.password_hash.clone());
    let verified = password::verify(request.password, stored_hash).await?;
    let now = state.now();
    let Some(record) = record.filter(|_| verified) else {
        let event = AuditEvent {
            actor: login_id.as_str(),
            action: "LOGIN_PASSWORD_FAILED",
            subject: Some(login_id.as_str()),
            detail: "",
        };
        state.store.record(event, now).await?;
        return Err(ApiFailure::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            t.invalid_credentials,
        ));
    };

    // R4a, told only to whoever knows the password.
    if let Err(refusal) = record.window.check(hong_kong::date(now)) {
        return Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::LoginNotAllowed,
            refusal_message(t, refusal),
        ));
    }

    // Rotate: a session the browser held before ends here.
    if let Some(previous) = session_cookie(&headers) {
        state.store.end_session(&previous).await?;
    }
    let token = SessionToken::generate();
    let session = NewSession {
        token: &token,
        login_id: login_id.as_str(),
        stage: SessionStage::PasswordVerified,
    };
    state.store.create_session(session, now).await?;
    let event = AuditEvent {
        actor: login_id.as_str(),
        action: "LOGIN_PASSWORD_VERIFIED",
        subject: Some(login_id.as_str()),
        detail: "",
    };
    state.store.record(event, now).await?;

    let next_step = match record.otp_channel.as_deref() {
        Some("APP") => NextStep::AppOtp,
        Some("EMAIL") => NextStep::EmailOtp,
        _ => NextStep::RegisterDevice,
    };
    let body = LoginResponse {
        user_id: login_id.to_string(),
        next_step,
    };
    Ok((
        AppendHeaders([(SET_COOKIE, token.set_cookie())]),
        Json(body),
    ))
}

fn refusal_message(t: &Catalogue, refusal: LoginRefusal) -> String {
    match refusal {
        LoginRefusal::Disabled => t.profile_disabled.to_owned(),
        LoginRefusal::NotYetEnabled { from } => fill(
            t.profile_not_yet_enabled,
            &[("date", &hong_kong::format_date(from))],
        ),
        LoginRefusal::Expired { after } => fill(
            t.profile_expired,
            &[("date", &hong_kong::format_date(after))],
        ),
    }
}
