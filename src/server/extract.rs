//! Extractors, so that a handler's signature states what it needs.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use jiff::SignedDuration;

use super::error::{request_language, ApiFailure};
use super::session::{session_cookie, SessionStage};
use super::state::AppState;
use super::store::SessionRecord;
use crate::api::ErrorCode;
use crate::i18n::Language;

/// The language the caller reads, from `Accept-Language` (the SPA sends its chosen one).
#[derive(Clone, Copy, Debug)]
pub struct Lang(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(request_language(&parts.headers)))
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
        let language = request_language(request.headers());
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => {
                tracing::debug!(%rejection, "malformed request body");
                Err(ApiFailure::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::InvalidInput,
                    language.catalogue().malformed_request,
                ))
            }
        }
    }
}

/// A session in the given stage, alive by both timeouts (R26); each use renews the idle timer.
async fn session_in_stage(
    parts: &Parts,
    state: &AppState,
    wanted: SessionStage,
) -> Result<SessionRecord, ApiFailure> {
    let t = request_language(&parts.headers).catalogue();
    let token = session_cookie(&parts.headers).ok_or_else(|| ApiFailure::unauthenticated(t))?;
    let record = state
        .store
        .find_session(&token)
        .await?
        .ok_or_else(|| ApiFailure::unauthenticated(t))?;
    let now = state.now();
    let idle = SignedDuration::from_mins(i64::from(state.config.session_idle_minutes));
    let absolute = SignedDuration::from_hours(i64::from(state.config.session_absolute_hours));
    let idle_limit = record.last_seen_at.saturating_add(idle.as_millis() as i64);
    let absolute_limit = record
        .created_at
        .saturating_add(absolute.as_millis() as i64);
    if now.as_millisecond() > idle_limit || now.as_millisecond() > absolute_limit {
        state.store.end_session(&token).await?;
        return Err(ApiFailure::unauthenticated(t));
    }
    if record.stage != wanted {
        return Err(match record.stage {
            // A half-logged-in session reaches nothing but the OTP step.
            SessionStage::PasswordVerified => ApiFailure::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                t.finish_login_first,
            ),
            SessionStage::Authenticated => {
                ApiFailure::new(StatusCode::CONFLICT, ErrorCode::Forbidden, t.forbidden)
            }
        });
    }
    state.store.touch_session(&record.token_hash, now).await?;
    Ok(record)
}

/// Password verified, second factor not yet: may only register a device, skip, or give an OTP.
pub struct HalfSession(pub SessionRecord);

impl FromRequestParts<AppState> for HalfSession {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        session_in_stage(parts, state, SessionStage::PasswordVerified)
            .await
            .map(Self)
    }
}

/// Fully logged in (password and OTP).
pub struct SignedInSession(pub SessionRecord);

impl FromRequestParts<AppState> for SignedInSession {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        session_in_stage(parts, state, SessionStage::Authenticated)
            .await
            .map(Self)
    }
}

/// Either stage: device registration serves the first log-in and the channel switch (R22).
pub struct AnySession(pub SessionRecord);

impl FromRequestParts<AppState> for AnySession {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match session_in_stage(parts, state, SessionStage::Authenticated).await {
            Ok(record) => Ok(Self(record)),
            Err(_) => session_in_stage(parts, state, SessionStage::PasswordVerified)
                .await
                .map(Self),
        }
    }
}

/// The caller's network address, for throttling and the OTP e-mail.
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}
