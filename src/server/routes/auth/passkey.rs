//! Passkeys at log-in (issue 17): after the password, a user with a passkey is asked for it
//! (user verification required) instead of a code; at a first log-in, REGISTER DEVICE offers
//! "Use a passkey or security key" beside the QR. Each ceremony's state waits in the database
//! between its challenge and its answer, and is used up by the answer whatever it says.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use serde::de::DeserializeOwned;
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential};

use super::second_factor::{ensure_may_choose, finish, issue_recovery_codes};
use crate::api::{paths, DeviceActivated, LoginMethod, PasskeyAnswer, PasskeyChallenge, SignedIn};
use crate::domain::{AuditAction, LoginId, PasskeyName};
use crate::server::auth::notices::announce;
use crate::server::auth::sign_in::{otp_failure, throttle};
use crate::server::http::error::{
    ApiFailure, FieldProblem, InvalidInput, LoginError, SecondFactorError,
};
use crate::server::mail::Notice;
use crate::server::routes::extract::ApiJson;
use crate::server::routes::extract::{ClientAddress, HalfSession, Spoken};
use crate::server::security::passkeys::{
    Passkey, PasskeyAuthentication, PasskeyRefusal, PasskeyRegistration,
};
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Ceremony, Change, SessionRecord};

/// The browser's answer, read as WebAuthn's JSON; a field message when it is not.
pub(crate) fn parse_credential<T: DeserializeOwned>(raw: &str) -> Result<T, InvalidInput> {
    serde_json::from_str(raw).map_err(|_| InvalidInput::of("credential", FieldProblem::Malformed))
}

/// The name a user gives a new passkey, or the default one.
pub(crate) fn parse_name(raw: Option<&str>) -> Result<PasskeyName, InvalidInput> {
    PasskeyName::parse(raw.unwrap_or_default()).map_err(|e| InvalidInput::of("name", e.into()))
}

/// Starts `kind` in the session within `change`, answering the options for the browser.
pub(crate) async fn begin(
    mut change: Change,
    state: &AppState,
    session: &SessionRecord,
    kind: Ceremony,
    options: impl serde::Serialize,
    ceremony: impl serde::Serialize,
) -> Result<Json<PasskeyChallenge>, ApiFailure> {
    let options = serde_json::to_string(&options).map_err(anyhow::Error::from)?;
    let ceremony = serde_json::to_string(&ceremony).map_err(anyhow::Error::from)?;
    change
        .begin_ceremony(&session.token_hash, kind, &ceremony)
        .await?;
    state.commit(change).await?;
    Ok(Json(PasskeyChallenge { options }))
}

/// The session's ceremony of `kind`, used up in `change`.
pub(crate) async fn take<T: DeserializeOwned>(
    change: &mut Change,
    session: &SessionRecord,
    kind: Ceremony,
) -> Result<Option<T>, ApiFailure> {
    match change.take_ceremony(&session.token_hash, kind).await? {
        Some(state) => Ok(Some(
            serde_json::from_str(&state).map_err(anyhow::Error::from)?,
        )),
        None => Ok(None),
    }
}

/// Finishes a registration in `change`: the passkey stored under `name`, audited, announced.
pub(crate) async fn register_in(
    state: &AppState,
    change: &mut Change,
    session: &SessionRecord,
    answer: &PasskeyAnswer,
    spoken: Option<crate::i18n::Language>,
) -> Result<Option<()>, ApiFailure> {
    let id = &session.login_id;
    let name = parse_name(answer.name.as_deref())?;
    let credential: RegisterPublicKeyCredential = parse_credential(&answer.credential)?;
    let Some(ceremony) = take::<PasskeyRegistration>(change, session, Ceremony::Register).await?
    else {
        return Ok(None);
    };
    let passkey = state
        .passkeys
        .finish_registration(&credential, &ceremony)
        .map_err(|_| SecondFactorError::PasskeyRefused)?;
    if !change.add_passkey(id, name.as_str(), &passkey).await? {
        return Err(SecondFactorError::PasskeyAlreadyRegistered.into());
    }
    change
        .record(AuditEvent::own(id, AuditAction::PasskeyAdded).detail(name.as_str()))
        .await?;
    announce(change, id, Notice::PasskeyAdded, spoken).await?;
    Ok(Some(()))
}

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
            finish(
                &state,
                change,
                spoken,
                &session,
                LoginMethod::Passkey,
                |home| SignedIn {
                    home,
                    recovery_codes_left: None,
                },
            )
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
