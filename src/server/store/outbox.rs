//! The mail outbox (R26c, R26d): a request records its mail here, in its own transaction, and
//! never talks SMTP; the background sender claims due rows under a lease, so several instances
//! never send one row at the same time, and a delivered row loses its body.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::{new_row_id, Backend, Change, Store};
use crate::domain::LoginId;
use crate::server::security::secrets::Column;
use crate::stored_names::stored_names;

/// What the outbox rows are, for the per-profile cap on OTP mails and for reading the trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    Otp,
    Notice,
    /// To a DA checker while requests wait, at most one an hour each.
    RequestsWaiting,
}

stored_names!(MailKind {
    Otp => "OTP",
    Notice => "NOTICE",
    RequestsWaiting => "REQUESTS_WAITING",
});

/// A message to record: who it concerns, where it goes, and its content as text and HTML.
pub struct NewMail<'a> {
    pub kind: MailKind,
    pub login_id: Option<&'a str>,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A row the sender holds the lease of.
#[derive(Debug)]
pub struct ClaimedMail {
    pub mail_id: String,
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attempts: i64,
}

impl ClaimedMail {
    fn from_row(row: &AnyRow, store: &Store) -> anyhow::Result<Self> {
        let open = |stored: Option<String>| -> anyhow::Result<String> {
            stored
                .map(|s| store.open(Column::MailBody, &s))
                .transpose()
                .map(Option::unwrap_or_default)
        };
        Ok(Self {
            mail_id: row.try_get("mail_id")?,
            message_id: row.try_get("message_id")?,
            to: row.try_get("to_address")?,
            subject: row.try_get("subject")?,
            text: open(row.try_get("text_body")?)?,
            html: open(row.try_get("html_body")?)?,
            attempts: row.try_get("attempts")?,
        })
    }
}

/// The Message-ID a row is sent with, every time it is sent.
fn message_id(mail_id: &str) -> String {
    format!("<{mail_id}@ccass-access.example.com>")
}

/// Records a mail inside the caller's change, its bodies sealed (an OTP waits there).
pub(super) async fn insert_mail(
    change: &mut Change,
    new: &NewMail<'_>,
    at: Timestamp,
) -> anyhow::Result<()> {
    let text = change.seal(Column::MailBody, &new.text)?;
    let html = change.seal(Column::MailBody, &new.html)?;
    let mail_id = new_row_id();
    let now = at.as_millisecond();
    sqlx::query(
        "INSERT INTO mail_outbox (mail_id, message_id, kind, login_id, to_address, subject, text_body, html_body, \
         created_at, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $9)",
    )
    .bind(&mail_id)
    .bind(message_id(&mail_id))
    .bind(new.kind.as_str())
    .bind(new.login_id)
    .bind(&new.to)
    .bind(&new.subject)
    .bind(text)
    .bind(html)
    .bind(now)
    .execute(change.conn())
    .await?;
    Ok(())
}

