//! A relying party of the OpenID Provider as the clearing house registers it: exact redirect
//! URIs, the scopes it may ask for, the lowest level of log-in it accepts, how its ID tokens are
//! signed.

use std::net::IpAddr;

use url::{Host, Url};

use super::free_text::FreeTextError;
use super::FreeText;

fn name_problem(problem: FreeTextError) -> String {
    match problem {
        FreeTextError::Required => "a client needs a name".into(),
        FreeTextError::TooLong => format!("at most {NAME_MAX_CHARS} characters"),
        FreeTextError::Invisible => {
            "no invisible characters (control or format characters, line separators)".into()
        }
    }
}

/// The signature algorithms a client may ask its ID tokens in (RS256 first: the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Alg {
    Rs256,
    Es256,
}

impl Alg {
    pub const ALL: [Alg; 2] = [Alg::Rs256, Alg::Es256];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rs256 => "RS256",
            Self::Es256 => "ES256",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownAlg> {
        Self::ALL
            .into_iter()
            .find(|alg| alg.as_str() == raw)
            .ok_or_else(|| UnknownAlg(raw.to_owned()))
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0:?} is not a signature algorithm of this provider: RS256 or ES256")]
pub struct UnknownAlg(pub String);

/// An authentication context class, ordered: a higher one satisfies a request for a lower.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Acr {
    RecoveryCode,
    EmailOtp,
    AppOtp,
    Hardware,
}

crate::stored_names::stored_names!(Acr {
    RecoveryCode => "urn:ccass:acr:recovery-code",
    EmailOtp => "urn:ccass:acr:email-otp",
    AppOtp => "urn:ccass:acr:app-otp",
    Hardware => "urn:ccass:acr:hardware",
});

/// `localhost` or a loopback address: where plain http is allowed (RFC 8252 section 7.3).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// The scopes this provider knows; `openid` is always among a client's.
pub const SCOPES: [&str; 4] = ["openid", "profile", "email", "ccass"];

/// A client's name, as the launcher and the console show it.
pub const NAME_MAX_CHARS: usize = 100;
/// Each URI a client registers: far above any real one, below what a header holds.
pub const URI_MAX_BYTES: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientKind {
    /// Keeps a secret (a server-side application): authenticates at the token endpoint.
    Confidential,
    /// Cannot keep one (an application in a browser or on a device): proves PKCE instead.
    Public,
}

crate::stored_names::stored_names!(ClientKind {
    Confidential => "CONFIDENTIAL",
    Public => "PUBLIC",
});

