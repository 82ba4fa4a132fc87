//! Credentials: failures and lockout (R24), the OTP channel (R20, R22), the TOTP device (R19)
//! with its last accepted step (R23), and password history.

use jiff::Timestamp;
use sqlx::Row;

use super::change::SECOND_FACTOR_OF_LOGIN;
use super::{Change, Store};
use crate::api::OtpChannel;
use crate::domain::lockout;
use crate::domain::otp::TotpSecret;
use crate::domain::LoginId;
use crate::i18n::Language;
use crate::server::security::password::PasswordHash;
use crate::server::security::secrets::Column;

pub struct TotpState {
    pub active: Option<TotpSecret>,
    pub pending: Option<TotpSecret>,
    /// When the pending device was started (Unix ms).
    pub pending_at: Option<i64>,
    pub last_step: Option<u64>,
}

impl std::fmt::Debug for TotpState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpState")
            .field("active", &self.active.as_ref().map(|_| "[redacted]"))
            .field("pending", &self.pending.as_ref().map(|_| "[redacted]"))
            .field("pending_at", &self.pending_at)
            .field("last_step", &self.last_step)
            .finish()
    }
}

impl TotpState {
    /// The device columns of `credentials`, as stored.
    pub(super) fn from_columns(
        active: Option<&str>,
        pending: Option<&str>,
        pending_at: Option<i64>,
        last_step: Option<i64>,
    ) -> Self {
        Self {
            active: active.and_then(TotpSecret::from_base32),
            pending: pending.and_then(TotpSecret::from_base32),
            pending_at,
            last_step: last_step.and_then(|s| u64::try_from(s).ok()),
        }
    }
}

/// What a counted failure did to the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailureOutcome {
    /// The ID is locked now, by this failure or an earlier one.
    pub locked: bool,
    /// This failure locked a real account: its sessions ended and its owner is told.
    pub locked_now: bool,
}

impl Store {
    /// Whether the ID is locked, an ID without an account included (R26c): one query either
    /// way, so the answer takes the same time.
    pub async fn is_locked(&self, login_id: &LoginId) -> anyhow::Result<bool> {
        let (locked,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM (SELECT locked_at FROM credentials WHERE login_id = $1 \
             UNION ALL SELECT locked_at FROM unknown_login_failures WHERE login_id = $1) AS l \
             WHERE locked_at IS NOT NULL",
        )
        .bind(login_id.as_str())
        .fetch_one(&self.pool)
        .await?;
        Ok(locked > 0)
    }

    /// Forgets failures of unknown IDs older than `before`, and beyond the newest `keep`.
    pub async fn prune_unknown_failures(
        &self,
        before: Timestamp,
        keep: i64,
    ) -> anyhow::Result<u64> {
        let old = sqlx::query("DELETE FROM unknown_login_failures WHERE last_failed_at < $1")
            .bind(before.as_millisecond())
            .execute(&self.pool)
            .await?
            .rows_affected();
        let excess = sqlx::query(
            "DELETE FROM unknown_login_failures WHERE last_failed_at < (SELECT last_failed_at \
             FROM unknown_login_failures ORDER BY last_failed_at DESC LIMIT 1 OFFSET $1)",
        )
        .bind(keep)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(old + excess)
    }

    pub async fn totp_state(&self, login_id: &LoginId) -> anyhow::Result<TotpState> {
        let row = sqlx::query("SELECT totp_secret, totp_pending_secret, totp_pending_at, totp_last_step FROM credentials WHERE login_id = $1")
            .bind(login_id.as_str())
            .fetch_one(&self.pool)
            .await?;
        let open = |stored: Option<String>| -> anyhow::Result<Option<String>> {
            stored
                .map(|s| self.open(Column::TotpSecret, &s))
                .transpose()
        };
        let active = open(row.try_get("totp_secret")?)?;
        let pending = open(row.try_get("totp_pending_secret")?)?;
        Ok(TotpState::from_columns(
            active.as_deref(),
            pending.as_deref(),
            row.try_get("totp_pending_at")?,
            row.try_get("totp_last_step")?,
        ))
    }