impl Store {
    /// Takes the lease of up to `limit` due rows for `owner` until `lease_until`.
    pub async fn claim_due_mail(
        &self,
        owner: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> anyhow::Result<Vec<ClaimedMail>> {
        // PostgreSQL: rows another instance is claiming right now are skipped, not waited for.
        // SQLite has one writer at a time, so the statement is atomic as it stands.
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let statement = format!(
            "UPDATE mail_outbox SET lease_owner = $1, lease_until = $2 WHERE mail_id IN (\
             SELECT mail_id FROM mail_outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL \
             AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
             ORDER BY created_at LIMIT $4{lock}) \
             RETURNING mail_id, message_id, to_address, subject, text_body, html_body, attempts"
        );
        let rows = sqlx::query(&statement)
            .bind(owner)
            .bind(lease_until.as_millisecond())
            .bind(now.as_millisecond())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| ClaimedMail::from_row(row, self))
            .collect()
    }

    /// Shutdown: every lease `owner` still holds is handed back, so another instance (or this
    /// one restarted) sends those rows now rather than when the lease would run out.
    pub async fn release_mail_leases(&self, owner: &str) -> anyhow::Result<u64> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL \
             WHERE lease_owner = $1 AND delivered_at IS NULL AND abandoned_at IS NULL",
        )
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Sent: the body goes, the fact stays.
    pub async fn mark_mail_delivered(
        &self,
        mail_id: &str,
        owner: &str,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE mail_outbox SET delivered_at = $1, text_body = NULL, html_body = NULL, \
             attempts = attempts + 1, lease_owner = NULL, lease_until = NULL, last_error = NULL \
             WHERE mail_id = $2 AND lease_owner = $3",
        )
        .bind(at.as_millisecond())
        .bind(mail_id)
        .bind(owner)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Not sent: tried again at `retry_at`, or given up (body dropped) when `retry_at` is None.
    pub async fn mark_mail_failed(
        &self,
        mail_id: &str,
        owner: &str,
        error: &str,
        retry_at: Option<Timestamp>,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let statement = match retry_at {
            Some(_) => {
                "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, \
                 lease_owner = NULL, lease_until = NULL WHERE mail_id = $3 AND lease_owner = $4"
            }
            None => {
                "UPDATE mail_outbox SET attempts = attempts + 1, abandoned_at = $1, last_error = $2, \
                 text_body = NULL, html_body = NULL, lease_owner = NULL, lease_until = NULL \
                 WHERE mail_id = $3 AND lease_owner = $4"
            }
        };
        sqlx::query(statement)
            .bind(retry_at.unwrap_or(at).as_millisecond())
            .bind(error)
            .bind(mail_id)
            .bind(owner)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Rows not yet delivered nor abandoned.
    pub async fn undelivered_mail_count(&self) -> anyhow::Result<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mail_outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    /// OTP mails recorded for a login since `since`, and when the oldest of them was
    /// recorded: the per-profile cap, and when it opens again.
    pub async fn otp_mails_since(
        &self,
        login_id: &LoginId,
        since: Timestamp,
    ) -> anyhow::Result<(i64, Option<i64>)> {
        otp_mails_of(&self.pool, login_id, since).await
    }
}

impl Change {
    /// [`Store::otp_mails_since`], read within the change.
    pub async fn otp_mails_since(
        &mut self,
        login_id: &LoginId,
        since: Timestamp,
    ) -> anyhow::Result<(i64, Option<i64>)> {
        otp_mails_of(self.conn(), login_id, since).await
    }

    /// Whether mail of `kind` was recorded for a login since `since` (the checkers' reminder
    /// goes at most once an hour).
    pub async fn mailed_since(
        &mut self,
        login_id: &LoginId,
        kind: MailKind,
        since: Timestamp,
    ) -> anyhow::Result<bool> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT mail_id FROM mail_outbox WHERE login_id = $1 AND kind = $2 AND created_at >= $3 LIMIT 1",
        )
        .bind(login_id.as_str())
        .bind(kind.as_str())
        .bind(since.as_millisecond())
        .fetch_optional(self.conn())
        .await?;
        Ok(row.is_some())
    }

    pub async fn enqueue_mail(&mut self, new: &NewMail<'_>) -> anyhow::Result<()> {
        let at = self.at();
        insert_mail(self, new, at).await?;
        self.mail_was_queued();
        Ok(())
    }
}

async fn otp_mails_of<'e>(
    db: impl Executor<'e, Database = Any>,
    login_id: &LoginId,
    since: Timestamp,
) -> anyhow::Result<(i64, Option<i64>)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), MIN(created_at) FROM mail_outbox WHERE login_id = $1 AND kind = 'OTP' AND created_at >= $2",
    )
    .bind(login_id.as_str())
    .bind(since.as_millisecond())
    .fetch_one(db)
    .await?)
}
