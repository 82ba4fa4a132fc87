//! The OpenID Provider's endpoints. Outside `/api`: relying parties and browsers of other
//! sites call them, so the SPA's CSRF header is not asked; each endpoint carries the defences
//! its standard gives it.

mod authorize;
mod discovery;
mod logout;
mod token;

use std::time::Duration;

use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

use crate::server::oidc::paths;
use crate::server::state::AppState;
use crate::server::store::Store;

/// A browser's preflight is remembered this long.
const PREFLIGHT_FOR: Duration = Duration::from_secs(600);

pub fn router(store: &Store) -> Router<AppState> {
    // Discovery and the keys are public: any page may read them.
    let public = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET])
        .max_age(PREFLIGHT_FOR);
    // An application in a browser (a public client) reaches the token and UserInfo endpoints
    // from its own origin: the origin of one of the enabled clients' redirect URIs. No cookie
    // goes with these calls, only the code, the verifier or the token.
    let store = store.clone();
    let applications = CorsLayer::new()
        .allow_origin(AllowOrigin::async_predicate(
            move |origin: HeaderValue, _| async move {
                let Ok(origin) = origin.to_str() else {
                    return false;
                };
                store.is_client_origin(origin).await.unwrap_or(false)
            },
        ))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .max_age(PREFLIGHT_FOR);
    let read_by_anyone = Router::new()
        .route(paths::DISCOVERY, get(discovery::configuration))
        .route(paths::JWKS, get(discovery::jwks))
        .layer(public);
    let called_by_applications = Router::new()
        .route(paths::TOKEN, post(token::token))
        .route(paths::USERINFO, get(token::userinfo).post(token::userinfo))
        .layer(applications);
    Router::new()
        .merge(read_by_anyone)
        .merge(called_by_applications)
        .route(
            paths::AUTHORIZE,
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route(paths::RESUME, get(authorize::resume))
        .route(
            paths::END_SESSION,
            get(logout::logout_get).post(logout::logout_post),
        )
}
