//! Back-channel logouts waiting to be told: one per client that got tokens in a session that
//! has ended. Found by what is missing (a session's clients whose `sid` no longer has a session
//! row), so every road that ends a session is covered without each writing its own.

use jiff::Timestamp;
use sqlx::Row;

use super::{Change, Store};

/// A logout claimed for sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueLogout {
    pub logout_id: String,
    pub client_id: String,
    pub sid: String,
    pub subject: String,
    pub attempts: i64,
}

impl Store {
    /// Logouts of `client_id` as they stand: (sid, delivered, abandoned), for tests and the
    /// console.
    pub async fn logouts_of(&self, client_id: &str) -> anyhow::Result<Vec<(String, bool, bool)>> {
        let rows = sqlx::query(
            "SELECT sid, delivered_at, abandoned_at FROM oidc_logouts WHERE client_id = $1 ORDER BY created_at",
        )
        .bind(client_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("sid")?,
                    row.try_get::<Option<i64>, _>("delivered_at")?.is_some(),
                    row.try_get::<Option<i64>, _>("abandoned_at")?.is_some(),
                ))
            })
            .collect()
    }
}

impl Change {
    /// Sessions past either limit end (R26): their rows go, so their logouts follow.
    pub async fn end_expired_sessions(
        &mut self,
        idle_before: Timestamp,
        absolute_before: Timestamp,
    ) -> anyhow::Result<u64> {
        Ok(
            sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
                .bind(idle_before.as_millisecond())
                .bind(absolute_before.as_millisecond())
                .execute(self.conn())
                .await?
                .rows_affected(),
        )
    }

    /// Every client of a session that has ended gets a logout to send; answers how many.
    pub async fn enqueue_ended_sessions(&mut self) -> anyhow::Result<u64> {
        let ended: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT c.sid, c.client_id, c.subject, k.backchannel_logout_uri \
             FROM oidc_session_clients c LEFT JOIN oidc_clients k ON k.client_id = c.client_id \
             WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.sid = c.sid) LIMIT 500",
        )
        .fetch_all(self.conn())
        .await?;
        let at = self.at().as_millisecond();
        for (sid, client_id, subject, uri) in &ended {
            // A client without a back-channel URI is not told (it learns at its next request).
            if uri.is_some() {
                sqlx::query(
                "INSERT INTO oidc_logouts (logout_id, client_id, sid, subject, created_at, attempts, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $5, 0, $5)",
                )
                .bind(super::new_sid())
                .bind(client_id)
                .bind(sid)
                .bind(subject)
                .bind(at)
                .execute(self.conn())
                .await?;
            }
            sqlx::query("DELETE FROM oidc_session_clients WHERE sid = $1 AND client_id = $2")
                .bind(sid)
                .bind(client_id)
                .execute(self.conn())
                .await?;
        }
        Ok(ended.len() as u64)
    }

    /// Claims up to `limit` logouts due now for `lease_until`: no other instance sends them
    /// meanwhile.
    pub async fn claim_due_logouts(
        &mut self,
        limit: i64,
        lease_until: Timestamp,
    ) -> anyhow::Result<Vec<DueLogout>> {
        let at = self.at().as_millisecond();
        let rows = sqlx::query(
            "SELECT logout_id, client_id, sid, subject, attempts FROM oidc_logouts \
             WHERE delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= $1 \
             AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY next_attempt_at LIMIT $2",
        )
        .bind(at)
        .bind(limit)
        .fetch_all(self.conn())
        .await?;
        let mut claimed = Vec::new();
        for row in rows {
            let logout_id: String = row.try_get("logout_id")?;
            let taken = sqlx::query(
                "UPDATE oidc_logouts SET claimed_until = $1 WHERE logout_id = $2 \
                 AND (claimed_until IS NULL OR claimed_until < $3)",
            )
            .bind(lease_until.as_millisecond())
            .bind(&logout_id)
            .bind(at)
            .execute(self.conn())
            .await?
            .rows_affected();
            if taken == 1 {
                claimed.push(DueLogout {
                    logout_id,
                    client_id: row.try_get("client_id")?,
                    sid: row.try_get("sid")?,
                    subject: row.try_get("subject")?,
                    attempts: row.try_get("attempts")?,
                });
            }
        }
        Ok(claimed)
    }

    pub async fn logout_delivered(&mut self, logout_id: &str) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE oidc_logouts SET delivered_at = $1, attempts = attempts + 1, claimed_until = NULL \
             WHERE logout_id = $2",
        )
        .bind(self.at().as_millisecond())
        .bind(logout_id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// A failed attempt: tried again at `next`, or given up (`next` = `None`).
    pub async fn logout_failed(
        &mut self,
        logout_id: &str,
        error: &str,
        next: Option<Timestamp>,
    ) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query(
            "UPDATE oidc_logouts SET attempts = attempts + 1, claimed_until = NULL, last_error = $1, \
             next_attempt_at = $2, abandoned_at = $3 WHERE logout_id = $4",
        )
        .bind(error)
        .bind(next.map_or(at, |t| t.as_millisecond()))
        .bind(next.is_none().then_some(at))
        .bind(logout_id)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
