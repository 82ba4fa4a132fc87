//! A client's identifier and secret: the identifier public, the secret shown once to whoever
//! registered the client and kept only as a hash.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

pub use crate::domain::relying_party::{
    AppUri, ClientError, ClientForm, ClientKind, ClientSettings, SCOPES,
};

/// A client's identifier: 128 random bits, URL-safe, public.
pub fn new_client_id() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
}

/// A confidential client's secret: 256 random bits in the URL-safe alphabet, shown once.
pub struct ClientSecret(String);

impl ClientSecret {
    pub fn generate() -> Self {
        Self(URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()))
    }

    /// For printing once to whoever registered the client.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        secret_hash(&self.0)
    }
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientSecret(..)")
    }
}

/// What is stored of a secret: its SHA-256 (a random 256-bit secret needs no slow hash).
pub fn secret_hash(secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_256_bits_url_safe_and_stored_as_its_hash() {
        let secret = ClientSecret::generate();
        assert_eq!(secret.reveal().len(), 43);
        assert!(secret
            .reveal()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(secret.hash(), secret.reveal());
        assert_eq!(secret.hash(), secret_hash(secret.reveal()));
        assert_eq!(format!("{secret:?}"), "ClientSecret(..)");
    }
}
