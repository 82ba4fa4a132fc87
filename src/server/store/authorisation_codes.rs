//! The keys behind checkers' Authorisation Codes (R9) and the count of wrong codes per (screen,
//! checker) pair, kept apart from the log-in lock.

use jiff::{SignedDuration, Timestamp};

use super::{Change, Store};
use crate::domain::LoginId;
use crate::server::security::secrets::Column;

/// Codes judged within [`FAILURE_WINDOW`] for one (screen, checker) pair before the pair is
/// refused: the sixth is answered 429 unjudged.
pub const MAX_WRONG_CODES: i64 = 5;
pub const FAILURE_WINDOW: SignedDuration = SignedDuration::from_mins(15);
pub const BLOCKED_FOR: SignedDuration = SignedDuration::from_mins(15);

/// Whether a code typed at `typed_by`'s screen naming a checker may be judged now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeAttempt {
    /// Counted as wrong until [`Store::release_code_attempt`] says it was right: the
    /// `nth` code judged in this window for the pair.
    Judge { nth: i64 },
    /// Five were judged in this window, or the pair is blocked: refused until `until`.
    Refused { until: Timestamp },
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

    /// Claims one judgement for a code typed at `typed_by`'s screen naming `checker`, in one
    /// conditional update: of any number sent at once, at most [`MAX_WRONG_CODES`] are judged
    /// in a window, and a block is never cleared by a count (issue 26).
    pub async fn claim_code_attempt(
        &self,
        typed_by: &LoginId,
        checker: &LoginId,
        now: Timestamp,
    ) -> anyhow::Result<CodeAttempt> {
        let now_ms = now.as_millisecond();
        let window_ended = now_ms - FAILURE_WINDOW.as_millis() as i64;
        sqlx::query(
            "INSERT INTO authorisation_code_attempts \
             (typed_by, checker_id, failures, window_started_at, blocked_until) \
             VALUES ($1, $2, 0, $3, NULL) ON CONFLICT (typed_by, checker_id) DO NOTHING",
        )
        .bind(typed_by.as_str())
        .bind(checker.as_str())
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        // Both CASEs read the row as it was: a window that has ended starts again at one.
        let claimed: Option<(i64,)> = sqlx::query_as(
            "UPDATE authorisation_code_attempts SET \
             failures = CASE WHEN window_started_at <= $3 THEN 1 ELSE failures + 1 END, \
             window_started_at = CASE WHEN window_started_at <= $3 THEN $4 ELSE window_started_at END \
             WHERE typed_by = $1 AND checker_id = $2 \
             AND (blocked_until IS NULL OR blocked_until <= $4) \
             AND (failures < $5 OR window_started_at <= $3) \
             RETURNING failures",
        )
        .bind(typed_by.as_str())
        .bind(checker.as_str())
        .bind(window_ended)
        .bind(now_ms)
        .bind(MAX_WRONG_CODES)
        .fetch_optional(&self.pool)
        .await?;
        if let Some((nth,)) = claimed {
            return Ok(CodeAttempt::Judge { nth });
        }
        let (window_started_at, blocked_until): (i64, Option<i64>) = sqlx::query_as(
            "SELECT window_started_at, blocked_until FROM authorisation_code_attempts \
             WHERE typed_by = $1 AND checker_id = $2",
        )
        .bind(typed_by.as_str())
        .bind(checker.as_str())
        .fetch_one(&self.pool)
        .await?;
        let window_ends = window_started_at + FAILURE_WINDOW.as_millis() as i64;
        let until = blocked_until
            .unwrap_or(0)
            .max(window_ends)
            .max(now_ms + 1000);
        Ok(CodeAttempt::Refused {
            until: Timestamp::from_millisecond(until)?,
        })
    }

    /// The claimed code was right: it no longer counts.
    pub async fn release_code_attempt(
        &self,
        typed_by: &LoginId,
        checker: &LoginId,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE authorisation_code_attempts SET failures = failures - 1 \
             WHERE typed_by = $1 AND checker_id = $2 AND failures > 0",
        )
        .bind(typed_by.as_str())
        .bind(checker.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
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

    /// The claimed code was wrong and was the last the window allows: the pair is refused for
    /// [`BLOCKED_FOR`] from now (a later block is kept).
    pub async fn block_code_attempts(
        &mut self,
        typed_by: &LoginId,
        checker: &LoginId,
    ) -> anyhow::Result<Timestamp> {
        let until = self.at() + BLOCKED_FOR;
        sqlx::query(
            "UPDATE authorisation_code_attempts SET blocked_until = $3 \
             WHERE typed_by = $1 AND checker_id = $2 \
             AND (blocked_until IS NULL OR blocked_until < $3)",
        )
        .bind(typed_by.as_str())
        .bind(checker.as_str())
        .bind(until.as_millisecond())
        .execute(self.conn())
        .await?;
        Ok(until)
    }
}

/// A use of a checker's code at another DA's screen, as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CodeUse {
    pub request_id: String,
    pub typed_by: String,
    /// A request's action as stored (`CHANGE`), or [`CodeUse::EMAIL_BATCH`].
    pub action: String,
    pub subject: String,
    pub used_at: i64,
}

impl CodeUse {
    pub const EMAIL_BATCH: &'static str = "EMAIL_BATCH";
}

impl Store {
    /// The uses of `checker`'s code at others' screens since `since`, after the last renewal,
    /// newest first.
    pub async fn code_uses(
        &self,
        checker: &LoginId,
        since: Timestamp,
    ) -> anyhow::Result<Vec<CodeUse>> {
        let uses = sqlx::query_as(
            "SELECT u.request_id, u.typed_by, u.action, u.subject, u.used_at \
             FROM authorisation_code_uses u JOIN credentials c ON c.login_id = u.checker_id \
             WHERE u.checker_id = $1 AND u.used_at >= $2 \
             AND u.used_at >= COALESCE(c.authorisation_key_renewed_at, 0) \
             ORDER BY u.used_at DESC, u.request_id LIMIT 200",
        )
        .bind(checker.as_str())
        .bind(since.as_millisecond())
        .fetch_all(&self.pool)
        .await?;
        Ok(uses)
    }
}

impl Change {
    /// Records that `checker`'s code authorised `request_id` at `typed_by`'s screen.
    pub async fn record_code_use(
        &mut self,
        checker: &LoginId,
        request_id: &str,
        typed_by: &LoginId,
        action: &str,
        subject: &str,
    ) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO authorisation_code_uses \
             (checker_id, request_id, typed_by, action, subject, used_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(checker.as_str())
        .bind(request_id)
        .bind(typed_by.as_str())
        .bind(action)
        .bind(subject)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// A new key for the checker: the code of the old one dies at once.
    pub async fn renew_authorisation_key(
        &mut self,
        checker: &LoginId,
        fresh: &str,
    ) -> anyhow::Result<()> {
        let sealed = self.seal(Column::AuthorisationKey, fresh)?;
        let at = self.at().as_millisecond();
        sqlx::query(
            "UPDATE credentials SET authorisation_key = $1, authorisation_key_renewed_at = $2 \
             WHERE login_id = $3",
        )
        .bind(sealed)
        .bind(at)
        .bind(checker.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
