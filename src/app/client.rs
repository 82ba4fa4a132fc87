//! The one API client, in context: every call goes through [`ApiClient`], which states the
//! chosen language itself and turns any non-2xx answer into a typed [`ApiError`]; pages never
//! see status codes or pass the language.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::i18n::I18n;
use crate::api::{ApiError, ErrorCode, CSRF_HEADER};
use crate::i18n::Language;

#[derive(Clone, Copy)]
pub struct ApiClient {
    i18n: I18n,
}

/// For endpoints whose request has no fields.
#[derive(Clone, Serialize)]
pub struct Empty {}

fn network_error(language: Language) -> ApiError {
    ApiError::new(
        ErrorCode::Network,
        language.catalogue().errors.network_error,
    )
}

impl ApiClient {
    fn prepare(&self, builder: RequestBuilder) -> RequestBuilder {
        builder
            .header("Accept-Language", self.i18n.get().tag())
            .header(CSRF_HEADER, "1")
    }

    async fn decode<T: DeserializeOwned>(&self, response: Response) -> Result<T, ApiError> {
        let language = self.i18n.get();
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
        self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let language = self.i18n.get();
        let request = self
            .prepare(Request::post(path))
            .json(body)
            .map_err(|_| network_error(language))?;
        let response = request.send().await.map_err(|_| network_error(language))?;
        self.decode(response).await
    }

    pub async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let language = self.i18n.get();
        let response = self
            .prepare(Request::get(path))
            .send()
            .await
            .map_err(|_| network_error(language))?;
        self.decode(response).await
    }
}

pub fn provide(i18n: I18n) {
    provide_context(ApiClient { i18n });
}

pub fn use_api() -> ApiClient {
    expect_context::<ApiClient>()
}
