//! Passkeys in profile settings (issue 17): the list, a new one and the removal of one. Adding
//! or removing is proven by the present second factor (R26a) and announced by mail (R26d).

use axum::extract::{Path, State};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{paths, DeviceProof, PasskeyAnswer, PasskeyChallenge, PasskeyList, PasskeyView};
use crate::domain::{hong_kong, LoginId};
use crate::server::auth::passkey_ceremony;
use crate::server::failure::{ApiFailure, InvalidInput, SecondFactorError};
use crate::server::routes::extract::{ApiJson, ClientAddress, SignedInSession, Spoken};
use crate::server::state::AppState;
use crate::server::store::{stored_time, StoredPasskey};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(challenge))
        .routes(routes!(remove))
}

fn view(passkey: StoredPasskey) -> PasskeyView {
    let shown = |ms: i64| stored_time(ms).map(hong_kong::format_date_time);
    PasskeyView {
        id: passkey.credential_id,
        name: passkey.name,
        added_at: shown(passkey.created_at).unwrap_or_default(),
        last_used_at: passkey.last_used_at.and_then(shown),
        synced: passkey.backup_state,
    }
}

async fn listed(state: &AppState, id: &LoginId) -> Result<Json<PasskeyList>, ApiFailure> {
    let passkeys = state.store.passkeys_of(id).await?;
    Ok(Json(PasskeyList {
        passkeys: passkeys.into_iter().map(view).collect(),
    }))
}

/// The user's passkeys.
#[utoipa::path(
    get,
    path = paths::SETTINGS_PASSKEYS,
    tag = "settings",
    security(("session" = [])),
    responses(
        (status = 200, description = "The user's passkeys.", body = PasskeyList),
        SignedInSession
    )
)]
async fn list(
    State(state): State<AppState>,
    SignedInSession(session): SignedInSession,
) -> Result<Json<PasskeyList>, ApiFailure> {
    listed(&state, &session.login_id).await
}

/// The options to create a new passkey, once the present second factor is proven (R26a).
#[utoipa::path(
    post,
    path = paths::SETTINGS_PASSKEY_CHALLENGE,
    tag = "settings",
    request_body = DeviceProof,
    security(("session" = [])),
    responses(
        (status = 200, description = "The options for navigator.credentials.create.", body = PasskeyChallenge),
        SignedInSession, SecondFactorError, InvalidInput
    )
)]
async fn challenge(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    SignedInSession(session): SignedInSession,
    ApiJson(proof): ApiJson<DeviceProof>,
) -> Result<Json<PasskeyChallenge>, ApiFailure> {
    passkey_ceremony::start_adding(&state, spoken, &session, address, &proof).await
}

/// The new passkey, named: stored, audited and announced.
#[utoipa::path(
    post,
    path = paths::SETTINGS_PASSKEYS,
    tag = "settings",
    request_body = PasskeyAnswer,
    security(("session" = [])),
    responses(
        (status = 200, description = "The passkey is added; the user's passkeys.", body = PasskeyList),
        SignedInSession, SecondFactorError, InvalidInput
    )
)]
async fn add(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    SignedInSession(session): SignedInSession,
    ApiJson(answer): ApiJson<PasskeyAnswer>,
) -> Result<Json<PasskeyList>, ApiFailure> {
    passkey_ceremony::add(&state, spoken, &session, &answer).await?;
    listed(&state, &session.login_id).await
}

/// Removes one of the user's passkeys, proven by the present second factor (R26a).
#[utoipa::path(
    post,
    path = paths::SETTINGS_PASSKEY_REMOVE,
    tag = "settings",
    params(("passkey_id" = String, Path, description = "The passkey's credential ID.")),
    request_body = DeviceProof,
    security(("session" = [])),
    responses(
        (status = 200, description = "The passkey is removed; the user's passkeys.", body = PasskeyList),
        SignedInSession, SecondFactorError, InvalidInput
    )
)]
async fn remove(
    State(state): State<AppState>,
    Spoken(spoken): Spoken,
    ClientAddress(address): ClientAddress,
    SignedInSession(session): SignedInSession,
    Path(passkey_id): Path<String>,
    ApiJson(proof): ApiJson<DeviceProof>,
) -> Result<Json<PasskeyList>, ApiFailure> {
    let id = &session.login_id;
    passkey_ceremony::remove(&state, spoken, id, address, &passkey_id, &proof).await?;
    listed(&state, id).await
}