/// An absolute URI of an application: https, or plain http on localhost or a loopback address
/// (RFC 8252), without a fragment. Kept as it was written, since a redirect URI is compared to
/// the letter (OpenID Connect Core 3.1.2.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppUri(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClientError {
    #[error("{field}: {uri:?} is not an absolute URI")]
    NotAUri { field: &'static str, uri: String },
    #[error("{field}: {uri:?} must be https (plain http only on localhost or a loopback address)")]
    NotHttps { field: &'static str, uri: String },
    #[error("{field}: {uri:?} has a fragment (#…), which a redirect cannot carry")]
    Fragment { field: &'static str, uri: String },
    #[error("{field}: longer than {URI_MAX_BYTES} bytes")]
    TooLong { field: &'static str },
    #[error("--name: {}", name_problem(*.0))]
    Name(FreeTextError),
    #[error("--redirect-uri: a client needs at least one")]
    NoRedirectUri,
    #[error("--scope: {0:?} is not a scope of this provider (openid, profile, email, ccass)")]
    UnknownScope(String),
    #[error("--min-acr: {0:?} is not a level of this provider (see the README)")]
    UnknownAcr(String),
    #[error("--id-token-alg: {0}")]
    Alg(String),
}

impl AppUri {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ClientError> {
        if raw.len() > URI_MAX_BYTES {
            return Err(ClientError::TooLong { field });
        }
        let uri = || raw.to_owned();
        // The URL parser drops tabs and line breaks; an address kept to the letter must not
        // hold what the parser would not see.
        if raw.chars().any(char::is_control) || raw.trim() != raw {
            return Err(ClientError::NotAUri { field, uri: uri() });
        }
        let url = Url::parse(raw).map_err(|_| ClientError::NotAUri { field, uri: uri() })?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            _ => return Err(ClientError::NotHttps { field, uri: uri() }),
        }
        if raw.contains('#') {
            return Err(ClientError::Fragment { field, uri: uri() });
        }
        Ok(Self(raw.to_owned()))
    }

    /// Kept as stored, already checked when it was registered.
    pub fn stored(raw: String) -> Self {
        Self(raw)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What registering a client sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSettings {
    pub name: FreeText,
    pub kind: ClientKind,
    pub redirect_uris: Vec<AppUri>,
    pub post_logout_redirect_uris: Vec<AppUri>,
    pub backchannel_logout_uri: Option<AppUri>,
    /// Where the launcher opens the application.
    pub start_url: Option<AppUri>,
    /// Always holds `openid`; in [`SCOPES`]' order.
    pub scopes: Vec<&'static str>,
    /// The lowest level of log-in it accepts; `None`: any.
    pub min_acr: Option<Acr>,
    pub id_token_alg: Alg,
}

/// The settings as typed on a command line or a form, before they are parsed.
#[derive(Clone, Debug, Default)]
pub struct ClientForm<'a> {
    pub name: &'a str,
    pub public: bool,
    pub redirect_uris: &'a [String],
    pub post_logout_redirect_uris: &'a [String],
    pub backchannel_logout_uri: Option<&'a str>,
    pub start_url: Option<&'a str>,
    /// Empty: the default scopes, every one this provider knows.
    pub scopes: &'a [String],
    pub min_acr: Option<&'a str>,
    pub id_token_alg: Option<&'a str>,
}

impl ClientSettings {
    pub fn parse(form: &ClientForm<'_>) -> Result<Self, ClientError> {
        let name = FreeText::parse(form.name, NAME_MAX_CHARS).map_err(ClientError::Name)?;
        let uris = |field, raw: &[String]| -> Result<Vec<AppUri>, ClientError> {
            raw.iter().map(|uri| AppUri::parse(field, uri)).collect()
        };
        let redirect_uris = uris("--redirect-uri", form.redirect_uris)?;
        if redirect_uris.is_empty() {
            return Err(ClientError::NoRedirectUri);
        }
        let one = |field, raw: Option<&str>| raw.map(|uri| AppUri::parse(field, uri)).transpose();
        let mut scopes = vec!["openid"];
        if form.scopes.is_empty() {
            scopes = SCOPES.to_vec();
        }
        for asked in form.scopes {
            let known = SCOPES
                .iter()
                .find(|scope| **scope == asked.as_str())
                .ok_or_else(|| ClientError::UnknownScope(asked.clone()))?;
            if !scopes.contains(known) {
                scopes.push(known);
            }
        }
        scopes.sort_by_key(|scope| SCOPES.iter().position(|known| known == scope));
        Ok(Self {
            name,
            kind: if form.public {
                ClientKind::Public
            } else {
                ClientKind::Confidential
            },
            redirect_uris,
            post_logout_redirect_uris: uris(
                "--post-logout-redirect-uri",
                form.post_logout_redirect_uris,
            )?,
            backchannel_logout_uri: one("--backchannel-logout-uri", form.backchannel_logout_uri)?,
            start_url: one("--start-url", form.start_url)?,
            scopes,
            min_acr: form
                .min_acr
                .map(|raw| Acr::try_from(raw).map_err(|_| ClientError::UnknownAcr(raw.to_owned())))
                .transpose()?,
            id_token_alg: form
                .id_token_alg
                .map(|raw| Alg::parse(raw).map_err(|e| ClientError::Alg(e.to_string())))
                .transpose()?
                .unwrap_or(Alg::Rs256),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>(redirects: &'a [String]) -> ClientForm<'a> {
        ClientForm {
            name: "CCASS Terminal",
            redirect_uris: redirects,
            ..ClientForm::default()
        }
    }

    #[test]
    fn https_and_loopback_http_are_redirect_uris_kept_to_the_letter() {
        for raw in [
            "https://terminal.example.com/callback",
            "http://localhost:8081/cb?x=1",
            "http://127.0.0.1/cb",
            "http://[::1]:9/cb",
            "https://Terminal.Example.com:443/a/../cb",
        ] {
            assert_eq!(AppUri::parse("--redirect-uri", raw).unwrap().as_str(), raw);
        }
    }

    #[test]
    fn plain_http_elsewhere_fragments_and_relative_uris_are_refused() {
        for (raw, expected) in [
            ("http://terminal.example.com/cb", "https"),
            ("custom.scheme:/cb", "https"),
            ("https://terminal.example.com/cb#top", "fragment"),
            ("/callback", "absolute"),
        ] {
            let error = AppUri::parse("--redirect-uri", raw)
                .unwrap_err()
                .to_string();
            assert!(error.contains(expected), "{raw}: {error}");
            assert!(error.starts_with("--redirect-uri"), "{error}");
        }
        let long = format!("https://a.example/{}", "x".repeat(URI_MAX_BYTES));
        assert!(AppUri::parse("--redirect-uri", &long).is_err());
    }

    #[test]
    fn defaults_are_every_scope_rs256_and_confidential() {
        let redirects = vec!["https://a.example/cb".to_owned()];
        let settings = ClientSettings::parse(&form(&redirects)).unwrap();
        assert_eq!(settings.scopes, SCOPES);
        assert_eq!(settings.id_token_alg, Alg::Rs256);
        assert_eq!(settings.kind, ClientKind::Confidential);
        assert_eq!(settings.min_acr, None);
    }

    #[test]
    fn asked_scopes_always_hold_openid_and_unknown_ones_are_named() {
        let redirects = vec!["https://a.example/cb".to_owned()];
        let scopes = vec!["email".to_owned()];
        let settings = ClientSettings::parse(&ClientForm {
            scopes: &scopes,
            ..form(&redirects)
        })
        .unwrap();
        assert_eq!(settings.scopes, ["openid", "email"]);
        let unknown = vec!["offline_access".to_owned()];
        let error = ClientSettings::parse(&ClientForm {
            scopes: &unknown,
            ..form(&redirects)
        })
        .unwrap_err();
        assert_eq!(error, ClientError::UnknownScope("offline_access".into()));
        assert_eq!(
            ClientSettings::parse(&form(&[])).unwrap_err(),
            ClientError::NoRedirectUri
        );
    }
}
