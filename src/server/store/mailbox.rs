//! The local mailbox: where mail goes without an SMTP server (the embedded default).

use jiff::Timestamp;
use sqlx::Row;

use super::{new_row_id, Store};
use crate::server::mail::OutgoingMail;

#[derive(Clone, Debug)]
pub struct StoredMail {
    pub at: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl Store {
    pub async fn deliver_locally(&self, mail: &OutgoingMail, at: Timestamp) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO dev_mailbox (mail_id, at, to_address, subject, text_body, html_body) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_row_id())
        .bind(at.as_millisecond())
        .bind(mail.to.as_str())
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
