//! The discovery document (OpenID Connect Discovery 1.0 section 3): what a relying party
//! reads to find the endpoints, algorithms and claims of this provider.

use serde_json::{json, Value};

use super::issuer::Issuer;
use super::paths;
use crate::server::security::jose::Alg;

/// The document for `issuer`.
pub fn document(issuer: &Issuer) -> Value {
    let algs: Vec<&str> = Alg::ALL.iter().map(|alg| alg.as_str()).collect();
    json!({
        "issuer": issuer.as_str(),
        "jwks_uri": issuer.endpoint(paths::JWKS),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": algs,
    })
}
