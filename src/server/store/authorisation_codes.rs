//! The keys behind checkers' Authorisation Codes (R9) and the count of wrong codes per checker,
//! kept apart from the log-in lock.

use jiff::{SignedDuration, Timestamp};

use super::{Change, Store};
use crate::domain::LoginId;
use crate::server::security::secrets::Column;

/// Wrong codes allowed within [`FAILURE_WINDOW`] before the checker's code is refused.
pub const MAX_WRONG_CODES: i64 = 5;
pub const FAILURE_WINDOW: SignedDuration = SignedDuration::from_mins(15);
pub const BLOCKED_FOR: SignedDuration = SignedDuration::from_mins(15);

/// What a wrong code did to the checker's count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrongCode {
    Counted,
    /// This failure reached the limit: the code is refused from now until `until`.
    Blocked {
        until: Timestamp,
    },
}

impl Store {
    pub async fn authorisation_key(&self, checker: &LoginId) -> anyhow::Result<Option<String>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT authorisation_key FROM credentials WHERE login_id = $1")
                .bind(checker.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.and_then(|(key,)| key)
            .map(|key| self.open(Column::AuthorisationKey, &key))
            .transpose()
    }

    /// Until when the checker's code is refused, if it is now.
    pub async fn authorisation_blocked_until(
        &self,
        checker: &LoginId,
        now: Timestamp,
    ) -> anyhow::Result<Option<Timestamp>> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT blocked_until FROM authorisation_code_failures WHERE checker_id = $1",
        )
        .bind(checker.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let until = row
            .and_then(|(until,)| until)
            .map(Timestamp::from_millisecond)
            .transpose()?;
        Ok(until.filter(|until| *until > now))
    }
}

impl Change {
    /// The checker's key, made on first use. Concurrent first uses agree: only a NULL key is
    /// replaced, and the key is read back.
    pub async fn authorisation_key(
        &mut self,
        checker: &LoginId,
        fresh: &str,
    ) -> anyhow::Result<String> {
        let sealed = self.seal(Column::AuthorisationKey, fresh)?;
        sqlx::query(
            "UPDATE credentials SET authorisation_key = $1 WHERE login_id = $2 AND authorisation_key IS NULL",
        )
        .bind(sealed)
        .bind(checker.as_str())
        .execute(self.conn())
        .await?;
        let (key,): (Option<String>,) =
            sqlx::query_as("SELECT authorisation_key FROM credentials WHERE login_id = $1")
                .bind(checker.as_str())
                .fetch_one(self.conn())
                .await?;
        let key = key.ok_or_else(|| anyhow::anyhow!("no credentials row for checker {checker}"))?;
        self.open(Column::AuthorisationKey, &key)
    }

    /// Counts a wrong code against the checker; the fifth within the window blocks the code.
    pub async fn count_wrong_code(&mut self, checker: &LoginId) -> anyhow::Result<WrongCode> {
        let now = self.at();
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT failures, first_failed_at FROM authorisation_code_failures WHERE checker_id = $1",
        )
        .bind(checker.as_str())
        .fetch_optional(self.conn())
        .await?;
        let window_open =
            |first: i64| now.as_millisecond() - first < FAILURE_WINDOW.as_millis() as i64;
        let (failures, first) = match row {
            Some((failures, first)) if window_open(first) => (failures + 1, first),
            _ => (1, now.as_millisecond()),
        };
        let blocked = (failures >= MAX_WRONG_CODES).then(|| now + BLOCKED_FOR);
        sqlx::query("DELETE FROM authorisation_code_failures WHERE checker_id = $1")
            .bind(checker.as_str())
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO authorisation_code_failures (checker_id, failures, first_failed_at, blocked_until) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(checker.as_str())
        .bind(if blocked.is_some() { 0 } else { failures })
        .bind(first)
        .bind(blocked.map(|t| t.as_millisecond()))
        .execute(self.conn())
        .await?;
        Ok(match blocked {
            Some(until) => WrongCode::Blocked { until },
            None => WrongCode::Counted,
        })
    }

    /// A right code clears the count.
    pub async fn clear_wrong_codes(&mut self, checker: &LoginId) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM authorisation_code_failures WHERE checker_id = $1 AND blocked_until IS NULL")
            .bind(checker.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
