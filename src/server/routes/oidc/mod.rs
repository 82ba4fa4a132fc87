//! The OpenID Provider's endpoints. Outside `/api`: relying parties and browsers of other
//! sites call them, so the SPA's CSRF header is not asked; each endpoint carries the defences
//! its standard gives it.

mod authorize;
mod discovery;
mod logout;
mod token;

use axum::routing::{get, post};
use axum::Router;

use crate::server::oidc::paths;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::DISCOVERY, get(discovery::configuration))
        .route(paths::JWKS, get(discovery::jwks))
        .route(
            paths::AUTHORIZE,
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route(paths::RESUME, get(authorize::resume))
        .route(paths::TOKEN, post(token::token))
        .route(paths::USERINFO, get(token::userinfo).post(token::userinfo))
        .route(
            paths::END_SESSION,
            get(logout::logout_get).post(logout::logout_post),
        )
}
