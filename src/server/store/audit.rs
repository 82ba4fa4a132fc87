//! The audit trail: who did what to whom, when. Written only through a [`Change`], in the
//! transaction of the change it records; never updated.

use super::{new_row_id, Change, Store};
use crate::domain::AuditAction;
use crate::domain::{LoginId, ParticipantId};

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

/// An event as a DA reads their participant's trail.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredAuditEvent {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub detail: String,
}

/// The participant an event concerns: its subject's, else its actor's (an operator has none).
fn participant_of(event: &AuditEvent<'_>) -> Option<String> {
    [event.subject, Some(event.actor)]
        .into_iter()
        .flatten()
        .find_map(|id| LoginId::parse(id).ok()?.participant())
        .map(|p| p.as_str().to_owned())
}

impl Store {
    /// A participant's trail, newest first, a page at a time.
    pub async fn participant_audit(
        &self,
        participant: &ParticipantId,
        limit: i64,
        offset: i64,
    ) -> anyhow::Result<(i64, Vec<StoredAuditEvent>)> {
        let (total,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE participant_id = $1")
                .bind(participant.as_str())
                .fetch_one(&self.pool)
                .await?;
        let events = sqlx::query_as(
            "SELECT at, actor, action, subject, detail FROM audit_events WHERE participant_id = $1 \
             ORDER BY at DESC, event_id DESC LIMIT $2 OFFSET $3",
        )
        .bind(participant.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok((total, events))
    }
}

impl Change {
    pub async fn record(&mut self, event: AuditEvent<'_>) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        let participant = participant_of(&event);
        sqlx::query("INSERT INTO audit_events (event_id, at, actor, action, subject, detail, participant_id) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(new_row_id())
            .bind(at)
            .bind(event.actor)
            .bind(event.action.as_str())
            .bind(event.subject)
            .bind(event.detail)
            .bind(participant)
            .execute(self.conn())
            .await?;
        self.audit_was_written();
        Ok(())
    }
}

impl Change {
    /// One `PROFILE_ARCHIVED` event per profile the cut-over `request_id` archived, written in
    /// one statement (a cut-over can archive tens of thousands).
    pub(super) async fn record_archived(
        &mut self,
        request_id: &str,
        actor: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO audit_events (event_id, at, actor, action, subject, detail, participant_id) \
             SELECT CAST($1 AS TEXT) || ':' || user_id, CAST($2 AS BIGINT), $4, $3, user_id, \
             CAST($1 AS TEXT), participant_id FROM archived_profiles WHERE request_id = $1",
        )
        .bind(request_id)
        .bind(self.at().as_millisecond())
        .bind(AuditAction::ProfileArchived.as_str())
        .bind(actor)
        .execute(self.conn())
        .await?;
        self.audit_was_written();
        Ok(())
    }
}
