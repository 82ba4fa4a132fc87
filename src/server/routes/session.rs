//! Who is signed in (R21's home pages), and the OTP channel setting (R22).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use jiff::Timestamp;

use crate::api::{Done, ErrorCode, Home, Me, OtpChannel, OtpSubmission};
use crate::domain::hong_kong;
use crate::server::error::ApiFailure;
use crate::server::extract::{ApiJson, ClientAddress, Lang, SignedInSession};
use crate::server::sign_in::{check_app_code, parse_otp, throttle};
use crate::server::state::AppState;
use crate::server::store::AuditEvent;

pub async fn me(
    State(state): State<AppState>,
    Lang(language): Lang,
    SignedInSession(session): SignedInSession,
) -> Result<Json<Me>, ApiFailure> {
    let t = language.catalogue();
    let summary = state
        .store
        .profile_summary(&session.login_id)
        .await?
        .ok_or_else(|| ApiFailure::unauthenticated(t))?;
    Ok(Json(Me {
        user_id: session.login_id.clone(),
        surname: summary.surname,
        other_names: summary.other_names,
        home: if summary.is_da {
            Home::Dms
        } else {
            Home::Terminal
        },
        otp_channel: summary.otp_channel,
        previous_login_at: session
            .previous_login_at
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
            .map(hong_kong::format_date_time),
        previous_login_method: session.previous_login_method,
    }))
}

/// R22: from the app to e-mail, proven by a fresh code from the app (the current channel).
/// The way back to the app is device registration.
pub async fn switch_to_email(
    State(state): State<AppState>,
    Lang(language): Lang,
    ClientAddress(address): ClientAddress,
    SignedInSession(session): SignedInSession,
    ApiJson(request): ApiJson<OtpSubmission>,
) -> Result<Json<Done>, ApiFailure> {
    let t = language.catalogue();
    let code = parse_otp(t, &request.otp)?;
    let id = session.login_id.as_str();
    throttle(&state, t, id, address)?;
    let summary = state
        .store
        .profile_summary(id)
        .await?
        .ok_or_else(|| ApiFailure::unauthenticated(t))?;
    if summary.otp_channel != Some(OtpChannel::App) {
        return Err(ApiFailure::new(
            StatusCode::CONFLICT,
            ErrorCode::Forbidden,
            t.channel_already_email,
        ));
    }
    let login_id = crate::domain::LoginId::parse(id)?;
    let has_email = state
        .store
        .find_login(&login_id)
        .await?
        .and_then(|r| r.email)
        .is_some();
    if !has_email {
        return Err(ApiFailure::new(
            StatusCode::CONFLICT,
            ErrorCode::Forbidden,
            t.no_email_for_otp,
        ));
    }
    check_app_code(&state, t, id, &code).await?;
    state.store.set_channel(id, OtpChannel::Email).await?;
    let event = AuditEvent {
        actor: id,
        action: "OTP_CHANNEL_EMAIL",
        subject: Some(id),
        detail: "",
    };
    state.store.record(event, state.now()).await?;
    Ok(Json(Done { done: true }))
}
