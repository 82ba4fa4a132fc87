//! `GET|POST /oidc/logout`, the end-session endpoint (RP-Initiated Logout 1.0). A GET with a
//! valid hint of this session logs out at once; otherwise the person confirms with a form that
//! posts here (the provider cookie is SameSite=Lax: another site's form carries no session).

use axum::extract::{RawQuery, State};
use axum::http::header::SET_COOKIE;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::domain::AuditAction;
use crate::server::http::error::request_language;
use crate::server::http::page::{escape, page};
use crate::server::oidc::authorize::{redirect_to, Parameters};
use crate::server::oidc::end_session::{check_hint, client_named, redirect_allowed, Hint};
use crate::server::oidc::paths;
use crate::server::state::AppState;
use crate::server::store::AuditEvent;

pub async fn logout_get(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    end_session(
        &state,
        query.as_deref().unwrap_or_default(),
        &headers,
        false,
    )
    .await
}

/// The confirmation's form, or an application's own form post (section 2).
pub async fn logout_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: String,
) -> Response {
    // A form posted by another site has no session cookie; its Origin is checked all the same.
    let confirmed = same_origin(&state, &headers);
    end_session(&state, &body, &headers, confirmed).await
}

/// The form came from a page of ours: the browser says so (`Sec-Fetch-Site`), or its `Origin`
/// is ours. (With `Referrer-Policy: no-referrer` a browser sends `Origin: null` on a POST.)
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if header("sec-fetch-site") == Some("same-origin") {
        return true;
    }
    let Some(issuer) = &state.provider.issuer else {
        return false;
    };
    header(header::ORIGIN.as_str()).is_some_and(|origin| origin == issuer.as_str())
}

async fn end_session(
    state: &AppState,
    encoded: &str,
    headers: &HeaderMap,
    confirmed: bool,
) -> Response {
    let language = request_language(headers);
    let texts = &language.catalogue().provider;
    let Some(issuer) = state.provider.issuer.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(parameters) = Parameters::parse(encoded) else {
        return page(
            language,
            StatusCode::BAD_REQUEST,
            texts.error_title,
            &format!("<p>{}</p>", escape(texts.malformed)),
        );
    };
    let keys = match state.provider.keys.current(&state.store, state.now()).await {
        Ok(keys) => keys,
        Err(e) => return fault(e),
    };
    let hint = check_hint(&keys, &issuer, parameters.get("id_token_hint"));
    let client = match client_named(&hint, parameters.get("client_id")) {
        Some(id) => match state.store.client(id).await {
            Ok(client) => client,
            Err(e) => return fault(e),
        },
        None => None,
    };
    let back = redirect_allowed(
        &hint,
        client.as_ref(),
        parameters.get("post_logout_redirect_uri"),
    )
    .map(|uri| {
        let mut params = Vec::new();
        if let Some(sent) = parameters.get("state") {
            params.push(("state", sent));
        }
        redirect_to(uri, &params)
    });
    let session = match state.transport.cookie.read_provider(headers) {
        Some(token) => match state.store.find_provider_session(&token).await {
            Ok(found) => found,
            Err(e) => return fault(e),
        },
        None => None,
    };
    let hinted_this_session = matches!(
        (&hint, &session),
        (Hint::Valid { sid: Some(sid), .. }, Some(record)) if record.sid.as_deref() == Some(sid)
    );
    let Some(record) = session else {
        // Nothing to end here: the person is logged out already.
        return done(state, language, back, false, !confirmed);
    };
    if !(hinted_this_session || confirmed) {
        return confirm(language, &parameters);
    }
    let Some(sid) = record.sid.clone() else {
        return done(state, language, back, true, !confirmed);
    };
    let ended = async {
        let mut change = state.change().await?;
        if let Some(login_id) = change.end_session_by_sid(&sid).await? {
            let by = client.as_ref().map_or("", |c| c.client_id.as_str());
            change
                .record(AuditEvent::own(&login_id, AuditAction::Logout).detail(by))
                .await?;
        }
        state.commit(change).await
    }
    .await;
    if let Err(e) = ended {
        return fault(e);
    }
    state.provider.logouts.wake();
    done(state, language, back, true, !confirmed)
}

/// The person decides: a form that posts the same request back here.
fn confirm(language: crate::i18n::Language, parameters: &Parameters) -> Response {
    let texts = &language.catalogue().provider;
    let fields: String = [
        "id_token_hint",
        "client_id",
        "post_logout_redirect_uri",
        "state",
    ]
    .iter()
    .filter_map(|name| parameters.get(name).map(|value| (name, value)))
    .map(|(name, value)| {
        format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
            escape(value)
        )
    })
    .collect();
    let body = format!(
        "<p>{}</p><form method=\"post\" action=\"{}\">{fields}<button type=\"submit\">{}</button></form>",
        escape(texts.logout_question),
        paths::END_SESSION,
        escape(texts.logout_button),
    );
    page(language, StatusCode::OK, texts.logout_title, &body)
}

/// Logged out: back to the application where that is allowed (a GET only: a form's redirect
/// to another origin is the kind a strict `form-action` refuses), else a page saying so.
fn done(
    state: &AppState,
    language: crate::i18n::Language,
    back: Option<String>,
    clear: bool,
    redirect: bool,
) -> Response {
    let texts = &language.catalogue().provider;
    let body = format!(
        "<p>{}</p>{}",
        escape(texts.logged_out_text),
        back.as_deref()
            .map(|uri| format!(
                "<p><a href=\"{}\">{}</a></p>",
                escape(uri),
                escape(texts.back_to_application)
            ))
            .unwrap_or_default()
    );
    let mut response = page(language, StatusCode::OK, texts.logged_out_title, &body);
    if let Some(uri) = back.filter(|_| redirect) {
        if let Ok(location) = HeaderValue::from_str(&uri) {
            *response.status_mut() = StatusCode::FOUND;
            response.headers_mut().insert(header::LOCATION, location);
        }
    }
    if clear {
        let cookie = state.transport.cookie;
        let headers = response.headers_mut();
        headers.append(SET_COOKIE, cookie.clear());
        headers.append(SET_COOKIE, cookie.clear_provider());
    }
    response
}

fn fault(e: anyhow::Error) -> Response {
    tracing::error!(error = %e, "end-session endpoint");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
