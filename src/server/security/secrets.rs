//! Secrets at rest: TOTP secrets, checkers' authorisation-code keys and mail waiting in the
//! outbox are stored sealed with XChaCha20-Poly1305 under a key from the configuration, never
//! from the database. A key ring: the first key seals, every key opens, so a key is rotated by
//! putting a new one first and running `ccass-access-server secrets reseal`. A sealed value
//! names its key and is bound to its column (associated data), so it cannot be moved to another.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// Sealed values begin with this, then `<key id>:<base64 of nonce and ciphertext>`.
const PREFIX: &str = "sealed1:";
const NONCE_LEN: usize = 24;

/// Where a sealed value lives: its associated data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    TotpSecret,
    AuthorisationKey,
    MailBody,
    /// The OpenID Provider's private signing keys (PKCS#8, base64).
    SigningKey,
}

impl Column {
    fn label(self) -> &'static [u8] {
        match self {
            Self::TotpSecret => b"credentials.totp_secret",
            Self::AuthorisationKey => b"credentials.authorisation_key",
            Self::MailBody => b"mail_outbox.body",
            Self::SigningKey => b"oidc_signing_keys.private_key",
        }
    }
}

#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyRingError {
    #[error("the secrets key ring is empty: give one line `<id> <base64 of 32 bytes>`")]
    Empty,
    #[error("line {line} of the secrets key ring is not `<id> <base64 of 32 bytes>`")]
    Malformed { line: usize },
    #[error("the key id {0:?} is used twice in the secrets key ring")]
    Twice(String),
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("a stored secret is sealed with key {0:?}, which the key ring does not hold")]
    UnknownKey(String),
    #[error("a stored secret does not open: tampered with, moved, or sealed under another key")]
    Damaged,
}

pub struct KeyRing {
    keys: Vec<(String, XChaCha20Poly1305)>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("KeyRing").field("ids", &ids).finish()
    }
}

impl KeyRing {
    /// One key per line, `<id> <base64 of 32 bytes>`, the sealing key first; blank lines and
    /// `#` comments are skipped.
    pub fn parse(text: &str) -> Result<Self, KeyRingError> {
        let mut keys: Vec<(String, XChaCha20Poly1305)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let malformed = KeyRingError::Malformed { line: n + 1 };
            let (id, key) = line
                .split_once(char::is_whitespace)
                .ok_or(malformed.clone())?;
            let bytes = STANDARD.decode(key.trim()).map_err(|_| malformed.clone())?;
            if bytes.len() != 32 || id.is_empty() || id.contains(':') {
                return Err(malformed);
            }
            if keys.iter().any(|(known, _)| known == id) {
                return Err(KeyRingError::Twice(id.to_owned()));
            }
            let cipher = XChaCha20Poly1305::new_from_slice(&bytes).map_err(|_| malformed)?;
            keys.push((id.to_owned(), cipher));
        }
        if keys.is_empty() {
            return Err(KeyRingError::Empty);
        }
        Ok(Self { keys })
    }

    /// A new key ring line with a random key, named `id`.
    pub fn new_line(id: &str) -> String {
        let key: [u8; 32] = rand::random();
        format!("{id} {}", STANDARD.encode(key))
    }

    fn sealing(&self) -> &(String, XChaCha20Poly1305) {
        &self.keys[0]
    }

    pub fn seal(&self, column: Column, plain: &str) -> String {
        let (id, cipher) = self.sealing();
        let nonce: [u8; NONCE_LEN] = rand::random();
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: column.label(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length the database holds");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{PREFIX}{id}:{}", STANDARD.encode(bytes))
    }

    /// The plain value; a value stored before sealing existed is answered as it is.
    pub fn open(&self, column: Column, stored: &str) -> Result<String, OpenError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_owned());
        };
        let (id, body) = rest.split_once(':').ok_or(OpenError::Damaged)?;
        let (_, cipher) = self
            .keys
            .iter()
            .find(|(known, _)| known == id)
            .ok_or_else(|| OpenError::UnknownKey(id.to_owned()))?;
        let bytes = STANDARD.decode(body).map_err(|_| OpenError::Damaged)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError::Damaged);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: column.label(),
                },
            )
            .map_err(|_| OpenError::Damaged)?;
        String::from_utf8(plain).map_err(|_| OpenError::Damaged)
    }

    /// Sealed with the sealing key already (a reseal leaves it alone).
    pub fn is_current(&self, stored: &str) -> bool {
        stored.starts_with(&format!("{PREFIX}{}:", self.sealing().0))
    }
}

