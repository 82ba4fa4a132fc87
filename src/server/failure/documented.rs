//! The failures of the API as its contract states them: each area's error type, and each guard
//! that can refuse a request, names the codes it answers with ([`answers_with!`]); a handler's
//! `#[utoipa::path]` lists those types, and every status they give is documented with the
//! [`ApiError`](crate::api::ApiError) body.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use crate::api::ErrorCode;

/// The name of the shared response for one HTTP status: `Conflict`, `TooManyRequests` …
pub fn response_name(status: u16) -> String {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Failure")
        .split([' ', '-'])
        .collect()
}

/// The responses of `codes`, one per status, each a reference to the shared response.
pub fn failure_responses(codes: &[ErrorCode]) -> BTreeMap<String, RefOr<Response>> {
    codes
        .iter()
        .map(|code| code.status())
        .filter(|status| *status != 0)
        .map(|status| {
            (
                status.to_string(),
                RefOr::Ref(Ref::from_response_name(response_name(status))),
            )
        })
        .collect()
}

/// The shared responses: every status any [`ErrorCode`] has, its body an `ApiError`, its
/// description naming the codes it carries.
pub fn failure_components() -> BTreeMap<String, RefOr<Response>> {
    let mut by_status: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for code in ErrorCode::ALL {
        if code.status() != 0 {
            by_status
                .entry(code.status())
                .or_default()
                .push(code_name(code));
        }
    }
    by_status
        .into_iter()
        .map(|(status, codes)| {
            let mut response = ResponseBuilder::new()
                .description(format!(
                    "Refused; `code` is {}. `message` says why in the caller's language.",
                    codes
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ))
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ApiError")))
                        .build(),
                );
            if status == 429 || status == 503 {
                response = response.header(
                    "Retry-After",
                    HeaderBuilder::new()
                        .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
                        .description(Some("Seconds to wait before trying again."))
                        .build(),
                );
            }
            (response_name(status), RefOr::T(response.build()))
        })
        .collect()
}

/// The code as the wire spells it (`too_many_requests`).
fn code_name(code: ErrorCode) -> String {
    serde_json::to_string(&code)
        .unwrap_or_default()
        .trim_matches('"')
        .to_owned()
}

/// `answers_with!(DmsError: NotFound, Conflict)`: the type documents those codes' statuses
/// wherever a handler lists it among its responses.
macro_rules! answers_with {
    ($ty:ty: $($code:ident),+ $(,)?) => {
        impl utoipa::IntoResponses for $ty {
            fn responses() -> std::collections::BTreeMap<
                String,
                utoipa::openapi::RefOr<utoipa::openapi::Response>,
            > {
                $crate::server::failure::documented::failure_responses(&[
                    $($crate::api::ErrorCode::$code),+
                ])
            }
        }
    };
}

pub(crate) use answers_with;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_of_a_code_has_one_named_shared_response() {
        let components = failure_components();
        for code in ErrorCode::ALL {
            if code.status() == 0 {
                continue;
            }
            let name = response_name(code.status());
            assert!(components.contains_key(&name), "{code:?} → {name}");
        }
        assert_eq!(response_name(429), "TooManyRequests");
        assert_eq!(response_name(422), "UnprocessableEntity");
    }
}
