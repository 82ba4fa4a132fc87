//! Passkeys (issue 17): each login's registered credentials, and the WebAuthn ceremony under
//! way in a session, kept between the request that starts it and the one that finishes it.

use crate::server::security::passkeys::Passkey;
use jiff::Timestamp;

use super::{Change, Store};
use crate::domain::LoginId;

/// Minutes a ceremony may take from its challenge to its answer.
pub const CEREMONY_MINUTES: i64 = 5;

/// A registered passkey, as the settings list it and log-in uses it.
#[derive(Clone, Debug)]
pub struct StoredPasskey {
    pub credential_id: String,
    pub name: String,
    pub passkey: Passkey,
    pub sign_count: i64,
    pub backup_state: bool,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// Which ceremony a session has under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ceremony {
    Register,
    Authenticate,
}

impl Ceremony {
    fn as_str(self) -> &'static str {
        match self {
            Self::Register => "REGISTER",
            Self::Authenticate => "AUTHENTICATE",
        }
    }
}

/// The credential ID as stored and shown: base64url, as WebAuthn's JSON writes it.
pub fn credential_id(passkey: &Passkey) -> String {
    serde_json::to_value(passkey.cred_id())
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The passkey may live on more than one device (backup eligible): a synced, software key.
pub fn may_be_synced(passkey: &Passkey) -> bool {
    counter_and_backup(passkey).1
}

/// The counter and backup state webauthn-rs keeps inside the record.
fn counter_and_backup(passkey: &Passkey) -> (i64, bool, bool) {
    let value = serde_json::to_value(passkey).unwrap_or_default();
    let cred = &value["cred"];
    (
        cred["counter"].as_i64().unwrap_or(0),
        cred["backup_eligible"].as_bool().unwrap_or(false),
        cred["backup_state"].as_bool().unwrap_or(false),
    )
}

type PasskeyRow = (String, String, String, i64, i64, i64, Option<i64>);

impl Store {
    pub async fn passkeys_of(&self, login: &LoginId) -> anyhow::Result<Vec<StoredPasskey>> {
        let rows: Vec<PasskeyRow> = sqlx::query_as(
            "SELECT credential_id, name, passkey, sign_count, backup_state, created_at, \
             last_used_at FROM passkeys WHERE login_id = $1 ORDER BY created_at, credential_id",
        )
        .bind(login.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(
                |(
                    credential_id,
                    name,
                    passkey,
                    sign_count,
                    backup_state,
                    created_at,
                    last_used,
                )| {
                    Ok(StoredPasskey {
                        credential_id,
                        name,
                        passkey: serde_json::from_str(&passkey)?,
                        sign_count,
                        backup_state: backup_state != 0,
                        created_at,
                        last_used_at: last_used,
                    })
                },
            )
            .collect()
    }

    pub async fn has_passkeys(&self, login: &LoginId) -> anyhow::Result<bool> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM passkeys WHERE login_id = $1")
            .bind(login.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(count > 0)
    }
}

impl Change {
    /// Registers `passkey` for `login`; false when its credential is registered already (to
    /// this login or another: WebAuthn asks that a credential belong to one account).
    pub async fn add_passkey(
        &mut self,
        login: &LoginId,
        name: &str,
        passkey: &Passkey,
    ) -> anyhow::Result<bool> {
        let id = credential_id(passkey);
        let (taken,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM passkeys WHERE credential_id = $1")
                .bind(&id)
                .fetch_one(self.conn())
                .await?;
        if taken > 0 {
            return Ok(false);
        }
        let (count, eligible, state) = counter_and_backup(passkey);
        let at = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO passkeys (credential_id, login_id, name, passkey, sign_count, \
             backup_eligible, backup_state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(login.as_str())
        .bind(name)
        .bind(serde_json::to_string(passkey)?)
        .bind(count)
        .bind(i64::from(eligible))
        .bind(i64::from(state))
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(true)
    }

    /// Keeps the counter and backup flags a log-in reported, and when it was used.
    pub async fn passkey_used(&mut self, login: &LoginId, passkey: &Passkey) -> anyhow::Result<()> {
        let (count, eligible, state) = counter_and_backup(passkey);
        let at = self.at().as_millisecond();
        sqlx::query(
            "UPDATE passkeys SET passkey = $1, sign_count = $2, backup_eligible = $3, \
             backup_state = $4, last_used_at = $5 WHERE credential_id = $6 AND login_id = $7",
        )
        .bind(serde_json::to_string(passkey)?)
        .bind(count)
        .bind(i64::from(eligible))
        .bind(i64::from(state))
        .bind(at)
        .bind(credential_id(passkey))
        .bind(login.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Removes one of `login`'s passkeys; answers its name, or `None` if it has none by that ID.
    pub async fn remove_passkey(
        &mut self,
        login: &LoginId,
        credential_id: &str,
    ) -> anyhow::Result<Option<String>> {
        let name: Option<(String,)> =
            sqlx::query_as("SELECT name FROM passkeys WHERE credential_id = $1 AND login_id = $2")
                .bind(credential_id)
                .bind(login.as_str())
                .fetch_optional(self.conn())
                .await?;
        if name.is_some() {
            sqlx::query("DELETE FROM passkeys WHERE credential_id = $1 AND login_id = $2")
                .bind(credential_id)
                .bind(login.as_str())
                .execute(self.conn())
                .await?;
        }
        Ok(name.map(|(n,)| n))
    }

    /// Starts `kind` in the session `session_hash`, replacing any ceremony it had under way.
    pub async fn begin_ceremony(
        &mut self,
        session_hash: &str,
        kind: Ceremony,
        state: &str,
    ) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM passkey_ceremonies WHERE session_hash = $1")
            .bind(session_hash)
            .execute(self.conn())
            .await?;
        let at = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO passkey_ceremonies (session_hash, kind, state, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(session_hash)
        .bind(kind.as_str())
        .bind(state)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The session's ceremony of `kind`, used up: `None` if there is none or it is too old.
    pub async fn take_ceremony(
        &mut self,
        session_hash: &str,
        kind: Ceremony,
    ) -> anyhow::Result<Option<String>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT state, created_at FROM passkey_ceremonies WHERE session_hash = $1 AND kind = $2",
        )
        .bind(session_hash)
        .bind(kind.as_str())
        .fetch_optional(self.conn())
        .await?;
        sqlx::query("DELETE FROM passkey_ceremonies WHERE session_hash = $1")
            .bind(session_hash)
            .execute(self.conn())
            .await?;
        let fresh_after = self.at().as_millisecond() - CEREMONY_MINUTES * 60_000;
        Ok(row
            .filter(|(_, created)| *created >= fresh_after)
            .map(|(state, _)| state))
    }
}

/// When a stored time (Unix ms) was, for the wire.
pub fn stored_time(ms: i64) -> Option<Timestamp> {
    Timestamp::from_millisecond(ms).ok()
}
