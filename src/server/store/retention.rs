//! Retention (Hong Kong's Personal Data (Privacy) Ordinance asks how long data is kept): the
//! daily purge of what has outlived its period, in one change that records what it removed.

use jiff::{SignedDuration, Timestamp};

use super::{AuditEvent, Store};
use crate::domain::AuditAction;
use crate::server::config::Retention;

/// What a purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Purged {
    pub audit_events: u64,
    pub archived_profiles: u64,
    pub mail: u64,
    pub sessions: u64,
    /// The OpenID Provider's expired codes, tokens, waiting requests and logouts told.
    pub provider_grants: u64,
}

impl Purged {
    fn any(self) -> bool {
        self.audit_events
            + self.archived_profiles
            + self.mail
            + self.sessions
            + self.provider_grants
            > 0
    }
}

fn before(now: Timestamp, days: u32) -> i64 {
    (now - SignedDuration::from_hours(24 * i64::from(days))).as_millisecond()
}

impl Store {
    /// Removes what is older than its period; records the purge (when it removed anything) as an
    /// audit event, the first link of what remains of the chain.
    pub async fn purge(&self, retention: Retention, now: Timestamp) -> anyhow::Result<Purged> {
        let mut change = self.change(now).await?;
        let mut purged = Purged {
            audit_events: change
                .purge_audit_before(before(now, retention.audit_days))
                .await?,
            ..Purged::default()
        };
        for (statement, days, count) in [
            (
                "DELETE FROM archived_profiles WHERE archived_at < $1",
                retention.archive_days,
                &mut purged.archived_profiles,
            ),
            (
                "DELETE FROM mail_outbox WHERE (delivered_at IS NOT NULL OR abandoned_at IS NOT NULL) \
                 AND created_at < $1",
                retention.mail_days,
                &mut purged.mail,
            ),
            (
                "DELETE FROM sessions WHERE last_seen_at < $1",
                retention.session_days,
                &mut purged.sessions,
            ),
        ] {
            *count = sqlx::query(statement)
                .bind(before(now, days))
                .execute(change.conn())
                .await?
                .rows_affected();
        }
        // What the provider handed out lives as long as a session's record at most.
        for (statement, days) in [
            (
                "DELETE FROM oidc_codes WHERE expires_at < $1",
                retention.session_days,
            ),
            (
                "DELETE FROM oidc_tokens WHERE expires_at < $1",
                retention.session_days,
            ),
            (
                "DELETE FROM oidc_authorizations WHERE expires_at < $1",
                retention.session_days,
            ),
            (
                "DELETE FROM oidc_logouts WHERE (delivered_at IS NOT NULL OR abandoned_at IS NOT NULL) \
                 AND created_at < $1",
                retention.mail_days,
            ),
        ] {
            purged.provider_grants += sqlx::query(statement)
                .bind(before(now, days))
                .execute(change.conn())
                .await?
                .rows_affected();
        }
        if purged.any() {
            let detail = serde_json::to_string(&purged)?;
            change
                .record(AuditEvent {
                    actor: "SYSTEM",
                    action: AuditAction::RetentionPurge,
                    subject: None,
                    detail: &detail,
                })
                .await?;
        }
        let _ = change.commit().await?;
        Ok(purged)
    }
}
