//! Credentials: failures and lockout (R24), the OTP channel (R20, R22), the TOTP device (R19)
//! with its last accepted step (R23), and password history.

use jiff::Timestamp;
use sqlx::Row;

use super::Store;
use crate::api::OtpChannel;
use crate::domain::lockout;
use crate::domain::otp::TotpSecret;
use crate::server::password::PasswordHash;

pub struct TotpState {
    pub active: Option<TotpSecret>,
    pub pending: Option<TotpSecret>,
    pub last_step: Option<u64>,
}

pub fn channel_str(channel: OtpChannel) -> &'static str {
    match channel {
        OtpChannel::App => "APP",
        OtpChannel::Email => "EMAIL",
    }
}

pub fn parse_channel(raw: &str) -> Option<OtpChannel> {
    match raw {
        "APP" => Some(OtpChannel::App),
        "EMAIL" => Some(OtpChannel::Email),
        _ => None,
    }
}

impl Store {
    /// Counts a failure of password or OTP; answers whether the account is now locked (an
    /// unknown ID has no account to lock).
    pub async fn record_failure(&self, login_id: &str, now: Timestamp) -> anyhow::Result<bool> {
        sqlx::query(
            "UPDATE credentials SET failed_attempts = failed_attempts + 1 WHERE login_id = $1",
        )
        .bind(login_id)
        .execute(&self.pool)
        .await?;
        let Some((failures,)): Option<(i64,)> =
            sqlx::query_as("SELECT failed_attempts FROM credentials WHERE login_id = $1")
                .bind(login_id)
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(false);
        };
        if lockout::locks(failures) {
            sqlx::query(
                "UPDATE credentials SET locked_at = $1 WHERE login_id = $2 AND locked_at IS NULL",
            )
            .bind(now.as_millisecond())
            .bind(login_id)
            .execute(&self.pool)
            .await?;
            return Ok(true);
        }
        Ok(false)
    }

    pub async fn clear_failures(&self, login_id: &str) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE credentials SET failed_attempts = 0 WHERE login_id = $1 AND locked_at IS NULL",
        )
        .bind(login_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn is_locked(&self, login_id: &str) -> anyhow::Result<bool> {
        let row = sqlx::query("SELECT locked_at FROM credentials WHERE login_id = $1")
            .bind(login_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => row.try_get::<Option<i64>, _>("locked_at")?.is_some(),
            None => false,
        })
    }

    pub async fn totp_state(&self, login_id: &str) -> anyhow::Result<TotpState> {
        let row = sqlx::query("SELECT totp_secret, totp_pending_secret, totp_last_step FROM credentials WHERE login_id = $1")
            .bind(login_id)
            .fetch_one(&self.pool)
            .await?;
        let secret = |column: &str| -> anyhow::Result<Option<TotpSecret>> {
            let text: Option<String> = row.try_get(column)?;
            Ok(text.as_deref().and_then(TotpSecret::from_base32))
        };
        let last_step: Option<i64> = row.try_get("totp_last_step")?;
        Ok(TotpState {
            active: secret("totp_secret")?,
            pending: secret("totp_pending_secret")?,
            last_step: last_step.and_then(|s| u64::try_from(s).ok()),
        })
    }

    pub async fn set_pending_totp(
        &self,
        login_id: &str,
        secret: &TotpSecret,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE credentials SET totp_pending_secret = $1 WHERE login_id = $2")
            .bind(secret.to_base32())
            .bind(login_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The pending device becomes the device; the channel becomes the app (R19, R22).
    pub async fn activate_totp(
        &self,
        login_id: &str,
        secret: &TotpSecret,
        step: u64,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE credentials SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, \
             totp_last_step = $1, otp_channel = 'APP' WHERE login_id = $2 AND totp_pending_secret = $3",
        )
        .bind(step as i64)
        .bind(login_id)
        .bind(secret.to_base32())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done == 1)
    }

    /// R23: records `step` as used unless it, or a later one, already was. A conditional update,
    /// so two requests with the same code cannot both pass.
    pub async fn accept_totp_step(&self, login_id: &str, step: u64) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE credentials SET totp_last_step = $1 WHERE login_id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step as i64)
        .bind(login_id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done == 1)
    }

    pub async fn set_channel(&self, login_id: &str, channel: OtpChannel) -> anyhow::Result<()> {
        sqlx::query("UPDATE credentials SET otp_channel = $1 WHERE login_id = $2")
            .bind(channel_str(channel))
            .bind(login_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The most recent `depth` passwords, newest first.
    pub async fn password_history(
        &self,
        login_id: &str,
        depth: usize,
    ) -> anyhow::Result<Vec<PasswordHash>> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT password_hash FROM password_history WHERE login_id = $1 ORDER BY set_at DESC LIMIT $2")
                .bind(login_id)
                .bind(depth as i64)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(h,)| PasswordHash::from_stored(h))
            .collect())
    }
}
