//! Password hashing with Argon2id at the OWASP Password Storage Cheat Sheet's parameters
//! (19 MiB memory, 2 iterations, 1 lane). Hashing runs on the blocking pool: it is meant to be
//! slow.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::{
    PasswordHash as PhcHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use unicode_normalization::UnicodeNormalization;

/// A stored PHC string. No `Serialize`, no `Display`: it never leaves the server.
#[derive(Clone)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn from_stored(phc: String) -> Self {
        Self(phc)
    }

    pub fn as_stored(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Verified against when the user ID is unknown or has no password yet, so that the answer
/// takes as long as for a wrong password and reveals nothing.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("a password no one has").expect("hashing works").0);

fn hash_now(password: &str) -> anyhow::Result<PasswordHash> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let phc = hasher()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    Ok(PasswordHash(phc.to_string()))
}

fn verify_now(password: &str, stored: Option<&PasswordHash>) -> bool {
    let phc = stored.map_or(DUMMY_HASH.as_str(), PasswordHash::as_stored);
    let matches = PhcHash::new(phc)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    matches && stored.is_some()
}

pub async fn hash(password: String) -> anyhow::Result<PasswordHash> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .context("password hashing task")?
}

pub async fn verify(password: String, stored: Option<PasswordHash>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || verify_now(&password, stored.as_ref()))
        .await
        .context("password verification task")
}

/// The form a password is hashed and checked in: Unicode NFKC (NIST SP 800-63B 5.1.1.2), so
/// that the same password typed on another keyboard or system still matches.
pub fn normalise(raw: &str) -> String {
    raw.nfkc().collect()
}

/// How a typed password compares with the stored hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginCheck {
    Matches,
    /// Matches only as typed, not normalised: a hash from before normalisation, to be rehashed.
    MatchesUnnormalised,
    Fails,
}

/// Checks a typed password: its normalised form first, then (for hashes stored before
/// normalisation) the raw form. An unknown user costs the same one verification.
pub async fn check_login(raw: String, stored: Option<PasswordHash>) -> anyhow::Result<LoginCheck> {
    let normalised = normalise(&raw);
    tokio::task::spawn_blocking(move || {
        if verify_now(&normalised, stored.as_ref()) {
            LoginCheck::Matches
        } else if stored.is_some() && normalised != raw && verify_now(&raw, stored.as_ref()) {
            LoginCheck::MatchesUnnormalised
        } else {
            LoginCheck::Fails
        }
    })
    .await
    .context("password verification task")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_now("correct horse battery staple").unwrap();
        assert!(hash
            .as_stored()
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_now("correct horse battery staple", Some(&hash)));
        assert!(!verify_now("correct horse battery stapler", Some(&hash)));
    }

    #[test]
    fn passwords_are_compared_in_nfkc() {
        // A full-width "Ｐ" and a ligature "ﬁ" are the same password as "P" and "fi".
        assert_eq!(normalise("Ｐassword ﬁne"), "Password fine");
    }

    #[tokio::test]
    async fn a_hash_of_the_raw_form_still_verifies_and_asks_for_a_rehash() {
        let raw = "Ｐassword from 2025";
        let legacy = hash_now(raw).unwrap();
        assert_eq!(
            check_login(raw.into(), Some(legacy)).await.unwrap(),
            LoginCheck::MatchesUnnormalised
        );
        let current = hash_now(&normalise(raw)).unwrap();
        assert_eq!(
            check_login(raw.into(), Some(current.clone()))
                .await
                .unwrap(),
            LoginCheck::Matches
        );
        assert_eq!(
            check_login("another".into(), Some(current)).await.unwrap(),
            LoginCheck::Fails
        );
        assert_eq!(
            check_login(raw.into(), None).await.unwrap(),
            LoginCheck::Fails
        );
    }

    #[test]
    fn no_stored_hash_never_verifies() {
        assert!(!verify_now("a password no one has", None));
    }

    #[test]
    fn a_corrupt_stored_hash_does_not_verify() {
        assert!(!verify_now(
            "x",
            Some(&PasswordHash::from_stored("not a phc string".into()))
        ));
    }
}
