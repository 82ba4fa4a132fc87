//! `GET|POST /oidc/authorize` and `/oidc/authorize/resume`: a code at once for a session that
//! satisfies the request, or the log-in page first and back here when it completes.

use axum::extract::{Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::i18n::Language;
use crate::server::http::error::request_language;
use crate::server::http::page::{escape, page};
use crate::server::oidc::authorize::{
    check, redirect_target, redirect_to, AuthorizationRequest, Parameters, Prompt, Unredirectable,
};
use crate::server::oidc::grant::{self, LOG_IN_WITHIN};
use crate::server::provider::issuer::Issuer;
use crate::server::state::AppState;
use crate::server::store::new_sid;

pub async fn authorize_get(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    authorize(&state, query.as_deref().unwrap_or_default(), &headers).await
}

/// The same request as a form (OpenID Connect Core 3.1.2.1: GET and POST).
pub async fn authorize_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: String,
) -> Response {
    authorize(&state, &body, &headers).await
}

async fn authorize(state: &AppState, encoded: &str, headers: &HeaderMap) -> Response {
    let language = request_language(headers);
    let Some(issuer) = state.provider.issuer.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let parameters = match Parameters::parse(encoded) {
        Ok(parameters) => parameters,
        Err(refusal) => return refused_page(language, &refusal),
    };
    let client = match parameters.get("client_id") {
        Some(id) => match state.store.client(id).await {
            Ok(client) => client,
            Err(e) => return fault(e),
        },
        None => None,
    };
    let redirect_uri = match redirect_target(&parameters, client.as_ref()) {
        Ok(uri) => uri.to_owned(),
        Err(refusal) => return refused_page(language, &refusal),
    };
    let client = client.expect("the redirect target was found for a client");
    let request = match check(&parameters, &client) {
        Ok(request) => request,
        Err((error, sent_state)) => {
            let mut params = vec![
                ("error", error.error),
                ("error_description", &error.description),
            ];
            if let Some(sent) = &sent_state {
                params.push(("state", sent));
            }
            params.push(("iss", issuer.as_str()));
            return found(&redirect_to(&redirect_uri, &params));
        }
    };
    answer(state, &issuer, request, headers, None).await
}

#[derive(Deserialize)]
pub struct Resume {
    authorization: String,
}

/// Where the log-in page sends the browser once the person has logged in.
pub async fn resume(
    State(state): State<AppState>,
    Query(resume): Query<Resume>,
    headers: HeaderMap,
) -> Response {
    let language = request_language(&headers);
    let Some(issuer) = state.provider.issuer.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let waiting = match state.store.authorization(&resume.authorization).await {
        Ok(waiting) => waiting.filter(|w| state.now() < w.expires_at),
        Err(e) => return fault(e),
    };
    let Some(waiting) = waiting else {
        return refused_page(language, &Unredirectable::UnknownClient);
    };
    let Ok(request) = serde_json::from_str::<AuthorizationRequest>(&waiting.request) else {
        return fault(anyhow::anyhow!("a waiting authorization does not parse"));
    };
    // The client may have been disabled meanwhile.
    match state.store.client(&request.client_id).await {
        Ok(Some(client)) if client.enabled => {}
        Ok(_) => return refused_page(language, &Unredirectable::UnknownClient),
        Err(e) => return fault(e),
    }
    let since = Some((resume.authorization.as_str(), waiting.created_at));
    answer(&state, &issuer, request, &headers, since).await
}

/// A code if the session satisfies the request, `login_required` for `prompt=none`, or the
/// log-in page with the request kept waiting.
async fn answer(
    state: &AppState,
    issuer: &Issuer,
    request: AuthorizationRequest,
    headers: &HeaderMap,
    waiting: Option<(&str, jiff::Timestamp)>,
) -> Response {
    let found_session = match state.transport.cookie.read_provider(headers) {
        Some(token) => match state.store.find_provider_session(&token).await {
            Ok(found) => found,
            Err(e) => return fault(e),
        },
        None => None,
    };
    let session = match grant::usable_session(state, found_session).await {
        Ok(session) => session,
        Err(e) => return fault(e),
    };
    let now = state.now();
    let since = waiting.map(|(_, at)| at);
    let unmet = match &session {
        Some((record, _)) => grant::unmet(&request, record, now, since),
        None => Some("login_required"),
    };
    match (unmet, session) {
        (None, Some((record, _))) => {
            if let Some((id, _)) = waiting {
                match state.change().await {
                    Ok(mut change) => {
                        let deleted = change.delete_authorization(id).await;
                        if let Err(e) = deleted.map(|_| ()) {
                            return fault(e);
                        }
                        if let Err(e) = state.commit(change).await {
                            return fault(e);
                        }
                    }
                    Err(e) => return fault(e),
                }
            }
            match grant::issue_code(state, &request, &record).await {
                Ok(code) => back(&request, issuer, &[("code", &code)]),
                Err(e) => fault(e),
            }
        }
        (Some(error), _) if request.prompt == Prompt::None => {
            let description = "the person must log in";
            back(
                &request,
                issuer,
                &[("error", error), ("error_description", description)],
            )
        }
        _ => {
            let id = match waiting {
                Some((id, _)) => id.to_owned(),
                None => match keep_waiting(state, &request).await {
                    Ok(id) => id,
                    Err(e) => return fault(e),
                },
            };
            found(&format!("/?authorization={id}"))
        }
    }
}

/// The answer to the application, with its `state` and our `iss` (RFC 9207).
fn back(request: &AuthorizationRequest, issuer: &Issuer, params: &[(&str, &str)]) -> Response {
    let mut params = params.to_vec();
    if let Some(sent) = &request.state {
        params.push(("state", sent));
    }
    params.push(("iss", issuer.as_str()));
    found(&redirect_to(&request.redirect_uri, &params))
}

/// Keeps the request while its person logs in; answers its ID.
async fn keep_waiting(state: &AppState, request: &AuthorizationRequest) -> anyhow::Result<String> {
    let id = new_sid();
    let mut change = state.change().await?;
    change
        .insert_authorization(
            &id,
            &request.client_id,
            &serde_json::to_string(request)?,
            state.now() + LOG_IN_WITHIN,
        )
        .await?;
    state.commit(change).await?;
    Ok(id)
}

/// A redirect that no cache keeps and that tells the next site nothing of where it came from.
fn found(location: &str) -> Response {
    let Ok(location) = HeaderValue::from_str(location) else {
        return fault(anyhow::anyhow!("a redirect is not a header value"));
    };
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
        ],
    )
        .into_response()
}

fn fault(e: anyhow::Error) -> Response {
    tracing::error!(error = %e, "authorization endpoint");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The provider's own page for a request that cannot go back to its application.
fn refused_page(language: Language, refusal: &Unredirectable) -> Response {
    let texts = &language.catalogue().provider;
    let why = match refusal {
        Unredirectable::NoClient => texts.no_client,
        Unredirectable::UnknownClient => texts.unknown_client,
        Unredirectable::NoRedirectUri => texts.no_redirect_uri,
        Unredirectable::WrongRedirectUri => texts.wrong_redirect_uri,
        Unredirectable::Malformed(_) => texts.malformed,
    };
    let body = format!(
        "<p>{}</p><p id=\"why\">{}</p><p>{}</p>",
        escape(texts.error_intro),
        escape(why),
        escape(texts.what_to_do)
    );
    page(language, StatusCode::BAD_REQUEST, texts.error_title, &body)
}
