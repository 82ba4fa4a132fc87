//! The local mailbox: where mail goes without an SMTP server (the embedded default).

use jiff::Timestamp;
use sqlx::Row;

use super::ClaimedMail;
use super::Store;

#[derive(Clone, Debug)]
pub struct StoredMail {
    pub at: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl Store {
    pub async fn deliver_locally(&self, mail: &ClaimedMail, at: Timestamp) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO dev_mailbox (mail_id, at, to_address, subject, text_body, html_body) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (mail_id) DO NOTHING",
        )
        // The outbox row's ID: a second delivery of one row after a crash is not a second mail.
        .bind(&mail.mail_id)
        .bind(at.as_millisecond())
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.text)
        .bind(&mail.html)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Newest first.
    pub async fn local_mail(&self, limit: i64) -> anyhow::Result<Vec<StoredMail>> {
        let rows = sqlx::query("SELECT at, to_address, subject, text_body FROM dev_mailbox ORDER BY at DESC, mail_id LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredMail {
                    at: r.try_get("at")?,
                    to: r.try_get("to_address")?,
                    subject: r.try_get("subject")?,
                    text: r.try_get("text_body")?,
                })
            })
            .collect()
    }
}
