//! Passkeys at log-in (issue 17): after the password, a user with a passkey is asked for it
//! (user verification required) instead of a code; at a first log-in, REGISTER DEVICE offers
//! "Use a passkey or security key" beside the QR. Each ceremony's state waits in the database
//! between its challenge and its answer, and is used up by the answer whatever it says.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use webauthn_rs::prelude::PublicKeyCredential;

use super::finish;
use crate::api::{paths, DeviceActivated, LoginMethod, PasskeyAnswer, PasskeyChallenge, SignedIn};
use crate::domain::{AuditAction, LoginId};
use crate::server::auth::passkey_ceremony::{begin, parse_credential, register_in, take};
use crate::server::auth::second_factor::{ensure_may_choose, issue_recovery_codes};
use crate::server::auth::sign_in::{otp_failure, throttle, Factor};
use crate::server::failure::{ApiFailure, InvalidInput, LoginError, SecondFactorError};
use crate::server::routes::extract::ApiJson;
use crate::server::routes::extract::{ClientAddress, HalfSession, Spoken};
use crate::server::security::passkeys::{Passkey, PasskeyAuthentication, PasskeyRefusal};
use crate::server::state::AppState;
use crate::server::store::{may_be_synced, AuditEvent, Ceremony};

fn passkeys(stored: Vec<crate::server::store::StoredPasskey>) -> Vec<Passkey> {
    stored.into_iter().map(|p| p.passkey).collect()
}

/// The challenge for a log-in with one of the user's passkeys.
#[utoipa::path(
    post,
    path = paths::PASSKEY_CHALLENGE,
    tag = "log-in",
    security(("session" = [])),
    responses(
        (status = 200, description = "The options for navigator.credentials.get.", body = PasskeyChallenge),
        HalfSession, SecondFactorError
    )
)]
pub async fn challenge(
    State(state): State<AppState>,
    HalfSession(session, _): HalfSession,
) -> Result<Json<PasskeyChallenge>, ApiFailure> {
    let registered = passkeys(state.store.passkeys_of(&session.login_id).await?);
    if registered.is_empty() {
        return Err(SecondFactorError::NoPasskey.into());
    }
    let (options, ceremony) = state.passkeys.start_authentication(&registered)?;
    let change = state.change().await?;
    begin(
        change,
        &state,
        &session,
        Ceremony::Authenticate,
        options,
        ceremony,
    )
    .await
}

/// The passkey's answer: signed in. A refused answer counts towards the lock (R24); one whose
/// counter went backwards is audited as a possible clone.
#[utoipa::path(
    post,
    path = paths::PASSKEY_LOGIN,
    tag = "log-in",
    request_body = PasskeyAnswer,
    security(("session" = [])),
    responses(
        (status = 200, description = "The passkey verified: signed in.", body = SignedIn),
        HalfSession, SecondFactorError, InvalidInput, LoginError
    )
)]
pub async fn log_in(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    HalfSession(session, _): HalfSession,
    ApiJson(answer): ApiJson<PasskeyAnswer>,
) -> Result<Response, ApiFailure> {
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    let credential: PublicKeyCredential = parse_credential(&answer.credential)?;
    let registered = passkeys(state.store.passkeys_of(id).await?);
    let mut change = state.change().await?;
    let Some(ceremony) =
        take::<PasskeyAuthentication>(&mut change, &session, Ceremony::Authenticate).await?
    else {
        state.commit(change).await?;
        return Err(SecondFactorError::PasskeyNotStarted.into());
    };
    match state
        .passkeys
        .finish_authentication(&credential, &ceremony, &registered)
    {
        Ok(used) => {
            change.passkey_used(id, &used).await?;
            let factor = Factor {
                method: LoginMethod::Passkey,
                passkey_synced: may_be_synced(&used),
            };
            finish(&state, change, spoken, &session, factor, |home| SignedIn {
                home,
                recovery_codes_left: None,
            })
            .await
        }
        Err(refusal) => {
            let failure = match refusal {
                PasskeyRefusal::PossibleClone => {
                    change
                        .record(AuditEvent::own(id, AuditAction::PasskeyCloneSuspected))
                        .await?;
                    SecondFactorError::PasskeyPossibleClone
                }
                PasskeyRefusal::NotVerified => SecondFactorError::PasskeyRefused,
            };
            state.commit(change).await?;
            Err(otp_failure(&state, id, failure).await?)
        }
    }
}

/// "Use a passkey or security key" at a first log-in: the options to create one.
#[utoipa::path(
    post,
    path = paths::PASSKEY_REGISTER_CHALLENGE,
    tag = "log-in",
    security(("session" = [])),
    responses(
        (status = 200, description = "The options for navigator.credentials.create.", body = PasskeyChallenge),
        HalfSession, SecondFactorError
    )
)]
pub async fn register_challenge(
    State(state): State<AppState>,
    HalfSession(session, _): HalfSession,
) -> Result<Json<PasskeyChallenge>, ApiFailure> {
    let id: &LoginId = &session.login_id;
    ensure_may_choose(&state, &session, SecondFactorError::DeviceAlreadyRegistered).await?;
    let (options, ceremony) = state.passkeys.start_registration(id, Vec::new())?;
    let change = state.change().await?;
    begin(
        change,
        &state,
        &session,
        Ceremony::Register,
        options,
        ceremony,
    )
    .await
}

/// The new passkey at a first log-in: stored, ten recovery codes issued (shown once), signed in.
#[utoipa::path(
    post,
    path = paths::PASSKEY_REGISTER,
    tag = "log-in",
    request_body = PasskeyAnswer,
    security(("session" = [])),
    responses(
        (status = 200, description = "The passkey is registered; the recovery codes, shown once.", body = DeviceActivated),
        HalfSession, SecondFactorError, InvalidInput, LoginError
    )
)]
pub async fn register(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    HalfSession(session, _): HalfSession,
    ApiJson(answer): ApiJson<PasskeyAnswer>,
) -> Result<Response, ApiFailure> {
    let id = &session.login_id;
    throttle(&state, id, address).await?;
    ensure_may_choose(&state, &session, SecondFactorError::DeviceAlreadyRegistered).await?;
    let mut change = state.change().await?;
    if register_in(&state, &mut change, &session, &answer, spoken)
        .await?
        .is_none()
    {
        state.commit(change).await?;
        return Err(SecondFactorError::PasskeyNotStarted.into());
    }
    if session.email_proven {
        change.leave_email_channel(id).await?;
    }
    let recovery_codes = issue_recovery_codes(&mut change, id).await?;
    finish(
        &state,
        change,
        spoken,
        &session,
        LoginMethod::Passkey,
        |home| DeviceActivated {
            recovery_codes,
            home,
        },
    )
    .await
}
