//! Extractors, so that a handler's signature states what it needs.

use std::convert::Infallible;
use std::net::IpAddr;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::domain::{DaRole, OperatorId, ParticipantId, Principal};
use crate::i18n::Language;
use crate::server::auth::admission::{admitted, ensure_may_log_in};
use crate::server::auth::session_limits;
use crate::server::failure::documented::answers_with;
use crate::server::failure::{ApiFailure, RequestError, SessionError};
use crate::server::http::client_address::{client_address, peer_address};
use crate::server::http::error::stated_language;
use crate::server::security::session::SessionStage;
use crate::server::state::AppState;
use crate::server::store::{LoginRecord, SessionRecord};

/// The language the caller stated in `Accept-Language`, if any: what a person "last used",
/// remembered for the notices they are sent later (R26d).
#[derive(Clone, Copy, Debug)]
pub struct Spoken(pub Option<Language>);

impl<S: Send + Sync> FromRequestParts<S> for Spoken {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(stated_language(&parts.headers)))
    }
}

/// A JSON body whose rejection is an [`ApiFailure`] in the caller's language, never plain text.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiFailure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "malformed request body");
                Err(match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => RequestError::TooLarge,
                    _ => RequestError::Malformed,
                }
                .into())
            }
        }
    }
}

/// A query string whose rejection is an [`ApiFailure`], never plain text.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "malformed query string");
                Err(RequestError::Malformed.into())
            }
        }
    }
}

/// Who a session's person is, read when the session was checked.
enum Admitted {
    /// A log-in under way: what log-in knows of the account.
    Half(LoginRecord),
    /// Logged in: the principal, with its roles.
    Full(Principal),
}

/// A session in one of the `accepted` stages, alive by both timeouts (R26); each use renews the
/// idle timer. Every request admits its person again (R26b): a half session is a log-in under
/// way, so its account must still be allowed to log in; a full one's person must still be
/// ENABLED and inside their dates, or the session ends.
async fn session_in_stage(
    parts: &Parts,
    state: &AppState,
    accepted: &[SessionStage],
) -> Result<(SessionRecord, Admitted), ApiFailure> {
    let token = state
        .transport
        .cookie
        .read(&parts.headers)
        .ok_or(SessionError::Ended)?;
    let record = state
        .store
        .find_session(&token)
        .await?
        .ok_or(SessionError::Ended)?;
    let now = state.now();
    if session_limits::passed(&state.config, &record, now) {
        let mut change = state.change().await?;
        change.end_session(&token).await?;
        state.commit(change).await?;
        return Err(SessionError::Ended.into());
    }
    if !accepted.contains(&record.stage) {
        return Err(match record.stage {
            // A half-logged-in session reaches nothing but the OTP step.
            SessionStage::PasswordVerified => SessionError::FinishLoginFirst,
            SessionStage::Authenticated => SessionError::AlreadySignedIn,
        }
        .into());
    }
    let admitted = match record.stage {
        SessionStage::PasswordVerified => {
            Admitted::Half(ensure_may_log_in(state, &record.login_id).await?)
        }
        SessionStage::Authenticated => Admitted::Full(
            admitted(state, &record.login_id)
                .await?
                .map_err(|_| SessionError::Ended)?,
        ),
    };
    if session_limits::renew_due(&record, now) {
        state.store.touch_session(&record.token_hash, now).await?;
    }
    Ok((record, admitted))
}

/// An extractor for a session in one of the listed stages.
macro_rules! session_of_stages {
    ($(#[$doc:meta])* $name:ident: $($stage:ident),+) => {
        $(#[$doc])*
        pub struct $name(pub SessionRecord);

        impl FromRequestParts<AppState> for $name {
            type Rejection = ApiFailure;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                session_in_stage(parts, state, &[$(SessionStage::$stage),+])
                    .await
                    .map(|(session, _)| Self(session))
            }
        }
    };
}

/// Password verified, second factor not yet: may only register a device, skip, or give an OTP.
/// It carries what log-in knows of the account, read once when the session was checked.
pub struct HalfSession(pub SessionRecord, pub LoginRecord);

impl FromRequestParts<AppState> for HalfSession {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match session_in_stage(parts, state, &[SessionStage::PasswordVerified]).await? {
            (session, Admitted::Half(login)) => Ok(Self(session, login)),
            (_, Admitted::Full(_)) => unreachable!("only a half session was accepted"),
        }
    }
}
session_of_stages!(
    /// Fully logged in (password and OTP).
    SignedInSession: Authenticated
);
session_of_stages!(
    /// Either stage: device registration serves the first log-in and the channel switch (R22).
    AnySession: Authenticated, PasswordVerified
);

/// Fully logged in, as the principal the session belongs to, with its roles. A profile
/// disabled or removed since the log-in ends the session's use.
pub struct SignedIn {
    pub session: SessionRecord,
    pub principal: Principal,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match session_in_stage(parts, state, &[SessionStage::Authenticated]).await? {
            (session, Admitted::Full(principal)) => Ok(Self { session, principal }),
            (_, Admitted::Half(_)) => unreachable!("only a full session was accepted"),
        }
    }
}

/// One of the clearing house's operators: the guard of the operator console's routes.
pub struct AsOperator {
    pub session: SessionRecord,
    pub operator: OperatorId,
}

impl FromRequestParts<AppState> for AsOperator {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn { session, principal } = SignedIn::from_request_parts(parts, state).await?;
        let operator = principal
            .as_operator()
            .cloned()
            .ok_or(SessionError::NotPermitted)?;
        Ok(Self { session, operator })
    }
}

/// A DA of a participant, maker or checker: the guard of the DMS's routes.
pub struct AsDa {
    pub session: SessionRecord,
    pub principal: Principal,
    pub participant: ParticipantId,
    pub role: DaRole,
}

impl FromRequestParts<AppState> for AsDa {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let SignedIn { session, principal } = SignedIn::from_request_parts(parts, state).await?;
        let Principal::Participant {
            participant, roles, ..
        } = &principal
        else {
            return Err(SessionError::NotPermitted.into());
        };
        let role = roles.da.as_ref().ok_or(SessionError::NotPermitted)?.role;
        let participant = participant.clone();
        Ok(Self {
            session,
            principal,
            participant,
            role,
        })
    }
}

// What each guard refuses with, for the API contract: no session (or a log-in in another stage),
// a log-in no longer allowed, and roles that do not reach the route.
answers_with!(HalfSession: Unauthenticated, Conflict, LoginNotAllowed, AccountLocked);
answers_with!(AnySession: Unauthenticated, LoginNotAllowed, AccountLocked);
answers_with!(SignedInSession: Unauthenticated);
answers_with!(SignedIn: Unauthenticated);
answers_with!(AsOperator: Unauthenticated, Forbidden);
answers_with!(AsDa: Unauthenticated, Forbidden);

/// The caller's network address, for throttling and the OTP e-mail: the TCP peer, or, when
/// the peer is a trusted proxy (`--trusted-proxy`), the nearest address in `X-Forwarded-For`
/// that is not one of the trusted proxies. From any other peer the header is ignored.
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = peer_address(&parts.extensions);
        Ok(Self(peer.map(|peer| {
            client_address(peer, &parts.headers, &state.config.trusted_proxy)
        })))
    }
}
