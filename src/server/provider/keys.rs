//! The provider's signing keys through their life: made at first start, staged (published
//! before they sign), promoted, and retired once no token they signed can still be in use.
//! Every instance reads the keys from the database and keeps them for a short while, so a key
//! staged by the command line is published by every instance before it may be promoted.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};
use tokio::sync::RwLock;

use crate::domain::AuditAction;
use crate::server::security::jose::{self, Alg, SigningKey};
use crate::server::store::{AuditEvent, KeyRow, KeyState, Store};

/// How long an instance keeps the keys it read before reading them again.
pub const KEYS_KEPT_FOR: SignedDuration = SignedDuration::from_secs(30);
/// A staged key is promoted only after every instance has published it for a while.
pub const STAGED_AT_LEAST: SignedDuration = SignedDuration::from_secs(120);
/// The longest a token signed by a key stays valid: an ID token's lifetime.
pub const LONGEST_TOKEN_LIFETIME: SignedDuration = SignedDuration::from_mins(10);

/// Who changes keys from the command line, in the audit.
const COMMAND_LINE: &str = "COMMAND_LINE";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyCommandError {
    #[error("no signing key {0:?}: `signing-key list` shows them")]
    Unknown(String),
    #[error("key {kid} is {state}: only a STAGED key can be promoted")]
    NotStaged { kid: String, state: &'static str },
    #[error("key {kid} was staged at {staged}: promote it from {from}, when every instance has published it")]
    TooSoon {
        kid: String,
        staged: Timestamp,
        from: Timestamp,
    },
    #[error("key {kid} is {state}: only a PREVIOUS (or a STAGED) key can be retired")]
    NotRetirable { kid: String, state: &'static str },
    #[error("key {kid} signed tokens until {replaced}: retire it from {from}, when none can still be valid")]
    StillInUse {
        kid: String,
        replaced: Timestamp,
        from: Timestamp,
    },
}

/// The keys as one instance holds them: the signing key of each algorithm, the JWKS.
pub struct Loaded {
    read_at: Timestamp,
    by_kid: HashMap<String, Arc<SigningKey>>,
    signing: HashMap<Alg, Arc<SigningKey>>,
    jwks: Value,
}

impl Loaded {
    /// The ACTIVE key of `alg`.
    pub fn signer(&self, alg: Alg) -> anyhow::Result<Arc<SigningKey>> {
        self.signing
            .get(&alg)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no active {} signing key", alg.as_str()))
    }

    /// A published key by its `kid` (to check a token this provider signed).
    pub fn published(&self, kid: &str) -> Option<Arc<SigningKey>> {
        self.by_kid.get(kid).cloned()
    }

    /// `{"keys": [...]}`: every key not retired.
    pub fn jwks(&self) -> &Value {
        &self.jwks
    }
}

#[derive(Default)]
pub struct KeySet {
    loaded: RwLock<Option<Arc<Loaded>>>,
}

impl KeySet {
    /// The keys, read again when older than [`KEYS_KEPT_FOR`] at `now`.
    pub async fn current(&self, store: &Store, now: Timestamp) -> anyhow::Result<Arc<Loaded>> {
        let fresh_enough =
            |loaded: &Loaded| loaded.read_at <= now && now < loaded.read_at + KEYS_KEPT_FOR;
        if let Some(loaded) = self.loaded.read().await.as_ref() {
            if fresh_enough(loaded) {
                return Ok(loaded.clone());
            }
        }
        let mut slot = self.loaded.write().await;
        if let Some(loaded) = slot.as_ref() {
            if fresh_enough(loaded) {
                return Ok(loaded.clone());
            }
        }
        let fresh = Arc::new(read(store, slot.as_deref(), now).await?);
        *slot = Some(fresh.clone());
        Ok(fresh)
    }
}

/// Reads the published keys, parsing only those `before` did not hold (RSA parsing is slow).
async fn read(store: &Store, before: Option<&Loaded>, now: Timestamp) -> anyhow::Result<Loaded> {
    let mut by_kid = HashMap::new();
    let mut signing = HashMap::new();
    let mut published = Vec::new();
    for row in store.signing_keys().await? {
        if row.state == KeyState::Retired {
            continue;
        }
        let key = match before.and_then(|b| b.by_kid.get(&row.kid)) {
            Some(key) => key.clone(),
            None => Arc::new(SigningKey::from_pkcs8(
                row.alg,
                &store.signing_key_pkcs8(&row.kid).await?,
            )?),
        };
        anyhow::ensure!(
            key.kid() == row.kid,
            "signing key {} is stored under another kid",
            row.kid
        );
        published.push(key.jwk().clone());
        if row.state == KeyState::Active {
            signing.insert(row.alg, key.clone());
        }
        by_kid.insert(row.kid, key);
    }
    Ok(Loaded {
        read_at: now,
        by_kid,
        signing,
        jwks: json!({ "keys": published }),
    })
}

/// At start: every algorithm without an ACTIVE key gets one (instances starting together make
/// one between them).
pub async fn ensure_signing_keys(store: &Store, now: Timestamp) -> anyhow::Result<()> {
    let keys = store.signing_keys().await?;
    for alg in Alg::ALL {
        if keys
            .iter()
            .any(|k| k.alg == alg && k.state == KeyState::Active)
        {
            continue;
        }
        let made = make(alg).await?;
        let mut change = store.change(now).await?;
        if change
            .insert_signing_key(made.0.kid(), alg, KeyState::Active, &made.1)
            .await?
        {
            record(
                &mut change,
                AuditAction::SigningKeyPromoted,
                made.0.kid(),
                alg,
            )
            .await?;
            tracing::info!(kid = made.0.kid(), alg = alg.as_str(), "signing key made");
        }
        let _ = change.commit().await?;
    }
    Ok(())
}

/// A new key of `alg` and its PKCS#8; RSA generation takes a while, off the async threads.
async fn make(alg: Alg) -> anyhow::Result<(SigningKey, Vec<u8>)> {
    tokio::task::spawn_blocking(move || {
        let pkcs8 = jose::generate(alg)?;
        Ok((SigningKey::from_pkcs8(alg, &pkcs8)?, pkcs8))
    })
    .await?
}

async fn record(
    change: &mut crate::server::store::Change,
    action: AuditAction,
    kid: &str,
    alg: Alg,
) -> anyhow::Result<()> {
    let detail = json!({ "kid": kid, "alg": alg.as_str() }).to_string();
    change
        .record(AuditEvent {
            actor: COMMAND_LINE,
            action,
            subject: Some(kid),
            detail: &detail,
        })
        .await
}

/// `signing-key stage`: a new key, published from now, signing nothing yet.
pub async fn stage(store: &Store, alg: Alg, now: Timestamp) -> anyhow::Result<String> {
    let (key, pkcs8) = make(alg).await?;
    let mut change = store.change(now).await?;
    change
        .insert_signing_key(key.kid(), alg, KeyState::Staged, &pkcs8)
        .await?;
    record(&mut change, AuditAction::SigningKeyStaged, key.kid(), alg).await?;
    let _ = change.commit().await?;
    Ok(key.kid().to_owned())
}

/// `signing-key promote`: the staged key signs from now; the key it replaces stays published.
pub async fn promote(store: &Store, kid: &str, now: Timestamp) -> anyhow::Result<Option<String>> {
    let mut change = store.change(now).await?;
    let key = known(change.signing_key(kid).await?, kid)?;
    if key.state != KeyState::Staged {
        return Err(KeyCommandError::NotStaged {
            kid: kid.to_owned(),
            state: key.state.as_str(),
        }
        .into());
    }
    let from = key.created_at + STAGED_AT_LEAST;
    if now < from {
        return Err(KeyCommandError::TooSoon {
            kid: kid.to_owned(),
            staged: key.created_at,
            from,
        }
        .into());
    }
    let replaced = change.promote_signing_key(kid, key.alg).await?;
    record(&mut change, AuditAction::SigningKeyPromoted, kid, key.alg).await?;
    let _ = change.commit().await?;
    Ok(replaced)
}

/// `signing-key retire`: a key that signs no more leaves the JWKS once no token it signed can
/// still be valid; its private part is erased.
pub async fn retire(store: &Store, kid: &str, now: Timestamp) -> anyhow::Result<()> {
    let mut change = store.change(now).await?;
    let key = known(change.signing_key(kid).await?, kid)?;
    match (key.state, key.replaced_at) {
        (KeyState::Staged, _) => {}
        (KeyState::Previous, Some(replaced)) => {
            let from = replaced + LONGEST_TOKEN_LIFETIME;
            if now < from {
                return Err(KeyCommandError::StillInUse {
                    kid: kid.to_owned(),
                    replaced,
                    from,
                }
                .into());
            }
        }
        (state, _) => {
            return Err(KeyCommandError::NotRetirable {
                kid: kid.to_owned(),
                state: state.as_str(),
            }
            .into())
        }
    }
    anyhow::ensure!(
        change.retire_signing_key(kid).await?,
        "key {kid} changed meanwhile"
    );
    record(&mut change, AuditAction::SigningKeyRetired, kid, key.alg).await?;
    let _ = change.commit().await?;
    Ok(())
}

fn known(row: Option<KeyRow>, kid: &str) -> Result<KeyRow, KeyCommandError> {
    row.ok_or_else(|| KeyCommandError::Unknown(kid.to_owned()))
}