    /// R23: records `step` as used unless it, or a later one, already was. A conditional update,
    /// so two requests with the same code cannot both pass.
    pub async fn accept_totp_step(&self, login_id: &LoginId, step: u64) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE credentials SET totp_last_step = $1 WHERE login_id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step as i64)
        .bind(login_id.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done == 1)
    }

    /// The most recent `depth` passwords, newest first.
    pub async fn password_history(
        &self,
        login_id: &LoginId,
        depth: usize,
    ) -> anyhow::Result<Vec<PasswordHash>> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT password_hash FROM password_history WHERE login_id = $1 ORDER BY set_at DESC LIMIT $2")
                .bind(login_id.as_str())
                .bind(depth as i64)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(h,)| PasswordHash::from_stored(h))
            .collect())
    }
}

impl Change {
    /// Counts a failure of password or OTP (R24). An ID without an account is counted in a
    /// store of its own, so that it locks after as many failures as a real one (R26c). A lock
    /// ends every session of the account in the same transaction (R26b).
    pub async fn record_failure(
        &mut self,
        login_id: &LoginId,
        at: Timestamp,
    ) -> anyhow::Result<FailureOutcome> {
        let now = at.as_millisecond();
        let known = sqlx::query(
            "UPDATE credentials SET failed_attempts = failed_attempts + 1 WHERE login_id = $1",
        )
        .bind(login_id.as_str())
        .execute(self.conn())
        .await?
        .rows_affected()
            == 1;
        let table = if known {
            "credentials"
        } else {
            sqlx::query(
                "INSERT INTO unknown_login_failures (login_id, failed_attempts, last_failed_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (login_id) DO UPDATE SET failed_attempts = unknown_login_failures.failed_attempts + 1, \
                 last_failed_at = $2",
            )
            .bind(login_id.as_str())
            .bind(now)
            .execute(self.conn())
            .await?;
            "unknown_login_failures"
        };
        let (failures, locked_at): (i64, Option<i64>) = sqlx::query_as(&format!(
            "SELECT failed_attempts, locked_at FROM {table} WHERE login_id = $1"
        ))
        .bind(login_id.as_str())
        .fetch_one(self.conn())
        .await?;
        let mut outcome = FailureOutcome {
            locked: locked_at.is_some(),
            locked_now: false,
        };
        if locked_at.is_none() && lockout::locks(failures) {
            sqlx::query(&format!(
                "UPDATE {table} SET locked_at = $1 WHERE login_id = $2 AND locked_at IS NULL"
            ))
            .bind(now)
            .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
            if known {
                self.end_sessions_of(login_id).await?;
            }
            outcome = FailureOutcome {
                locked: true,
                locked_now: known,
            };
        }
        Ok(outcome)
    }

