//! A passkey ceremony behind its routes (issue 17): its state kept with the session between
//! the challenge and the browser's answer, used up by the answer whatever it says, and a
//! registration finished: stored, audited, announced.

use axum::Json;
use serde::de::DeserializeOwned;
use webauthn_rs::prelude::RegisterPublicKeyCredential;

use std::net::IpAddr;

use crate::api::{DeviceProof, PasskeyAnswer, PasskeyChallenge};
use crate::domain::LoginId;
use crate::domain::{AuditAction, PasskeyName};
use crate::i18n::Language;
use crate::server::auth::notices::announce;
use crate::server::auth::second_factor::prove_present_factor;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput, SecondFactorError};
use crate::server::mail::Notice;
use crate::server::security::passkeys::PasskeyRegistration;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Ceremony, Change, SessionRecord};

/// The browser's answer, read as WebAuthn's JSON; a field message when it is not.
pub fn parse_credential<T: DeserializeOwned>(raw: &str) -> Result<T, InvalidInput> {
    serde_json::from_str(raw).map_err(|_| InvalidInput::of("credential", FieldProblem::Malformed))
}

/// The name a user gives a new passkey, or the default one.
pub fn parse_name(raw: Option<&str>) -> Result<PasskeyName, InvalidInput> {
    PasskeyName::parse(raw.unwrap_or_default()).map_err(|e| InvalidInput::of("name", e.into()))
}

/// Starts `kind` in the session within `change`, answering the options for the browser.
pub async fn begin(
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
pub async fn take<T: DeserializeOwned>(
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
pub async fn register_in(
    state: &AppState,
    change: &mut Change,
    session: &SessionRecord,
    answer: &PasskeyAnswer,
    spoken: Option<Language>,
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

/// The options to create a new passkey in profile settings, once the present second factor is
/// proven (R26a).
pub async fn start_adding(
    state: &AppState,
    spoken: Option<Language>,
    session: &SessionRecord,
    address: Option<IpAddr>,
    proof: &DeviceProof,
) -> Result<Json<PasskeyChallenge>, ApiFailure> {
    let id = &session.login_id;
    // Read before the proof opens its change (one pooled connection at a time per request).
    let registered = state
        .store
        .passkeys_of(id)
        .await?
        .iter()
        .map(|p| p.passkey.cred_id().clone())
        .collect();
    let change = prove_present_factor(state, spoken, id, address, proof).await?;
    let (options, ceremony) = state.passkeys.start_registration(id, registered)?;
    begin(
        change,
        state,
        session,
        Ceremony::Register,
        options,
        ceremony,
    )
    .await
}

/// The new passkey, named: stored, audited and announced.
pub async fn add(
    state: &AppState,
    spoken: Option<Language>,
    session: &SessionRecord,
    answer: &PasskeyAnswer,
) -> Result<(), ApiFailure> {
    let mut change = state.change().await?;
    let registered = register_in(state, &mut change, session, answer, spoken).await?;
    state.commit(change).await?;
    if registered.is_none() {
        return Err(SecondFactorError::PasskeyNotStarted.into());
    }
    Ok(())
}

/// Removes one of the user's passkeys, proven by the present second factor (R26a).
pub async fn remove(
    state: &AppState,
    spoken: Option<Language>,
    id: &LoginId,
    address: Option<IpAddr>,
    passkey_id: &str,
    proof: &DeviceProof,
) -> Result<(), ApiFailure> {
    let mut change = prove_present_factor(state, spoken, id, address, proof).await?;
    let Some(name) = change.remove_passkey(id, passkey_id).await? else {
        state.commit(change).await?;
        return Err(SecondFactorError::UnknownPasskey.into());
    };
    change
        .record(AuditEvent::own(id, AuditAction::PasskeyRemoved).detail(&name))
        .await?;
    announce(&mut change, id, Notice::PasskeyRemoved, spoken).await?;
    state.commit(change).await?;
    Ok(())
}
