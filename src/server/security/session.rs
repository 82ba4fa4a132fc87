//! Session tokens (R26): 256 random bits, handed to the browser in an HttpOnly, Secure,
//! SameSite=Strict cookie (see [`CookiePolicy`]) and stored only as a SHA-256 hash, so a copy of the database cannot be
//! replayed as a session.

use crate::stored_names::stored_names;
use axum::http::{header, HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// How the session cookie is set. Everywhere it is `__Host-` (kept only if Secure, host-only
/// and `Path=/`, so no sibling domain or plain-HTTP page can plant or overwrite it), `Secure`,
/// `HttpOnly` and `SameSite=Strict`. A demo on a loopback address over plain HTTP drops
/// `Secure` (and so the prefix): its traffic never leaves the machine, and WebKit keeps no
/// Secure cookie from `http://127.0.0.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookiePolicy {
    Secure,
    LoopbackDemo,
}

impl CookiePolicy {
    pub fn name(self) -> &'static str {
        match self {
            Self::Secure => "__Host-ccass_session",
            Self::LoopbackDemo => "ccass_session",
        }
    }

    fn attributes(self) -> &'static str {
        match self {
            Self::Secure => "Path=/; HttpOnly; Secure; SameSite=Strict",
            Self::LoopbackDemo => "Path=/; HttpOnly; SameSite=Strict",
        }
    }

    /// The cookie that hands `token` to the browser.
    pub fn set(self, token: &SessionToken) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{}={}; {}",
            self.name(),
            token.0,
            self.attributes()
        ))
        .expect("base64url is a valid header value")
    }

    /// The cookie that makes the browser forget the session.
    pub fn clear(self) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{}=; {}; Max-Age=0",
            self.name(),
            self.attributes()
        ))
        .expect("a valid header value")
    }

    /// The session token the browser sent, if any.
    pub fn read(self, headers: &HeaderMap) -> Option<SessionToken> {
        read_cookie(headers, self.name())
    }

    /// The provider cookie's name. It carries the same session, under a token of its own, to
    /// the OpenID Provider's authorization and end-session endpoints, which a browser reaches
    /// by navigations from the applications' sites: `SameSite=Lax` sends it on those and on
    /// nothing cross-site that could change anything (the API never reads it).
    pub fn provider_name(self) -> &'static str {
        match self {
            Self::Secure => "__Host-ccass_op",
            Self::LoopbackDemo => "ccass_op",
        }
    }

    fn provider_attributes(self) -> &'static str {
        match self {
            Self::Secure => "Path=/; HttpOnly; Secure; SameSite=Lax",
            Self::LoopbackDemo => "Path=/; HttpOnly; SameSite=Lax",
        }
    }

    pub fn set_provider(self, token: &SessionToken) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{}={}; {}",
            self.provider_name(),
            token.0,
            self.provider_attributes()
        ))
        .expect("base64url is a valid header value")
    }

    pub fn clear_provider(self) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{}=; {}; Max-Age=0",
            self.provider_name(),
            self.provider_attributes()
        ))
        .expect("a valid header value")
    }

    pub fn read_provider(self, headers: &HeaderMap) -> Option<SessionToken> {
        read_cookie(headers, self.provider_name())
    }
}

fn read_cookie(headers: &HeaderMap, wanted: &str) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| SessionToken::from_cookie(value))
}

/// The stage a session has reached: a half-logged-in session reaches only the OTP step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStage {
    PasswordVerified,
    Authenticated,
}

stored_names!(SessionStage {
    PasswordVerified => "PASSWORD_VERIFIED",
    Authenticated => "AUTHENTICATED",
});

/// The secret the browser holds. Not `Debug`, not stored.
pub struct SessionToken(String);

impl SessionToken {
    pub fn generate() -> Self {
        let bytes: [u8; 32] = rand::random();
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn from_cookie(value: &str) -> Self {
        Self(value.to_owned())
    }

    /// The secret itself, for the one answer that hands it to the browser.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the store keeps and looks up by.
    pub fn hash(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.0.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r26_tokens_are_random_and_stored_hashed() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_ne!(a.0, b.0);
        assert_eq!(a.0.len(), 43);
        assert_ne!(a.hash(), a.0);
        assert_eq!(a.hash(), SessionToken::from_cookie(&a.0).hash());
    }

    #[test]
    fn the_provider_cookie_is_http_only_secure_and_lax() {
        let token = SessionToken::generate();
        let text = CookiePolicy::Secure.set_provider(&token);
        let text = text.to_str().unwrap();
        assert!(text.starts_with("__Host-ccass_op="), "{text}");
        for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/;"] {
            assert!(text.contains(attribute), "{text}");
        }
        let mut headers = HeaderMap::new();
        let both = format!("__Host-ccass_session=a; __Host-ccass_op={}", token.0);
        headers.insert(header::COOKIE, both.parse().unwrap());
        let read = CookiePolicy::Secure.read_provider(&headers).unwrap();
        assert_eq!(read.hash(), token.hash());
    }

    #[test]
    fn r26_cookie_is_http_only_secure_and_strict() {
        let token = SessionToken::generate();
        let cookie = CookiePolicy::Secure.set(&token);
        let text = cookie.to_str().unwrap();
        assert!(text.starts_with("__Host-"), "{text}");
        assert!(!text.contains("Domain"), "{text}");
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/;"] {
            assert!(text.contains(attribute), "{text}");
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            format!("x=1; __Host-ccass_session={}", token.0)
                .parse()
                .unwrap(),
        );
        assert_eq!(
            CookiePolicy::Secure.read(&headers).unwrap().hash(),
            token.hash()
        );
        assert!(CookiePolicy::LoopbackDemo.read(&headers).is_none());
    }

    #[test]
    fn only_the_loopback_demo_drops_secure_and_with_it_the_host_prefix() {
        let text = CookiePolicy::LoopbackDemo.set(&SessionToken::generate());
        let text = text.to_str().unwrap();
        assert!(text.starts_with("ccass_session="), "{text}");
        assert!(!text.contains("Secure"), "{text}");
        assert!(
            text.contains("HttpOnly") && text.contains("SameSite=Strict"),
            "{text}"
        );
        assert!(CookiePolicy::Secure
            .clear()
            .to_str()
            .unwrap()
            .contains("Max-Age=0"));
    }
}
