//! Extractors, so that a handler's signature states what it needs.

use std::convert::Infallible;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use super::error::{request_language, ApiFailure};
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
