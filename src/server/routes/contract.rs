//! The API's contract: an OpenAPI 3.1 document made from the wire types (`ToSchema`) and the
//! handlers' own `#[utoipa::path]`, gathered by the router that serves them, and finished here
//! with what every operation may meet whatever its handler: the layers' failures (a malformed
//! body, one too large, a request too slow, the database out of reach), the SPA's header that
//! a state-changing request must carry, and the session cookie. Served at `/api/openapi.json`.

use axum::body::Bytes;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{OpenApi, Required};

use crate::api::{ApiError, ErrorCode, CSRF_HEADER};
use crate::server::http::error::documented::{failure_components, failure_responses};

/// The session cookie's name behind HTTPS; the loopback demo over plain HTTP drops `__Host-`.
const SESSION_COOKIE: &str = "__Host-ccass_session";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "CCASS Access API",
        description = "Two-factor log-in to CCASS Terminal and maker-checker user maintenance \
            in the DMS. Every failure answers an `ApiError`: `code` for programs, `message` in \
            the language of `Accept-Language` (English or Traditional Chinese) for people.",
    ),
    tags(
        (name = "log-in", description = "User ID and password, the second factor, \
            Forgot/Reset your Password, the legacy smartcard."),
        (name = "session", description = "Who is signed in."),
        (name = "settings", description = "Change User Profile: the OTP channel and device."),
        (name = "dms", description = "The DMS of a participant's Delegated Administrators."),
        (name = "operator", description = "The clearing house's operator console."),
        (name = "health", description = "Liveness, readiness, metrics, the migration phase."),
    ),
    components(schemas(ApiError, ErrorCode))
)]
pub struct ApiDoc;

/// Adds to `document` what the layers give every operation (see the module's comment).
pub fn finish(mut document: OpenApi) -> OpenApi {
    let components = document.components.get_or_insert_with(Default::default);
    components.responses.extend(failure_components());
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            SESSION_COOKIE,
            "Set by the log-in; `ccass_session` on the loopback demo over plain HTTP.",
        ))),
    );
    for item in document.paths.paths.values_mut() {
        if let Some(operation) = item.get.as_mut() {
            every_request(operation);
        }
        for operation in [
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            every_request(operation);
            state_changing(operation);
        }
    }
    document
}

fn add_failures(operation: &mut Operation, codes: &[ErrorCode]) {
    for (status, response) in failure_responses(codes) {
        operation
            .responses
            .responses
            .entry(status)
            .or_insert(response);
    }
}

fn every_request(operation: &mut Operation) {
    add_failures(
        operation,
        &[
            ErrorCode::Timeout,
            ErrorCode::Internal,
            ErrorCode::Unavailable,
        ],
    );
    if operation.request_body.is_some() {
        add_failures(
            operation,
            &[ErrorCode::MalformedRequest, ErrorCode::PayloadTooLarge],
        );
    }
    let has_query = operation.parameters.iter().flatten().any(|parameter| {
        matches!(
            parameter,
            utoipa::openapi::RefOr::T(p) if p.parameter_in == ParameterIn::Query
        )
    });
    if has_query {
        add_failures(operation, &[ErrorCode::MalformedRequest]);
    }
}

/// A state-changing request must carry the SPA's header (CSRF defence).
fn state_changing(operation: &mut Operation) {
    add_failures(operation, &[ErrorCode::CsrfRejected]);
    operation
        .parameters
        .get_or_insert_with(Vec::new)
        .push(utoipa::openapi::RefOr::T(
            ParameterBuilder::new()
                .name(CSRF_HEADER)
                .parameter_in(ParameterIn::Header)
                .required(Required::True)
                .description(Some(
                    "Any value: it marks the SPA's own requests, which a cross-site form \
                     cannot send.",
                ))
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .build(),
        ));
}

/// The document as served: written once, at start-up.
#[derive(Clone)]
pub struct Published(Bytes);

impl Published {
    pub fn of(document: OpenApi) -> Self {
        Self(Bytes::from(
            document.to_json().expect("the document is plain data"),
        ))
    }
}

impl IntoResponse for Published {
    fn into_response(self) -> Response {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.0,
        )
            .into_response()
    }
}
