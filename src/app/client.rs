//! The one API client: every call goes through [`post`] or [`get`], and one decoder turns any
//! non-2xx answer into a typed [`ApiError`]; pages never see status codes.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::{ApiError, ErrorCode, CSRF_HEADER};
use crate::i18n::Language;

fn network_error(language: Language) -> ApiError {
    ApiError::new(
        ErrorCode::Network,
        language.catalogue().errors.network_error,
    )
}

fn prepare(builder: RequestBuilder, language: Language) -> RequestBuilder {
    builder
        .header("Accept-Language", language.tag())
        .header(CSRF_HEADER, "1")
}

async fn decode<T: DeserializeOwned>(
    response: Response,
    language: Language,
) -> Result<T, ApiError> {
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| network_error(language));
    }
    Err(response.json::<ApiError>().await.unwrap_or_else(|_| {
        ApiError::new(
            ErrorCode::Internal,
            language.catalogue().errors.internal_error,
        )
    }))
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    language: Language,
) -> Result<T, ApiError> {
    let request = prepare(Request::post(path), language)
        .json(body)
        .map_err(|_| network_error(language))?;
    let response = request.send().await.map_err(|_| network_error(language))?;
    decode(response, language).await
}

pub async fn get<T: DeserializeOwned>(path: &str, language: Language) -> Result<T, ApiError> {
    let response = prepare(Request::get(path), language)
        .send()
        .await
        .map_err(|_| network_error(language))?;
    decode(response, language).await
}

/// For endpoints whose request has no fields.
#[derive(Serialize)]
pub struct Empty {}
