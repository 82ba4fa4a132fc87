//! The OpenID Provider's signing keys: sealed PKCS#8, one ACTIVE key per algorithm.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jiff::Timestamp;
use sqlx::Row;

use super::{Change, Store};
use crate::server::security::jose::Alg;
use crate::server::security::secrets::Column;

/// Where a key stands in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Published in the JWKS; signs nothing yet.
    Staged,
    /// Published; signs its algorithm's tokens.
    Active,
    /// Published; signs no more, so that tokens it signed can still be checked.
    Previous,
    /// Gone from the JWKS.
    Retired,
}

crate::stored_names::stored_names!(KeyState {
    Staged => "STAGED",
    Active => "ACTIVE",
    Previous => "PREVIOUS",
    Retired => "RETIRED",
});

/// A key as listed: no private part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRow {
    pub kid: String,
    pub alg: Alg,
    pub state: KeyState,
    pub created_at: Timestamp,
    /// When a STAGED key began to sign.
    pub promoted_at: Option<Timestamp>,
    /// When an ACTIVE key was replaced by the next.
    pub replaced_at: Option<Timestamp>,
}

const COLUMNS: &str = "kid, alg, state, created_at, promoted_at, replaced_at";

fn key_row(row: &sqlx::any::AnyRow) -> anyhow::Result<KeyRow> {
    let alg: String = row.try_get("alg")?;
    let state: String = row.try_get("state")?;
    let at = |name: &str| -> anyhow::Result<Option<Timestamp>> {
        Ok(row
            .try_get::<Option<i64>, _>(name)?
            .map(Timestamp::from_millisecond)
            .transpose()?)
    };
    Ok(KeyRow {
        kid: row.try_get("kid")?,
        alg: Alg::parse(&alg)?,
        state: KeyState::try_from(state.as_str())?,
        created_at: Timestamp::from_millisecond(row.try_get("created_at")?)?,
        promoted_at: at("promoted_at")?,
        replaced_at: at("replaced_at")?,
    })
}

impl Store {
    /// Every key but the retired, newest first.
    pub async fn signing_keys(&self) -> anyhow::Result<Vec<KeyRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM oidc_signing_keys ORDER BY created_at DESC, kid"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(key_row).collect()
    }

    /// The private key (PKCS#8 DER) of `kid`, opened.
    pub async fn signing_key_pkcs8(&self, kid: &str) -> anyhow::Result<Vec<u8>> {
        let (sealed,): (String,) =
            sqlx::query_as("SELECT private_key FROM oidc_signing_keys WHERE kid = $1")
                .bind(kid)
                .fetch_one(&self.pool)
                .await?;
        Ok(STANDARD.decode(self.open(Column::SigningKey, &sealed)?)?)
    }
}

impl Change {
    /// Keeps a new key in `state` (STAGED or ACTIVE); `false` when its algorithm already has an
    /// ACTIVE key (another instance made it first).
    pub async fn insert_signing_key(
        &mut self,
        kid: &str,
        alg: Alg,
        state: KeyState,
        pkcs8: &[u8],
    ) -> anyhow::Result<bool> {
        let sealed = self.seal(Column::SigningKey, &STANDARD.encode(pkcs8))?;
        let at = self.at().as_millisecond();
        let promoted = (state == KeyState::Active).then_some(at);
        let inserted = sqlx::query(
            "INSERT INTO oidc_signing_keys (kid, alg, state, private_key, created_at, promoted_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(kid)
        .bind(alg.as_str())
        .bind(state.as_str())
        .bind(sealed)
        .bind(at)
        .bind(promoted)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    pub async fn signing_key(&mut self, kid: &str) -> anyhow::Result<Option<KeyRow>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM oidc_signing_keys WHERE kid = $1"
        ))
        .bind(kid)
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(key_row).transpose()
    }

    /// The staged `kid` signs from now; its algorithm's ACTIVE key becomes PREVIOUS. Answers
    /// the key it replaced.
    pub async fn promote_signing_key(
        &mut self,
        kid: &str,
        alg: Alg,
    ) -> anyhow::Result<Option<String>> {
        let at = self.at().as_millisecond();
        let replaced: Option<(String,)> = sqlx::query_as(
            "UPDATE oidc_signing_keys SET state = 'PREVIOUS', replaced_at = $1 \
             WHERE alg = $2 AND state = 'ACTIVE' RETURNING kid",
        )
        .bind(at)
        .bind(alg.as_str())
        .fetch_optional(self.conn())
        .await?;
        let promoted = sqlx::query(
            "UPDATE oidc_signing_keys SET state = 'ACTIVE', promoted_at = $1 \
             WHERE kid = $2 AND state = 'STAGED'",
        )
        .bind(at)
        .bind(kid)
        .execute(self.conn())
        .await?
        .rows_affected();
        anyhow::ensure!(promoted == 1, "key {kid} was no longer staged");
        Ok(replaced.map(|(kid,)| kid))
    }

    /// The key leaves the JWKS; its private part is erased, since nothing may sign with it.
    pub async fn retire_signing_key(&mut self, kid: &str) -> anyhow::Result<bool> {
        let retired = sqlx::query(
            "UPDATE oidc_signing_keys SET state = 'RETIRED', retired_at = $1, private_key = '' \
             WHERE kid = $2 AND state IN ('PREVIOUS', 'STAGED')",
        )
        .bind(self.at().as_millisecond())
        .bind(kid)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(retired == 1)
    }
}
