//! The audit trail: who did what to whom, when. Written beside every change; never updated.

use jiff::Timestamp;

use super::{new_row_id, Store};

pub struct AuditEvent<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: Option<&'a str>,
    pub detail: &'a str,
}

impl Store {
    pub async fn record(&self, event: AuditEvent<'_>, at: Timestamp) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO audit_events (event_id, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(new_row_id())
            .bind(at.as_millisecond())
            .bind(event.actor)
            .bind(event.action)
            .bind(event.subject)
            .bind(event.detail)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The actions recorded for a subject, oldest first (tests and the operator's view read it).
    pub async fn audit_actions(&self, subject: &str) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT action FROM audit_events WHERE subject = $1 ORDER BY at, event_id",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(a,)| a).collect())
    }
}
