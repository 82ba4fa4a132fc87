//! RP-Initiated Logout 1.0: an application sends the browser here to end the CCASS Access
//! session. With an ID token of this session as `id_token_hint` the logout happens at once;
//! without one the person is asked. The browser goes back only to a `post_logout_redirect_uri`
//! registered for the application named, and never on a forged hint.

use serde_json::Value;

use crate::server::provider::issuer::Issuer;
use crate::server::provider::keys::Loaded;
use crate::server::security::jose::unverified_header;
use crate::server::store::StoredClient;

/// What the `id_token_hint` says, once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    Absent,
    /// Signed by one of our keys, for us: its client and session.
    Valid {
        client_id: String,
        sid: Option<String>,
    },
    /// Not ours, not for us, `alg: none`, a key we do not know: never trusted.
    Forged,
}

/// An ID token we issued (expired ones too: a hint is often old, section 2).
pub fn check_hint(keys: &Loaded, issuer: &Issuer, hint: Option<&str>) -> Hint {
    let Some(token) = hint else {
        return Hint::Absent;
    };
    let Ok(header) = unverified_header(token) else {
        return Hint::Forged;
    };
    let Some(key) = header["kid"].as_str().and_then(|kid| keys.published(kid)) else {
        return Hint::Forged;
    };
    let Ok(claims) = key.verify(token) else {
        return Hint::Forged;
    };
    if claims["iss"] != issuer.as_str() {
        return Hint::Forged;
    }
    let client_id = match &claims["aud"] {
        Value::String(aud) => Some(aud.clone()),
        Value::Array(auds) if auds.len() == 1 => auds[0].as_str().map(str::to_owned),
        _ => None,
    };
    match client_id {
        Some(client_id) => Hint::Valid {
            client_id,
            sid: claims["sid"].as_str().map(str::to_owned),
        },
        None => Hint::Forged,
    }
}

/// The client the request is from: the hint's audience, or `client_id`; both must agree.
pub fn client_named<'a>(hint: &'a Hint, client_id: Option<&'a str>) -> Option<&'a str> {
    match (hint, client_id) {
        (Hint::Forged, _) => None,
        (Hint::Valid { client_id: aud, .. }, Some(named)) if aud != named => None,
        (Hint::Valid { client_id: aud, .. }, _) => Some(aud),
        (Hint::Absent, named) => named,
    }
}

/// Where the browser may go afterwards: the asked URI if it is registered for the client, to
/// the letter, and the request carries no forged hint.
pub fn redirect_allowed<'a>(
    hint: &Hint,
    client: Option<&StoredClient>,
    asked: Option<&'a str>,
) -> Option<&'a str> {
    if *hint == Hint::Forged {
        return None;
    }
    let (client, asked) = (client.filter(|c| c.enabled)?, asked?);
    client
        .settings
        .post_logout_redirect_uris
        .iter()
        .any(|uri| uri.as_str() == asked)
        .then_some(asked)
}
