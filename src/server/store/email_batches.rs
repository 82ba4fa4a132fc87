//! Bulk e-mail batches: made by a DA maker, decided once by a DA checker (a conditional write on
//! `status = PENDING`, as for single requests), each row applied or refused on its own.

use std::collections::HashMap;

use jiff::Timestamp;
use sqlx::Row;

use super::{new_row_id, stored_login_id, Change, Store};
use crate::domain::bulk_email::{RowOutcome, RowRefusal};
use crate::domain::{LoginId, ParticipantId, RequestStatus};

/// A profile a file may name: one of the participant's or of its settlement agents'.
#[derive(Clone, Debug)]
pub struct ScopeProfile {
    pub is_da: bool,
    pub email: Option<String>,
    pub version: i64,
    /// A request on it is pending, alone or in a batch (R8).
    pub pending: bool,
}

/// A row as the maker's file gave it, checked.
pub struct NewBatchRow<'a> {
    pub line: i64,
    pub user_id: &'a str,
    pub before: Option<&'a str>,
    pub after: &'a str,
    pub base_version: i64,
}

#[derive(Clone, Debug)]
pub struct StoredBatchRow {
    pub line: i64,
    pub user_id: LoginId,
    pub before: Option<String>,
    pub after: String,
    pub base_version: i64,
    pub outcome: Option<RowOutcome>,
}

#[derive(Clone, Debug)]
pub struct StoredBatch {
    pub batch_id: String,
    pub participant: ParticipantId,
    pub maker: LoginId,
    pub status: RequestStatus,
    pub checker: Option<LoginId>,
    pub reason: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub rows: Vec<StoredBatchRow>,
}

/// Inserted rows per statement.
const CHUNK: usize = 200;

const PENDING_ANYWHERE: &str = "(EXISTS (SELECT 1 FROM change_requests r \
     WHERE r.target_user_id = p.user_id AND r.status = 'PENDING') \
     OR EXISTS (SELECT 1 FROM email_batch_rows b JOIN email_batches e ON e.batch_id = b.batch_id \
     WHERE b.user_id = p.user_id AND e.status = 'PENDING'))";

fn outcome_of(raw: Option<&str>) -> anyhow::Result<Option<RowOutcome>> {
    Ok(match raw {
        None => None,
        Some("APPLIED") => Some(RowOutcome::Applied),
        Some("STALE") => Some(RowOutcome::Refused(RowRefusal::Stale)),
        Some("PENDING") => Some(RowOutcome::Refused(RowRefusal::Pending)),
        Some(other) => anyhow::bail!("stored batch row outcome {other:?}"),
    })
}

fn outcome_name(outcome: RowOutcome) -> &'static str {
    match outcome {
        RowOutcome::Applied => "APPLIED",
        RowOutcome::Refused(RowRefusal::Stale) => "STALE",
        RowOutcome::Refused(RowRefusal::Pending) => "PENDING",
    }
}

fn millis(raw: Option<i64>) -> anyhow::Result<Option<Timestamp>> {
    Ok(raw.map(Timestamp::from_millisecond).transpose()?)
}

/// A batch with its rows by its ID; with `participant`, only if it is that participant's.
async fn batch_of(
    conn: &mut sqlx::AnyConnection,
    participant: Option<&ParticipantId>,
    batch_id: &str,
) -> anyhow::Result<Option<StoredBatch>> {
    const COLUMNS: &str = "batch_id, participant_id, maker_id, status, checker_id, reason, \
        created_at, expires_at, decided_at";
    let row = match participant {
        Some(participant) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM email_batches WHERE batch_id = $1 AND participant_id = $2"
            ))
            .bind(batch_id)
            .bind(participant.as_str())
            .fetch_optional(&mut *conn)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM email_batches WHERE batch_id = $1"
            ))
            .bind(batch_id)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    let Some(row) = row else { return Ok(None) };
    let rows = sqlx::query(
        "SELECT line, user_id, before_email, after_email, base_version, outcome \
         FROM email_batch_rows WHERE batch_id = $1 ORDER BY line",
    )
    .bind(batch_id)
    .fetch_all(&mut *conn)
    .await?;
    let rows = rows
        .iter()
        .map(|r| {
            Ok(StoredBatchRow {
                line: r.try_get("line")?,
                user_id: stored_login_id(r.try_get("user_id")?)?,
                before: r.try_get("before_email")?,
                after: r.try_get("after_email")?,
                base_version: r.try_get("base_version")?,
                outcome: outcome_of(r.try_get::<Option<String>, _>("outcome")?.as_deref())?,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Some(StoredBatch {
        batch_id: row.try_get("batch_id")?,
        participant: ParticipantId::parse(row.try_get("participant_id")?)
            .map_err(|e| anyhow::anyhow!("stored participant ID: {e}"))?,
        maker: stored_login_id(row.try_get("maker_id")?)?,
        status: RequestStatus::try_from(row.try_get::<String, _>("status")?.as_str())?,
        checker: row
            .try_get::<Option<String>, _>("checker_id")?
            .as_deref()
            .map(stored_login_id)
            .transpose()?,
        reason: row.try_get("reason")?,
        created_at: Timestamp::from_millisecond(row.try_get("created_at")?)?,
        expires_at: Timestamp::from_millisecond(row.try_get("expires_at")?)?,
        decided_at: millis(row.try_get("decided_at")?)?,
        rows,
    }))
}

impl Store {
    /// Every profile of `own` and of its settlement agents, by user ID, as a file is checked
    /// against them (one read, however long the file).
    pub async fn scope_profiles(
        &self,
        own: &ParticipantId,
    ) -> anyhow::Result<HashMap<String, ScopeProfile>> {
        let rows = sqlx::query(&format!(
            "SELECT p.user_id, p.kind, p.email, p.version, \
             CAST(CASE WHEN {PENDING_ANYWHERE} THEN 1 ELSE 0 END AS BIGINT) AS pending \
             FROM profiles p WHERE p.participant_id = $1 OR p.participant_id IN \
             (SELECT a.participant_id FROM participants a WHERE a.principal_participant_id = $1)"
        ))
        .bind(own.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                let pending: i64 = row.try_get("pending")?;
                Ok((
                    row.try_get("user_id")?,
                    ScopeProfile {
                        is_da: kind == "DA",
                        email: row.try_get("email")?,
                        version: row.try_get("version")?,
                        pending: pending == 1,
                    },
                ))
            })
            .collect()
    }

    /// A batch of `participant` with its rows; another participant's is as absent as none.
    pub async fn email_batch(
        &self,
        participant: &ParticipantId,
        batch_id: &str,
    ) -> anyhow::Result<Option<StoredBatch>> {
        let mut conn = self.pool.acquire().await?;
        batch_of(&mut conn, Some(participant), batch_id).await
    }

    /// The participant's pending batches and the twenty decided last, newest first, with
    /// their row counts.
    pub async fn email_batches(
        &self,
        participant: &ParticipantId,
    ) -> anyhow::Result<Vec<(String, LoginId, RequestStatus, Timestamp, i64)>> {
        let rows = sqlx::query(
            "SELECT e.batch_id, e.maker_id, e.status, e.created_at, \
             (SELECT COUNT(*) FROM email_batch_rows r WHERE r.batch_id = e.batch_id) AS row_count \
             FROM email_batches e WHERE e.participant_id = $1 \
             ORDER BY CASE WHEN e.status = 'PENDING' THEN 0 ELSE 1 END, e.created_at DESC LIMIT 50",
        )
        .bind(participant.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("batch_id")?,
                    stored_login_id(r.try_get("maker_id")?)?,
                    RequestStatus::try_from(r.try_get::<String, _>("status")?.as_str())?,
                    Timestamp::from_millisecond(r.try_get("created_at")?)?,
                    r.try_get("row_count")?,
                ))
            })
            .collect()
    }

    /// Whether `user_id` is in a pending batch (R8: one pending request per profile).
    pub async fn in_pending_batch(&self, user_id: &LoginId) -> anyhow::Result<bool> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT b.batch_id FROM email_batch_rows b JOIN email_batches e ON e.batch_id = b.batch_id \
             WHERE b.user_id = $1 AND e.status = 'PENDING'",
        )
        .bind(user_id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }
}

