//! The authorization request (OpenID Connect Core 3.1.2.1, RFC 6749 4.1.1, RFC 7636): read
//! from the query or a form, checked in the standard's order. Until the client and its redirect
//! URI are known to match, an error is shown to the person and never sent anywhere; after, it
//! goes back to the application with `state` and `iss` (RFC 9207).

use serde::{Deserialize, Serialize};

use super::assurance::Acr;
use super::client::ClientKind;
use crate::server::store::StoredClient;

/// The longest value any parameter may have: far above any real one.
pub const PARAMETER_MAX_BYTES: usize = 2048;

/// What a request may not be: shown on the provider's own page, never redirected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unredirectable {
    #[error("the request names no client (client_id)")]
    NoClient,
    #[error("no application is registered under this client_id, or it is disabled")]
    UnknownClient,
    #[error("the request names no redirect_uri")]
    NoRedirectUri,
    #[error("the redirect_uri is not one registered for this application")]
    WrongRedirectUri,
    #[error("a parameter is given twice or is too long: {0}")]
    Malformed(String),
}

/// An error sent back to the application (RFC 6749 4.1.2.1, OpenID Connect Core 3.1.2.6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirected {
    pub error: &'static str,
    pub description: String,
}

impl Redirected {
    fn new(error: &'static str, description: impl Into<String>) -> Self {
        Self {
            error,
            description: description.into(),
        }
    }
}

/// What `prompt` asks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prompt {
    /// Log in only if there is no usable session.
    #[default]
    Usual,
    /// Never show a page: a code at once, or `login_required`.
    None,
    /// Log in again, whatever the session.
    Login,
}

/// A request that may be answered: the client and redirect URI are the registered ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    /// Checked below; until then the request can only fail (`Err` is sent back).
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Prompt,
    pub max_age: Option<i64>,
    /// The lowest level the session must have: the client's, raised by `acr_values`.
    pub min_acr: Option<String>,
}

/// The parameters as sent, each at most once.
pub struct Parameters(Vec<(String, String)>);

impl Parameters {
    /// From a query string or a form body.
    pub fn parse(encoded: &str) -> Result<Self, Unredirectable> {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(encoded.as_bytes())
            .into_owned()
            .collect();
        for (i, (name, value)) in pairs.iter().enumerate() {
            if value.len() > PARAMETER_MAX_BYTES || name.len() > PARAMETER_MAX_BYTES {
                return Err(Unredirectable::Malformed(format!("{name} is too long")));
            }
            if pairs[..i].iter().any(|(earlier, _)| earlier == name) {
                return Err(Unredirectable::Malformed(format!("{name} is given twice")));
            }
        }
        Ok(Self(pairs))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// The client named, if its redirect URI matches one registered, to the letter.
pub fn redirect_target<'a>(
    parameters: &'a Parameters,
    client: Option<&StoredClient>,
) -> Result<&'a str, Unredirectable> {
    parameters
        .get("client_id")
        .ok_or(Unredirectable::NoClient)?;
    let client = client
        .filter(|c| c.enabled)
        .ok_or(Unredirectable::UnknownClient)?;
    let redirect_uri = parameters
        .get("redirect_uri")
        .ok_or(Unredirectable::NoRedirectUri)?;
    if !client
        .settings
        .redirect_uris
        .iter()
        .any(|uri| uri.as_str() == redirect_uri)
    {
        return Err(Unredirectable::WrongRedirectUri);
    }
    Ok(redirect_uri)
}

