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
    /// What the metrics read at each scrape: pending DMS requests and e-mail batches, and the
    /// outbox's rows queued, sent and given up.
    pub async fn metrics_counts(&self) -> anyhow::Result<(i64, i64, [i64; 3])> {
        let one = |sql: &'static str| async move {
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.pool).await?;
            anyhow::Ok(n)
        };
        Ok((
            one("SELECT COUNT(*) FROM change_requests WHERE status = 'PENDING'").await?,
            one("SELECT COUNT(*) FROM email_batches WHERE status = 'PENDING'").await?,
            [
                one("SELECT COUNT(*) FROM mail_outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL")
                    .await?,
                one("SELECT COUNT(*) FROM mail_outbox WHERE delivered_at IS NOT NULL").await?,
                one("SELECT COUNT(*) FROM mail_outbox WHERE abandoned_at IS NOT NULL").await?,
            ],
        ))
    }

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

/// The operator's search of the whole trail: each criterion, when given, narrows it.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub participant: Option<String>,
    pub actor: Option<String>,
    pub subject: Option<String>,
    /// Unix milliseconds, from (inclusive) and to (exclusive).
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl Store {
    /// The trail as the filter narrows it, newest first, a page at a time.
    pub async fn search_audit(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> anyhow::Result<(i64, Vec<StoredAuditEvent>)> {
        // Every criterion is bound, given or not, so the statement's parameters never vary.
        let condition = "($1 IS NULL OR participant_id = $1) AND ($2 IS NULL OR actor = $2) \
             AND ($3 IS NULL OR subject = $3) AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at < $5)";
        fn bound<'q>(
            query: &'q str,
            filter: &AuditFilter,
        ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
            sqlx::query(query)
                .bind(filter.participant.clone())
                .bind(filter.actor.clone())
                .bind(filter.subject.clone())
                .bind(filter.from)
                .bind(filter.to)
        }
        let count = format!("SELECT COUNT(*) FROM audit_events WHERE {condition}");
        let total: i64 =
            sqlx::Row::try_get(&bound(&count, filter).fetch_one(&self.pool).await?, 0)?;
        let page = format!(
            "SELECT at, actor, action, subject, detail FROM audit_events WHERE {condition} \
             ORDER BY at DESC, event_id DESC LIMIT $6 OFFSET $7"
        );
        let rows = bound(&page, filter)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let events = rows
            .iter()
            .map(sqlx::FromRow::from_row)
            .collect::<Result<_, _>>()?;
        Ok((total, events))
    }

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
        self.audit_was_written(event.action, event.detail);
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
        self.audit_was_written(AuditAction::ProfileArchived, request_id);
        Ok(())
    }
}
