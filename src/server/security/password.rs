//! Password hashing with Argon2id at the OWASP Password Storage Cheat Sheet's parameters
//! (19 MiB memory, 2 iterations, 1 lane). Hashing is meant to be slow, so it runs on a pool of
//! its own ([`super::hash_pool`]): one thread per core, each with its working memory allocated
//! once, fed by a bounded queue.

use std::sync::LazyLock;

use argon2::password_hash::{Output, ParamsString, PasswordHash as PhcHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version, ARGON2ID_IDENT};
use unicode_normalization::UnicodeNormalization;

use super::hash_pool::{Memory, POOL};

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

/// The OWASP parameters every new hash uses.
fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("OWASP parameters are valid")
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Verified against when the user ID is unknown or has no password yet, so that the answer
/// takes as long as for a wrong password and reveals nothing.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut memory = Memory::default();
    hash_with(&mut memory, "a password no one has")
        .expect("hashing works")
        .0
});

pub fn hash_with(memory: &mut Memory, password: &str) -> anyhow::Result<PasswordHash> {
    let params = params();
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = [0u8; 32];
    argon2(params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            &salt_bytes,
            &mut out,
            memory.blocks(&params),
        )
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    let phc = PhcHash {
        algorithm: ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| anyhow::anyhow!("params: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("output: {e}"))?),
    };
    Ok(PasswordHash(phc.to_string()))
}

/// Whether `password` is the one `phc` was made from; a malformed or foreign hash never is.
fn matches(memory: &mut Memory, password: &str, phc: &str) -> bool {
    let Ok(parsed) = PhcHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    if parsed.algorithm != ARGON2ID_IDENT {
        return false;
    }
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut salt_buffer = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buffer) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let computed = argon2(params.clone()).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        &mut out,
        memory.blocks(&params),
    );
    // `Output`'s comparison takes constant time.
    computed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
}

pub(super) fn verify_with(
    memory: &mut Memory,
    password: &str,
    stored: Option<&PasswordHash>,
) -> bool {
    let phc = stored.map_or(DUMMY_HASH.as_str(), PasswordHash::as_stored);
    matches(memory, password, phc) && stored.is_some()
}

/// Hashes a new password on the hashing pool.
pub async fn hash(password: String) -> anyhow::Result<PasswordHash> {
    POOL.run(move |memory| hash_with(memory, &password)).await?
}

pub async fn verify(password: String, stored: Option<PasswordHash>) -> anyhow::Result<bool> {
    POOL.run(move |memory| verify_with(memory, &password, stored.as_ref()))
        .await
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
    POOL.run(move |memory| {
        if verify_with(memory, &normalised, stored.as_ref()) {
            LoginCheck::Matches
        } else if stored.is_some()
            && normalised != raw
            && verify_with(memory, &raw, stored.as_ref())
        {
            LoginCheck::MatchesUnnormalised
        } else {
            LoginCheck::Fails
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    fn hash_now(password: &str) -> anyhow::Result<PasswordHash> {
        hash_with(&mut Memory::default(), password)
    }

    fn verify_now(password: &str, stored: Option<&PasswordHash>) -> bool {
        verify_with(&mut Memory::default(), password, stored)
    }

    #[test]
    fn hashes_agree_with_the_argon2_crate_s_own_both_ways() {
        // Ours, checked by the crate's verifier: the same PHC string the crate would write.
        let ours = hash_now("correct horse battery staple").unwrap();
        let parsed = PhcHash::new(ours.as_stored()).unwrap();
        let standard = argon2(params());
        assert!(standard
            .verify_password(b"correct horse battery staple", &parsed)
            .is_ok());
        // The crate's, checked by ours: hashes stored before the pool still verify.
        let salt = SaltString::encode_b64(b"sixteen byte salt").unwrap();
        let theirs = standard
            .hash_password(b"an older password", &salt)
            .unwrap()
            .to_string();
        let stored = PasswordHash::from_stored(theirs);
        assert!(verify_now("an older password", Some(&stored)));
        assert!(!verify_now("an older passwore", Some(&stored)));
    }

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
