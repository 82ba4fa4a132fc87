//! What the provider says of a person, by scope (OpenID Connect Core 5.4): the same claims in
//! the ID token and at the UserInfo endpoint.
//!
//! | scope | claims |
//! |---|---|
//! | `openid` | `sub`: opaque, never given to anyone else |
//! | `profile` | `name`, `family_name`, `given_name`, `preferred_username` (the user ID) |
//! | `email` | `email`, `email_verified` (true only for an address a code was mailed to and typed back) |
//! | `ccass` | `participant_id`, `participant_kind`, `roles` (`user`, `da_maker`, `da_checker`, `operator`), `business_user_groups`, `access_levels` |

use serde_json::{json, Map, Value};

use crate::domain::{DaRole, Principal};
use crate::server::store::Identity;

/// The claims of `scopes` for the person `principal` with `identity`, `sub` included.
pub fn of(
    subject: &str,
    principal: &Principal,
    identity: &Identity,
    scopes: &[&str],
) -> Map<String, Value> {
    let mut claims = Map::new();
    claims.insert("sub".into(), json!(subject));
    if scopes.contains(&"profile") {
        let name = [identity.surname.as_str(), identity.other_names.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        claims.insert("name".into(), json!(name));
        claims.insert("family_name".into(), json!(identity.surname));
        if !identity.other_names.is_empty() {
            claims.insert("given_name".into(), json!(identity.other_names));
        }
        claims.insert(
            "preferred_username".into(),
            json!(principal.login_id().as_str()),
        );
    }
    if scopes.contains(&"email") {
        if let Some(email) = &identity.email {
            claims.insert("email".into(), json!(email));
            let verified = identity.email_verified.as_deref() == Some(email.as_str());
            claims.insert("email_verified".into(), json!(verified));
        }
    }
    if scopes.contains(&"ccass") {
        match principal {
            Principal::Participant {
                participant, roles, ..
            } => {
                let mut named = Vec::new();
                if !roles.business_user_groups.is_empty() || roles.da.is_none() {
                    named.push("user");
                }
                if let Some(da) = &roles.da {
                    named.push(match da.role {
                        DaRole::Maker => "da_maker",
                        DaRole::Checker => "da_checker",
                    });
                }
                claims.insert("participant_id".into(), json!(participant.as_str()));
                if let Some(kind) = &identity.participant_kind {
                    claims.insert("participant_kind".into(), json!(kind));
                }
                claims.insert("roles".into(), json!(named));
                claims.insert(
                    "business_user_groups".into(),
                    json!(roles.business_user_groups),
                );
                let levels = roles
                    .da
                    .as_ref()
                    .map(|da| da.access_levels.clone())
                    .unwrap_or_default();
                claims.insert("access_levels".into(), json!(levels));
            }
            Principal::Operator { .. } => {
                claims.insert("roles".into(), json!(["operator"]));
            }
        }
    }
    claims
}
