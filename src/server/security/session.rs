//! Session tokens (R26): 256 random bits, handed to the browser in an HttpOnly, Secure,
//! SameSite=Strict cookie and stored only as a SHA-256 hash, so a copy of the database cannot be
//! replayed as a session.

use crate::stored_names::stored_names;
use axum::http::{header, HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// `__Host-`: the browser keeps it only if Secure, host-only and `Path=/`, so no sibling domain
/// or plain-HTTP page can plant or overwrite it.
pub const COOKIE_NAME: &str = "__Host-ccass_session";

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

    pub fn set_cookie(&self) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{COOKIE_NAME}={}; Path=/; HttpOnly; Secure; SameSite=Strict",
            self.0
        ))
        .expect("base64url is a valid header value")
    }
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-ccass_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
    )
}

/// The session token the browser sent, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| SessionToken::from_cookie(value))
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
    fn r26_cookie_is_http_only_secure_and_strict() {
        let cookie = SessionToken::generate().set_cookie();
        let text = cookie.to_str().unwrap();
        assert!(text.starts_with("__Host-"), "{text}");
        assert!(!text.contains("Domain"), "{text}");
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/;"] {
            assert!(text.contains(attribute), "{text}");
        }
    }
}
