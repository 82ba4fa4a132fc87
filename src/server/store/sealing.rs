//! Re-sealing the secrets at rest with the key ring's first key (`secrets reseal`): after a new
//! key goes first in the ring, and for secrets stored before sealing existed.

use sqlx::Row;

use super::Store;
use crate::server::security::secrets::Column;

/// Where sealed values live: table, key column, value column, and what they are.
const SEALED: [(&str, &str, &str, Column); 6] = [
    ("credentials", "login_id", "totp_secret", Column::TotpSecret),
    (
        "credentials",
        "login_id",
        "totp_pending_secret",
        Column::TotpSecret,
    ),
    (
        "credentials",
        "login_id",
        "authorisation_key",
        Column::AuthorisationKey,
    ),
    ("mail_outbox", "mail_id", "text_body", Column::MailBody),
    ("mail_outbox", "mail_id", "html_body", Column::MailBody),
    (
        "oidc_signing_keys",
        "kid",
        "private_key",
        Column::SigningKey,
    ),
];

impl Store {
    /// Seals again every stored secret not sealed with the first key; answers how many. Each
    /// write is conditional on the value read, so a secret changed meanwhile is left to its
    /// writer (already sealed with the first key).
    pub async fn reseal_secrets(&self) -> anyhow::Result<u64> {
        let keys = self
            .secrets
            .clone()
            .ok_or_else(|| anyhow::anyhow!("no secrets key ring"))?;
        let mut resealed = 0;
        for (table, key, column, kind) in SEALED {
            let rows = sqlx::query(&format!(
                "SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"
            ))
            .fetch_all(&self.pool)
            .await?;
            for row in rows {
                let (id, stored): (String, String) = (row.try_get(0)?, row.try_get(1)?);
                if keys.is_current(&stored) {
                    continue;
                }
                let fresh = keys.seal(kind, &keys.open(kind, &stored)?);
                resealed += sqlx::query(&format!(
                    "UPDATE {table} SET {column} = $1 WHERE {key} = $2 AND {column} = $3"
                ))
                .bind(fresh)
                .bind(&id)
                .bind(&stored)
                .execute(&self.pool)
                .await?
                .rows_affected();
            }
        }
        Ok(resealed)
    }
}
