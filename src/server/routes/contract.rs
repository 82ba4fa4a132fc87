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
use crate::server::failure::documented::{failure_components, failure_responses};

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
    unique_operation_ids(&mut document);
    for (_, _, operation) in operations(&mut document) {
        id_patterns(operation);
    }
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
    add_links(&mut document);
    document
}

/// Every operation under its own `operationId`, as OpenAPI requires: a handler's name shared by
/// several areas (`confirm` of a request and of an e-mail batch) becomes the method and the path
/// (`post_dms_requests_confirm`).
fn unique_operation_ids(document: &mut OpenApi) {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for (_, _, operation) in operations(document) {
        if let Some(id) = &operation.operation_id {
            *seen.entry(id.clone()).or_default() += 1;
        }
    }
    for (method, path, operation) in operations(document) {
        if operation
            .operation_id
            .as_ref()
            .is_some_and(|id| seen[id] > 1)
        {
            operation.operation_id = Some(slug(method, &path));
        }
    }
}

/// `post_dms_requests_confirm` for `POST /api/dms/requests/{request_id}/confirm`.
fn slug(method: &str, path: &str) -> String {
    let segments = path
        .trim_start_matches("/api/")
        .split('/')
        .filter(|segment| !segment.starts_with('{'))
        .map(|segment| segment.replace(['-', '.'], "_"));
    std::iter::once(method.to_owned())
        .chain(segments)
        .collect::<Vec<_>>()
        .join("_")
}

/// Each operation with its method (lower case) and path.
fn operations(document: &mut OpenApi) -> Vec<(&'static str, String, &mut Operation)> {
    let mut all = Vec::new();
    for (path, item) in document.paths.paths.iter_mut() {
        for (method, operation) in [
            ("get", &mut item.get),
            ("post", &mut item.post),
            ("put", &mut item.put),
            ("patch", &mut item.patch),
            ("delete", &mut item.delete),
        ] {
            if let Some(operation) = operation.as_mut() {
                all.push((method, path.clone(), operation));
            }
        }
    }
    all
}

/// The shapes of the IDs in paths, so that a client (and schemathesis) sends IDs that reach a
/// handler's rules instead of its parser. The parsers also take lower case, so these do.
const ID_PATTERNS: &[(&str, &str)] = &[
    ("participant_id", "^[A-Za-z][A-Za-z0-9]{5}$"),
    ("user_id", "^[A-Za-z][A-Za-z0-9]{7}$"),
    ("da_id", "^[A-Za-z][A-Za-z0-9]{5}[XYZxyz][1-9]$"),
    ("request_id", "^[0-9a-f]{32}$"),
    ("batch_id", "^[0-9a-f]{32}$"),
];

fn id_patterns(operation: &mut Operation) {
    for parameter in operation.parameters.iter_mut().flatten() {
        let utoipa::openapi::RefOr::T(parameter) = parameter else {
            continue;
        };
        if parameter.parameter_in != ParameterIn::Path {
            continue;
        }
        let Some((_, pattern)) = ID_PATTERNS.iter().find(|(name, _)| *name == parameter.name)
        else {
            continue;
        };
        parameter.schema = Some(utoipa::openapi::RefOr::T(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(*pattern))
                .into(),
        ));
    }
}

/// Where an answer's ID leads (OpenAPI links): a request made by a maker to its confirmation,
/// rejection and withdrawal; an e-mail batch likewise; an operator's request to its approval.
/// Stateful runs (schemathesis) walk maker → checker by them.
/// From (a POST path), the link's name, to (method and path), and its parameters.
type LinkSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const LINKS: &[LinkSpec] = &[
    // (from: POST path, link name, to: method and path, parameters)
    (
        "/api/dms/requests",
        "ReadRequest",
        "get /api/dms/requests/{request_id}",
        &[("request_id", "$response.body#/request_id")],
    ),
    (
        "/api/dms/requests",
        "ConfirmRequest",
        "post /api/dms/requests/{request_id}/confirm",
        &[("request_id", "$response.body#/request_id")],
    ),
    (
        "/api/dms/requests",
        "RejectRequest",
        "post /api/dms/requests/{request_id}/reject",
        &[("request_id", "$response.body#/request_id")],
    ),
    (
        "/api/dms/requests",
        "WithdrawRequest",
        "post /api/dms/requests/{request_id}/withdraw",
        &[("request_id", "$response.body#/request_id")],
    ),
    (
        "/api/dms/email-batches",
        "ReadBatch",
        "get /api/dms/email-batches/{batch_id}",
        &[("batch_id", "$response.body#/batch_id")],
    ),
    (
        "/api/dms/email-batches",
        "ConfirmBatch",
        "post /api/dms/email-batches/{batch_id}/confirm",
        &[("batch_id", "$response.body#/batch_id")],
    ),
    (
        "/api/dms/email-batches",
        "RejectBatch",
        "post /api/dms/email-batches/{batch_id}/reject",
        &[("batch_id", "$response.body#/batch_id")],
    ),
    (
        "/api/dms/email-batches",
        "WithdrawBatch",
        "post /api/dms/email-batches/{batch_id}/withdraw",
        &[("batch_id", "$response.body#/batch_id")],
    ),
    (
        "/api/operator/requests",
        "ApproveRequest",
        "post /api/operator/requests/{request_id}/approve",
        &[("request_id", "$response.body#/request_id")],
    ),
    (
        "/api/operator/requests",
        "RejectRequest",
        "post /api/operator/requests/{request_id}/reject",
        &[("request_id", "$response.body#/request_id")],
    ),
    (
        "/api/operator/requests",
        "WithdrawRequest",
        "post /api/operator/requests/{request_id}/withdraw",
        &[("request_id", "$response.body#/request_id")],
    ),
];

fn add_links(document: &mut OpenApi) {
    let id_of = |document: &mut OpenApi, target: &str| -> Option<String> {
        let (method, path) = target.split_once(' ')?;
        operations(document)
            .into_iter()
            .find(|(m, p, _)| *m == method && p == path)
            .and_then(|(_, _, operation)| operation.operation_id.clone())
    };
    for (from, name, to, parameters) in LINKS {
        let Some(operation_id) = id_of(document, to) else {
            continue;
        };
        let Some(made) = document
            .paths
            .paths
            .get_mut(*from)
            .and_then(|item| item.post.as_mut())
        else {
            continue;
        };
        let Some(utoipa::openapi::RefOr::T(ok)) = made.responses.responses.get_mut("200") else {
            continue;
        };
        let mut link = utoipa::openapi::link::LinkBuilder::new().operation_id(operation_id);
        for (parameter, expression) in *parameters {
            link = link.parameter(*parameter, *expression);
        }
        ok.links
            .insert((*name).to_owned(), utoipa::openapi::RefOr::T(link.build()));
    }
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