    pub async fn clear_failures(&mut self, login_id: &LoginId) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE credentials SET failed_attempts = 0 WHERE login_id = $1 AND locked_at IS NULL",
        )
        .bind(login_id.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The language a person last used, for notices (R26d).
    pub async fn set_language(
        &mut self,
        login_id: &LoginId,
        language: Language,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE credentials SET language = $1 WHERE login_id = $2")
            .bind(language.tag())
            .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// A new device waits for its first code; the active one keeps working until then (R26a).
    pub async fn set_pending_totp(
        &mut self,
        login_id: &LoginId,
        secret: &TotpSecret,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let sealed = self.seal(Column::TotpSecret, &secret.to_base32())?;
        sqlx::query(
            "UPDATE credentials SET totp_pending_secret = $1, totp_pending_at = $2 WHERE login_id = $3",
        )
        .bind(sealed)
        .bind(at.as_millisecond())
        .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// The pending device becomes the device; the channel becomes the app (R19, R22).
    pub async fn activate_totp(
        &mut self,
        login_id: &LoginId,
        secret: &TotpSecret,
        step: u64,
    ) -> anyhow::Result<bool> {
        // The pending secret is stored sealed (a new nonce each time): compared opened, and the
        // update is conditional on the very value read, so a newer pending device wins.
        let (stored,): (Option<String>,) =
            sqlx::query_as("SELECT totp_pending_secret FROM credentials WHERE login_id = $1")
                .bind(login_id.as_str())
                .fetch_one(self.conn())
                .await?;
        let Some(stored) = stored else {
            return Ok(false);
        };
        if self.open(Column::TotpSecret, &stored)? != secret.to_base32() {
            return Ok(false);
        }
        let done = sqlx::query(
            "UPDATE credentials SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_pending_at = NULL, \
             totp_last_step = $1, otp_channel = 'APP' WHERE login_id = $2 AND totp_pending_secret = $3",
        )
        .bind(step as i64)
        .bind(login_id.as_str())
        .bind(&stored)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(done == 1)
    }

    pub async fn set_channel(
        &mut self,
        login_id: &LoginId,
        channel: OtpChannel,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE credentials SET otp_channel = $1 WHERE login_id = $2")
            .bind(channel.as_str())
            .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    /// What a profile holds of its smartcard (R25); `None` for an unknown ID or an operator.
    pub async fn card_on_file(
        &self,
        login_id: &LoginId,
    ) -> anyhow::Result<Option<crate::server::security::smartcard::CardOnFile>> {
        let row: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT p.srn, p.certificate_expiry, c.smartcard_pin_hash \
             FROM profiles p JOIN credentials c ON c.login_id = p.user_id WHERE p.user_id = $1",
        )
        .bind(login_id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(srn, expiry, pin)| {
            Ok(crate::server::security::smartcard::CardOnFile {
                srn,
                certificate_expiry: expiry.as_deref().map(super::stored_date).transpose()?,
                pin_hash: pin.map(PasswordHash::from_stored),
            })
        })
        .transpose()
    }

    /// Issues a (modelled) card: its SRN, certificate expiry and hashed PIN.
    pub async fn issue_card(
        &self,
        login_id: &LoginId,
        srn: &str,
        expiry: jiff::civil::Date,
        pin_hash: &PasswordHash,
    ) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        issue_card_on(&mut tx, login_id, srn, expiry, pin_hash).await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn issue_card_on(
    conn: &mut sqlx::AnyConnection,
    login_id: &LoginId,
    srn: &str,
    expiry: jiff::civil::Date,
    pin_hash: &PasswordHash,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE profiles SET srn = $1, certificate_expiry = $2 WHERE user_id = $3")
        .bind(srn)
        .bind(expiry.to_string())
        .bind(login_id.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE credentials SET smartcard_pin_hash = $1 WHERE login_id = $2")
        .bind(pin_hash.as_stored())
        .bind(login_id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Change {
    /// The certificate expiry of the login's card on file, if any, and whether the login is a
    /// DA profile at all (`None` when it is not).
    pub async fn card_expiry(
        &mut self,
        login_id: &LoginId,
    ) -> anyhow::Result<Option<Option<jiff::civil::Date>>> {
        let row: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT certificate_expiry FROM profiles WHERE user_id = $1 AND kind = 'DA'",
        )
        .bind(login_id.as_str())
        .fetch_optional(self.conn())
        .await?;
        row.map(|(expiry,)| expiry.as_deref().map(super::stored_date).transpose())
            .transpose()
    }

    /// [`Store::issue_card`] as part of a change: a PIN reset a second operator approved.
    pub async fn issue_card(
        &mut self,
        login_id: &LoginId,
        srn: &str,
        expiry: jiff::civil::Date,
        pin_hash: &PasswordHash,
    ) -> anyhow::Result<()> {
        issue_card_on(self.conn(), login_id, srn, expiry, pin_hash).await
    }
}

// An operator's part in a login's security (R24, R26a).
impl Change {
    /// R24: the operator unlocks a DA or another operator.
    pub async fn unlock_login(&mut self, id: &LoginId) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE credentials SET failed_attempts = 0, locked_at = NULL WHERE login_id = $1 AND locked_at IS NOT NULL",
        )
        .bind(id.as_str())
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A DA's lost phone: the next log-in registers a device again.
    pub async fn reset_second_factor(&mut self, id: &LoginId) -> anyhow::Result<()> {
        self.for_login(id.as_str(), &SECOND_FACTOR_OF_LOGIN).await?;
        self.for_login(id.as_str(), &["DELETE FROM sessions WHERE login_id = $1"])
            .await?;
        Ok(())
    }
}