/// The key ring the configuration names: inline, from its file, or (only with `--demo`) from
/// `secrets.keys` beside the demo's SQLite database, made on first start. Anything else refuses
/// to start: secrets are never stored unsealed, nor sealed with a key kept in the database.
pub fn load(config: &crate::server::config::Config) -> anyhow::Result<KeyRing> {
    use anyhow::Context;
    if let Some(text) = &config.secrets_keys {
        return Ok(KeyRing::parse(text)?);
    }
    if let Some(path) = &config.secrets_keys_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the secrets key ring {}", path.display()))?;
        return KeyRing::parse(&text)
            .with_context(|| format!("the secrets key ring {}", path.display()));
    }
    if !config.demo {
        anyhow::bail!(
            "no secrets key ring: give --secrets-keys-file (or CCASS_SECRETS_KEYS_FILE) naming a \
             file with a line made by `ccass-access-server secrets new-key --id <id>`"
        );
    }
    let path = demo_keys_path(&config.database_url);
    if !path.exists() {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)?;
        }
        write_private(&path, &format!("{}\n", KeyRing::new_line("demo")))
            .with_context(|| format!("writing the demo's key ring {}", path.display()))?;
    }
    let text = std::fs::read_to_string(&path)?;
    Ok(KeyRing::parse(&text)?)
}

/// Beside the demo's SQLite file; for a demo on PostgreSQL, in `data/`.
fn demo_keys_path(database_url: &str) -> std::path::PathBuf {
    let file = database_url
        .strip_prefix("sqlite:")
        .map(|rest| {
            rest.trim_start_matches("//")
                .split('?')
                .next()
                .unwrap_or_default()
        })
        .filter(|path| !path.is_empty() && *path != ":memory:");
    match file.and_then(|f| std::path::Path::new(f).parent()) {
        Some(folder) => folder.join("secrets.keys"),
        None => std::path::Path::new("data").join("secrets.keys"),
    }
}

/// A file only its owner reads.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(lines: &[&str]) -> KeyRing {
        KeyRing::parse(&lines.join("\n")).unwrap()
    }

    #[test]
    fn a_sealed_secret_opens_only_under_its_key_and_in_its_column() {
        let first = KeyRing::new_line("k1");
        let keys = ring(&[&first]);
        let sealed = keys.seal(Column::TotpSecret, "JBSWY3DPEHPK3PXP");
        assert!(sealed.starts_with("sealed1:k1:"));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(
            keys.open(Column::TotpSecret, &sealed).unwrap(),
            "JBSWY3DPEHPK3PXP"
        );
        assert!(matches!(
            keys.open(Column::AuthorisationKey, &sealed),
            Err(OpenError::Damaged)
        ));
        // Two seals of the same secret differ (random nonces).
        assert_ne!(sealed, keys.seal(Column::TotpSecret, "JBSWY3DPEHPK3PXP"));
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push('A');
        assert!(keys.open(Column::TotpSecret, &tampered).is_err());
    }

    #[test]
    fn a_rotated_ring_seals_with_the_new_key_and_still_opens_the_old() {
        let (old, new) = (KeyRing::new_line("k1"), KeyRing::new_line("k2"));
        let sealed_before =
            ring(&[&old]).seal(Column::MailBody, "Your one-time password is 123456");
        let rotated = ring(&[&new, &old]);
        assert_eq!(
            rotated.open(Column::MailBody, &sealed_before).unwrap(),
            "Your one-time password is 123456"
        );
        assert!(!rotated.is_current(&sealed_before));
        assert!(rotated.is_current(&rotated.seal(Column::MailBody, "x")));
        assert!(matches!(
            ring(&[&new]).open(Column::MailBody, &sealed_before),
            Err(OpenError::UnknownKey(id)) if id == "k1"
        ));
    }

    #[test]
    fn values_from_before_sealing_open_as_they_are_and_bad_rings_are_named() {
        let keys = ring(&[&KeyRing::new_line("k1")]);
        assert_eq!(
            keys.open(Column::TotpSecret, "PLAINOLD").unwrap(),
            "PLAINOLD"
        );
        assert_eq!(
            KeyRing::parse("# nothing\n").unwrap_err(),
            KeyRingError::Empty
        );
        assert_eq!(
            KeyRing::parse("k1 notbase64!").unwrap_err(),
            KeyRingError::Malformed { line: 1 }
        );
        let line = KeyRing::new_line("k1");
        assert_eq!(
            KeyRing::parse(&format!("{line}\n{line}")).unwrap_err(),
            KeyRingError::Twice("k1".into())
        );
        assert!(!format!("{keys:?}").contains(&line[3..]));
    }
}
