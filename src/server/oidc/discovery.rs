//! The discovery document (OpenID Connect Discovery 1.0 section 3): what a relying party
//! reads to find the endpoints, algorithms and claims of this provider.

use serde_json::{json, Value};

use super::paths;
use crate::domain::relying_party::{Acr, SCOPES};
use crate::server::provider::issuer::Issuer;
use crate::server::security::jose::Alg;

/// The document for `issuer`.
pub fn document(issuer: &Issuer) -> Value {
    let algs: Vec<&str> = Alg::ALL.iter().map(|alg| alg.as_str()).collect();
    let levels: Vec<&str> = Acr::ALL.iter().map(|acr| acr.as_str()).collect();
    json!({
        "issuer": issuer.as_str(),
        "authorization_endpoint": issuer.endpoint(paths::AUTHORIZE),
        "token_endpoint": issuer.endpoint(paths::TOKEN),
        "userinfo_endpoint": issuer.endpoint(paths::USERINFO),
        "jwks_uri": issuer.endpoint(paths::JWKS),
        "end_session_endpoint": issuer.endpoint(paths::END_SESSION),
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
        "scopes_supported": SCOPES,
        "claims_supported": [
            "sub", "iss", "aud", "azp", "exp", "iat", "auth_time", "nonce", "sid", "at_hash",
            "acr", "amr", "name", "family_name", "given_name", "preferred_username", "email",
            "email_verified", "participant_id", "participant_kind", "roles",
            "business_user_groups", "access_levels"
        ],
        "acr_values_supported": levels,
        "prompt_values_supported": ["none", "login", "consent", "select_account"],
        "claims_parameter_supported": false,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
    })
}
