//! R25: the legacy smartcard log-in, modelled: user ID, SRN and PIN, before the end of the
//! parallel run (R12). The card is both factors, so it ends in a full session at once, with the
//! same timeouts as a 2FA one. Failures count on the profile's one lock counter (R24).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::HeaderMap;
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;

use super::parse_login_id;
use crate::api::paths;
use crate::api::{LoginMethod, SignedIn, SmartcardLoginRequest};
use crate::domain::smartcard::{certificate_valid, CardPin, Srn};
use crate::domain::{hong_kong, AuditAction};
use crate::server::auth::sign_in::{count_failure, throttle};
use crate::server::failure::{ApiFailure, InvalidInput, LoginError, SessionError};
use crate::server::routes::extract::{ApiJson, ClientAddress, Spoken};
use crate::server::security::session::SessionToken;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Proof};

#[utoipa::path(
    post,
    path = paths::SMARTCARD_LOGIN,
    tag = "log-in",
    request_body = SmartcardLoginRequest,
    responses(
        (status = 200, description = "Signed in by smartcard (R25).", body = SignedIn),
        LoginError, InvalidInput, SessionError
    )
)]
pub async fn smartcard(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Spoken(spoken): Spoken,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SmartcardLoginRequest>,
) -> Result<impl IntoResponse, ApiFailure> {
    let mut errors = InvalidInput::new();
    let login_id = parse_login_id(&mut errors, "user_id", &request.user_id);
    let srn = errors.check("srn", Srn::parse(&request.srn));
    let pin = errors.check("pin", CardPin::parse(&request.pin));
    errors.finish()?;
    let (id, srn, pin) = (
        login_id.expect("checked"),
        srn.expect("checked"),
        pin.expect("checked"),
    );
    // R12, R15: smartcards end with the parallel run.
    if !state.store.migration_phase().await?.allows_smartcard() {
        return Err(LoginError::SmartcardEnded.into());
    }
    throttle(&state, &id, address).await?;
    if state.store.is_locked(&id).await? {
        return Err(LoginError::locked(&id).into());
    }
    let on_file = state.store.card_on_file(&id).await?;
    // Checked even for an unknown ID: every answer takes the same time (R26c).
    if !state.cards.verify(on_file.clone(), &srn, pin).await? {
        let failure = LoginError::InvalidCard;
        return Err(count_failure(&state, &id, AuditAction::SmartcardFailed, failure).await?);
    }
    let now = state.now();
    let today = hong_kong::date(now);
    if let Some(expiry) = on_file.and_then(|c| c.certificate_expiry) {
        if !certificate_valid(expiry, today) {
            return Err(LoginError::CertificateExpired { on: expiry }.into());
        }
    }
    let record = state
        .store
        .find_login(&id)
        .await?
        .ok_or(LoginError::InvalidCard)?;
    if let Err(refusal) = record.window.check(today) {
        return Err(LoginError::Refused(refusal).into());
    }

    let mut change = state.change().await?;
    let mut continued = None;
    if let Some(previous) = state.transport.cookie.read(&headers) {
        continued = change.continued_sid(&previous, &id).await?;
        change.end_session(&previous).await?;
    }
    let previous = change
        .record_login(&id, LoginMethod::Smartcard, now)
        .await?;
    let token = SessionToken::generate();
    let provider_token = SessionToken::generate();
    let proof = Proof {
        token: &token,
        provider_token: &provider_token,
        method: LoginMethod::Smartcard,
        passkey_synced: false,
    };
    change
        .create_full_session(&proof, &id, continued.as_deref(), previous)
        .await?;
    change.clear_failures(&id).await?;
    if let Some(language) = spoken {
        change.set_language(&id, language).await?;
    }
    let event =
        AuditEvent::own(&id, AuditAction::LoginCompleted).detail(LoginMethod::Smartcard.as_str());
    change.record(event).await?;
    let summary = change
        .profile_summary(&id)
        .await?
        .ok_or(SessionError::Ended)?;
    state.commit(change).await?;
    let cookie = state.transport.cookie;
    Ok((
        AppendHeaders([
            (SET_COOKIE, cookie.set(&token)),
            (SET_COOKIE, cookie.set_provider(&provider_token)),
        ]),
        Json(SignedIn {
            home: summary.home,
            recovery_codes_left: None,
        }),
    ))
}
