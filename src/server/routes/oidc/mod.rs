//! The OpenID Provider's endpoints. Outside `/api`: relying parties and browsers of other
//! sites call them, so the SPA's CSRF header is not asked; each endpoint carries the defences
//! its standard gives it.

mod discovery;

use axum::routing::get;
use axum::Router;

use crate::server::oidc::paths;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::DISCOVERY, get(discovery::configuration))
        .route(paths::JWKS, get(discovery::jwks))
}