impl Change {
    /// A batch by its ID alone: for one already found in its participant's scope.
    pub async fn email_batch_by_id(&mut self, id: &str) -> anyhow::Result<Option<StoredBatch>> {
        batch_of(self.conn(), None, id).await
    }

    /// Records a maker's batch as pending; answers its ID.
    pub async fn insert_email_batch(
        &mut self,
        participant: &ParticipantId,
        maker: &LoginId,
        expires_at: Timestamp,
        rows: &[NewBatchRow<'_>],
    ) -> anyhow::Result<String> {
        let batch_id = new_row_id();
        sqlx::query(
            "INSERT INTO email_batches (batch_id, participant_id, maker_id, status, created_at, expires_at) \
             VALUES ($1, $2, $3, 'PENDING', $4, $5)",
        )
        .bind(&batch_id)
        .bind(participant.as_str())
        .bind(maker.as_str())
        .bind(self.at().as_millisecond())
        .bind(expires_at.as_millisecond())
        .execute(self.conn())
        .await?;
        for chunk in rows.chunks(CHUNK) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let n = i * 6;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${})",
                        n + 1,
                        n + 2,
                        n + 3,
                        n + 4,
                        n + 5,
                        n + 6
                    )
                })
                .collect();
            let statement = format!(
                "INSERT INTO email_batch_rows (batch_id, line, user_id, before_email, after_email, base_version) \
                 VALUES {}",
                values.join(", ")
            );
            let mut query = sqlx::query(&statement);
            for row in chunk {
                query = query
                    .bind(&batch_id)
                    .bind(row.line)
                    .bind(row.user_id)
                    .bind(row.before)
                    .bind(row.after)
                    .bind(row.base_version);
            }
            query.execute(self.conn()).await?;
        }
        Ok(batch_id)
    }

    /// One row of an authorised batch, judged again and applied or refused (R8).
    pub async fn apply_batch_row(
        &mut self,
        batch_id: &str,
        row: &StoredBatchRow,
    ) -> anyhow::Result<RowOutcome> {
        let pending: Option<(String,)> = sqlx::query_as(
            "SELECT request_id FROM change_requests WHERE target_user_id = $1 AND status = 'PENDING'",
        )
        .bind(row.user_id.as_str())
        .fetch_optional(self.conn())
        .await?;
        let outcome = if pending.is_some() {
            RowOutcome::Refused(RowRefusal::Pending)
        } else {
            let done = sqlx::query(
                "UPDATE profiles SET email = $1, version = version + 1, updated_at = $2 \
                 WHERE user_id = $3 AND version = $4 AND kind = 'USER'",
            )
            .bind(&row.after)
            .bind(self.at().as_millisecond())
            .bind(row.user_id.as_str())
            .bind(row.base_version)
            .execute(self.conn())
            .await?;
            if done.rows_affected() == 1 {
                RowOutcome::Applied
            } else {
                RowOutcome::Refused(RowRefusal::Stale)
            }
        };
        sqlx::query("UPDATE email_batch_rows SET outcome = $1 WHERE batch_id = $2 AND line = $3")
            .bind(outcome_name(outcome))
            .bind(batch_id)
            .bind(row.line)
            .execute(self.conn())
            .await?;
        Ok(outcome)
    }
}
