//! The audit trail: who did what to whom, when. Written only through a [`Change`], in the
//! transaction of the change it records; never updated.

use super::{new_row_id, Change, Store};
use crate::domain::AuditAction;
use crate::domain::LoginId;

pub struct AuditEvent<'a> {
    pub actor: &'a str,
    pub action: AuditAction,
    pub subject: Option<&'a str>,
    pub detail: &'a str,
}

impl<'a> AuditEvent<'a> {
    /// Someone acting on their own account, as every log-in step does.
    pub fn own(login_id: &'a LoginId, action: AuditAction) -> Self {
        Self {
            actor: login_id.as_str(),
            action,
            subject: Some(login_id.as_str()),
            detail: "",
        }
    }

    pub fn detail(self, detail: &'a str) -> Self {
        Self { detail, ..self }
    }
}

impl Store {
    /// The actions recorded for a subject, oldest first (tests and the operator's view read it).
    pub async fn audit_actions(&self, subject: &str) -> anyhow::Result<Vec<AuditAction>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT action FROM audit_events WHERE subject = $1 ORDER BY at, event_id",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|(raw,)| Ok(AuditAction::try_from(raw.as_str())?))
            .collect()
    }
}

impl Change {
    pub async fn record(&mut self, event: AuditEvent<'_>) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query("INSERT INTO audit_events (event_id, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(new_row_id())
            .bind(at)
            .bind(event.actor)
            .bind(event.action.as_str())
            .bind(event.subject)
            .bind(event.detail)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
