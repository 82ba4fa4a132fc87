//! `POST /oidc/token` and `/oidc/userinfo` (RFC 6749 3.2 and 5, RFC 6750, OpenID Connect Core
//! 3.1.3 and 5.3). Answers are never cached; errors are JSON with `error`.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

use crate::server::oidc::authorize::Parameters;
use crate::server::oidc::grant::{self, Failure, OAuthError, Presented};
use crate::server::state::AppState;

pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: String) -> Response {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "));
    let answer = exchange(&state, basic, &body).await;
    match answer {
        Ok(tokens) => no_store(StatusCode::OK, tokens),
        Err(Failure::Refused(error)) => {
            let mut response = refused(&error);
            if error.status == 401 && basic.is_some() {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"CCASS Access\""),
                );
            }
            response
        }
        Err(Failure::Fault(e)) => fault(e),
    }
}

async fn exchange(state: &AppState, basic: Option<&str>, body: &str) -> Result<Value, Failure> {
    if state.provider.issuer.is_none() {
        return Err(OAuthError::new(404, "invalid_request", "this server has no issuer").into());
    }
    let parameters = Parameters::parse(body)
        .map_err(|e| OAuthError::new(400, "invalid_request", e.to_string()))?;
    let from_header = basic.map(basic_credentials).transpose()?;
    let presented = match (&from_header, parameters.get("client_secret")) {
        (Some(_), Some(_)) => {
            return Err(OAuthError::new(
                400,
                "invalid_request",
                "use one way of client authentication, not two",
            )
            .into())
        }
        (Some((id, secret)), None) => {
            if parameters
                .get("client_id")
                .is_some_and(|body_id| body_id != id)
            {
                return Err(OAuthError::client("client_id differs from the credentials").into());
            }
            Presented {
                client_id: id,
                secret: Some(secret),
            }
        }
        (None, secret) => Presented {
            client_id: parameters
                .get("client_id")
                .ok_or_else(|| OAuthError::client("no client authentication"))?,
            secret,
        },
    };
    let client = grant::authenticate(state, &presented).await?;
    let issued = match parameters.get("grant_type") {
        Some("authorization_code") => {
            let code = parameters
                .get("code")
                .ok_or_else(|| OAuthError::new(400, "invalid_request", "code is missing"))?;
            grant::exchange_code(
                state,
                &client,
                code,
                parameters.get("redirect_uri"),
                parameters.get("code_verifier"),
            )
            .await?
        }
        Some("refresh_token") => {
            let refresh = parameters.get("refresh_token").ok_or_else(|| {
                OAuthError::new(400, "invalid_request", "refresh_token is missing")
            })?;
            grant::refresh(state, &client, refresh).await?
        }
        Some(_) => {
            return Err(OAuthError::new(
                400,
                "unsupported_grant_type",
                "authorization_code and refresh_token only",
            )
            .into())
        }
        None => {
            return Err(OAuthError::new(400, "invalid_request", "grant_type is missing").into())
        }
    };
    Ok(grant::token_answer(&issued))
}

/// RFC 6749 2.3.1: the ID and secret are form-urlencoded, then joined by `:` and base64-encoded.
fn basic_credentials(encoded: &str) -> Result<(String, String), OAuthError> {
    let malformed = || OAuthError::client("malformed Basic credentials");
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| malformed())?;
    let text = String::from_utf8(decoded).map_err(|_| malformed())?;
    let (id, secret) = text.split_once(':').ok_or_else(malformed)?;
    let unescape = |part: &str| -> String {
        url::form_urlencoded::parse(format!("x={part}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Ok((unescape(id), unescape(secret)))
}

pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let Some(access_token) = bearer else {
        let mut response = no_store(StatusCode::UNAUTHORIZED, json!({}));
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"CCASS Access\""),
        );
        return response;
    };
    match grant::userinfo(&state, access_token.trim()).await {
        Ok(claims) => no_store(StatusCode::OK, claims),
        Err(Failure::Refused(error)) => {
            let mut response = refused(&error);
            let challenge = format!(
                "Bearer error=\"{}\", error_description=\"{}\"",
                error.error, error.description
            );
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, value);
            }
            response
        }
        Err(Failure::Fault(e)) => fault(e),
    }
}

fn refused(error: &OAuthError) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST);
    no_store(
        status,
        json!({ "error": error.error, "error_description": error.description }),
    )
}

fn no_store(status: StatusCode, body: Value) -> Response {
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn fault(e: anyhow::Error) -> Response {
    tracing::error!(error = %e, "token endpoint");
    no_store(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({ "error": "server_error", "error_description": "try again later" }),
    )
}