/// The rest of the request, for a client whose redirect URI matched.
pub fn check(
    parameters: &Parameters,
    client: &StoredClient,
) -> Result<AuthorizationRequest, (Redirected, Option<String>)> {
    let state = parameters.get("state").map(str::to_owned);
    let fail = |error, description: &str| Err((Redirected::new(error, description), state.clone()));
    if parameters.get("request").is_some() {
        return fail("request_not_supported", "request objects are not supported");
    }
    if parameters.get("request_uri").is_some() {
        return fail("request_uri_not_supported", "request_uri is not supported");
    }
    if parameters.get("registration").is_some() {
        return fail(
            "registration_not_supported",
            "registration is not supported",
        );
    }
    match parameters.get("response_type") {
        Some("code") => {}
        Some(_) => {
            return fail(
                "unsupported_response_type",
                "only response_type=code is supported",
            )
        }
        None => return fail("invalid_request", "response_type is missing"),
    }
    if let Some(mode) = parameters.get("response_mode") {
        if mode != "query" {
            return fail("invalid_request", "only response_mode=query is supported");
        }
    }
    let asked: Vec<&str> = parameters
        .get("scope")
        .unwrap_or_default()
        .split(' ')
        .collect();
    if !asked.contains(&"openid") {
        return fail("invalid_scope", "scope must include openid");
    }
    // Scopes the client may not have are left out, as RFC 6749 3.3 lets a server do.
    let scopes: Vec<String> = client
        .settings
        .scopes
        .iter()
        .filter(|known| asked.contains(known))
        .map(|scope| scope.to_string())
        .collect();
    let code_challenge = match (
        parameters.get("code_challenge"),
        parameters.get("code_challenge_method"),
    ) {
        (None, None) if client.settings.kind == ClientKind::Public => {
            return fail(
                "invalid_request",
                "a public client must send a PKCE code_challenge (S256)",
            )
        }
        (None, None) => None,
        (Some(challenge), Some("S256")) => {
            let well_formed = challenge.len() == 43
                && challenge
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !well_formed {
                return fail(
                    "invalid_request",
                    "code_challenge is not a base64url SHA-256",
                );
            }
            Some(challenge.to_owned())
        }
        (Some(_), None | Some("plain")) => {
            return fail(
                "invalid_request",
                "code_challenge_method must be S256; plain is refused",
            )
        }
        (None, Some(_)) => {
            return fail(
                "invalid_request",
                "code_challenge_method without code_challenge",
            )
        }
        (Some(_), Some(_)) => return fail("invalid_request", "code_challenge_method must be S256"),
    };
    let prompts: Vec<&str> = parameters
        .get("prompt")
        .unwrap_or_default()
        .split(' ')
        .filter(|p| !p.is_empty())
        .collect();
    let prompt = if prompts.contains(&"none") {
        if prompts.len() > 1 {
            return fail(
                "invalid_request",
                "prompt=none cannot be combined with another value",
            );
        }
        Prompt::None
    } else if prompts.contains(&"login") {
        Prompt::Login
    } else if prompts
        .iter()
        .all(|p| ["consent", "select_account"].contains(p))
    {
        // First-party applications: no consent screen, one account per browser.
        Prompt::Usual
    } else {
        return fail(
            "invalid_request",
            "prompt takes none, login, consent or select_account",
        );
    };
    let max_age = match parameters.get("max_age") {
        None => None,
        Some(raw) => match raw.parse::<i64>() {
            Ok(seconds) if seconds >= 0 => Some(seconds),
            _ => {
                return fail(
                    "invalid_request",
                    "max_age must be a whole number of seconds",
                )
            }
        },
    };
    // Any of the asked levels will do: the lowest known one is what the session must reach.
    let asked_acr = parameters
        .get("acr_values")
        .unwrap_or_default()
        .split(' ')
        .filter_map(|raw| Acr::try_from(raw).ok())
        .min();
    let min_acr = [client.settings.min_acr, asked_acr]
        .into_iter()
        .flatten()
        .max();
    Ok(AuthorizationRequest {
        client_id: client.client_id.clone(),
        redirect_uri: parameters
            .get("redirect_uri")
            .unwrap_or_default()
            .to_owned(),
        state,
        scopes,
        nonce: parameters.get("nonce").map(str::to_owned),
        code_challenge,
        prompt,
        max_age,
        min_acr: min_acr.map(|acr| acr.as_str().to_owned()),
    })
}

/// `redirect_uri` with `params` added to its query (kept as it was: RFC 6749 3.1.2).
pub fn redirect_to(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        query.append_pair(name, value);
    }
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    format!("{redirect_uri}{separator}{}", query.finish())
}
