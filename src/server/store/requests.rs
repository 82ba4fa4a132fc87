//! Maker–checker requests (R7, R8): recorded by a maker, decided once by a checker, withdrawn
//! by the maker, expired by the clock. A decision is a conditional write on `status = PENDING`,
//! so of two checkers confirming at the same instant exactly one changes the row.

use jiff::Timestamp;
use sqlx::{Any, Executor};

use super::{new_row_id, stored_login_id, Change, Store};
use crate::domain::{LoginId, ParticipantId, ProfileDetails, RequestAction, RequestStatus};

/// A request as made: the maker's part.
pub struct NewRequest<'a> {
    pub participant: &'a ParticipantId,
    pub target: &'a LoginId,
    pub action: RequestAction,
    pub before: Option<&'a ProfileDetails>,
    pub after: Option<&'a ProfileDetails>,
    pub base_version: Option<i64>,
    pub maker: &'a LoginId,
    pub expires_at: Timestamp,
    /// R16: a DA's business user groups before and after, comma separated.
    pub groups: Option<(&'a str, &'a str)>,
}

/// A second pending request on the same profile (R8), met at the database's unique index
/// when two makers race.
#[derive(Debug, thiserror::Error)]
#[error("a request on this profile is already pending")]
pub struct AlreadyPending;

#[derive(Clone, Debug)]
pub struct StoredRequest {
    pub request_id: String,
    pub target: LoginId,
    pub action: RequestAction,
    pub before: Option<ProfileDetails>,
    pub after: Option<ProfileDetails>,
    pub base_version: Option<i64>,
    pub maker: LoginId,
    pub status: RequestStatus,
    pub checker: Option<LoginId>,
    pub reason: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    /// R16: the DA's business user groups before and after (ADD_BUSINESS_GROUPS only).
    pub groups: Option<(String, String)>,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    request_id: String,
    target_user_id: String,
    action: String,
    before_fields: Option<String>,
    after_fields: Option<String>,
    base_version: Option<i64>,
    maker_id: String,
    status: String,
    checker_id: Option<String>,
    reason: Option<String>,
    created_at: i64,
    expires_at: i64,
    decided_at: Option<i64>,
    groups_before: Option<String>,
    groups_after: Option<String>,
}

const COLUMNS: &str =
    "request_id, target_user_id, action, before_fields, after_fields, base_version, maker_id, \
    status, checker_id, reason, created_at, expires_at, decided_at, groups_before, groups_after";

fn details(raw: Option<&str>) -> anyhow::Result<Option<ProfileDetails>> {
    raw.map(|text| {
        serde_json::from_str(text).map_err(|e| anyhow::anyhow!("stored request fields: {e}"))
    })
    .transpose()
}

impl TryFrom<RequestRow> for StoredRequest {
    type Error = anyhow::Error;

    fn try_from(row: RequestRow) -> anyhow::Result<Self> {
        Ok(Self {
            request_id: row.request_id,
            target: stored_login_id(&row.target_user_id)?,
            action: RequestAction::try_from(row.action.as_str())?,
            before: details(row.before_fields.as_deref())?,
            after: details(row.after_fields.as_deref())?,
            base_version: row.base_version,
            maker: stored_login_id(&row.maker_id)?,
            status: RequestStatus::try_from(row.status.as_str())?,
            checker: row.checker_id.as_deref().map(stored_login_id).transpose()?,
            reason: row.reason,
            created_at: Timestamp::from_millisecond(row.created_at)?,
            expires_at: Timestamp::from_millisecond(row.expires_at)?,
            decided_at: row
                .decided_at
                .map(Timestamp::from_millisecond)
                .transpose()?,
            groups: row.groups_before.zip(row.groups_after),
        })
    }
}

/// A request by its ID; with `participant`, only if it is that participant's.
async fn request_of<'e>(
    db: impl Executor<'e, Database = Any>,
    participant: Option<&ParticipantId>,
    request_id: &str,
) -> anyhow::Result<Option<StoredRequest>> {
    let sql = match participant {
        Some(_) => format!(
            "SELECT {COLUMNS} FROM change_requests WHERE request_id = $1 AND participant_id = $2"
        ),
        None => format!("SELECT {COLUMNS} FROM change_requests WHERE request_id = $1"),
    };
    let mut query = sqlx::query_as(&sql).bind(request_id);
    if let Some(participant) = participant {
        query = query.bind(participant.as_str());
    }
    let row: Option<RequestRow> = query.fetch_optional(db).await?;
    row.map(StoredRequest::try_from).transpose()
}

impl Store {
    /// A request of `participant`; another participant's is as absent as a missing one (R26).
    pub async fn request(
        &self,
        participant: &ParticipantId,
        request_id: &str,
    ) -> anyhow::Result<Option<StoredRequest>> {
        request_of(&self.pool, Some(participant), request_id).await
    }

    /// The participant's open requests, oldest first ("Pending Requests").
    pub async fn pending_requests(
        &self,
        participant: &ParticipantId,
    ) -> anyhow::Result<Vec<StoredRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM change_requests WHERE participant_id = $1 AND status = 'PENDING' \
             ORDER BY created_at, request_id LIMIT 500"
        ))
        .bind(participant.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(StoredRequest::try_from).collect()
    }

    /// Pending requests past their deadline, and those whose maker may no longer act
    /// (disabled or deleted): the housekeeping closes them.
    pub async fn requests_to_close(&self, now: Timestamp) -> anyhow::Result<Vec<StoredRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM change_requests WHERE request_id IN (\
             SELECT r.request_id FROM change_requests r LEFT JOIN profiles m ON m.user_id = r.maker_id \
             WHERE r.status = 'PENDING' AND (r.expires_at <= $1 OR m.user_id IS NULL OR m.status <> 'ENABLED')) \
             LIMIT 1000"
        ))
        .bind(now.as_millisecond())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(StoredRequest::try_from).collect()
    }

    /// Participants with requests waiting for a checker.
    pub async fn participants_with_waiting_requests(&self) -> anyhow::Result<Vec<ParticipantId>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT participant_id FROM change_requests WHERE status = 'PENDING' ORDER BY participant_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|(raw,)| {
                ParticipantId::parse(raw)
                    .map_err(|e| anyhow::anyhow!("stored participant ID {raw:?}: {e}"))
            })
            .collect()
    }
}

impl Change {
    /// A request by its ID alone: one just made, or already found in its participant's scope.
    pub async fn request_by_id(&mut self, id: &str) -> anyhow::Result<Option<StoredRequest>> {
        request_of(self.conn(), None, id).await
    }

    /// The enabled DA checkers of a participant, who may decide its requests.
    pub async fn checkers_of(
        &mut self,
        participant: &ParticipantId,
    ) -> anyhow::Result<Vec<LoginId>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT user_id FROM profiles WHERE participant_id = $1 AND kind = 'DA' AND da_role = 'CHECKER' \
             AND status = 'ENABLED' ORDER BY user_id",
        )
        .bind(participant.as_str())
        .fetch_all(self.conn())
        .await?;
        rows.iter().map(|(id,)| stored_login_id(id)).collect()
    }

    pub async fn pending_count(&mut self, participant: &ParticipantId) -> anyhow::Result<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM change_requests WHERE participant_id = $1 AND status = 'PENDING'",
        )
        .bind(participant.as_str())
        .fetch_one(self.conn())
        .await?;
        Ok(n)
    }

    /// Records a pending request; a second pending one on the same profile is
    /// [`AlreadyPending`].
    pub async fn insert_request(&mut self, new: &NewRequest<'_>) -> anyhow::Result<String> {
        let pending: Option<(String,)> = sqlx::query_as(
            "SELECT request_id FROM change_requests WHERE target_user_id = $1 AND status = 'PENDING'",
        )
        .bind(new.target.as_str())
        .fetch_optional(self.conn())
        .await?;
        if pending.is_some() {
            return Err(AlreadyPending.into());
        }
        let id = new_row_id();
        let json = |d: Option<&ProfileDetails>| d.map(serde_json::to_string).transpose();
        sqlx::query(
            "INSERT INTO change_requests (request_id, participant_id, target_user_id, action, before_fields, \
             after_fields, base_version, maker_id, status, created_at, expires_at, groups_before, groups_after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9, $10, $11, $12)",
        )
        .bind(&id)
        .bind(new.participant.as_str())
        .bind(new.target.as_str())
        .bind(new.action.as_str())
        .bind(json(new.before)?)
        .bind(json(new.after)?)
        .bind(new.base_version)
        .bind(new.maker.as_str())
        .bind(self.at().as_millisecond())
        .bind(new.expires_at.as_millisecond())
        .bind(new.groups.map(|(before, _)| before))
        .bind(new.groups.map(|(_, after)| after))
        .execute(self.conn())
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => AlreadyPending.into(),
            _ => anyhow::Error::from(error),
        })?;
        Ok(id)
    }

    /// The DMS requests a DA made that still wait are withdrawn: a DA deleted or disabled may no
    /// longer act (the housekeeping would find them too, later).
    pub async fn withdraw_requests_made_by(&mut self, maker: &LoginId) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query(
            "UPDATE change_requests SET status = 'WITHDRAWN', decided_at = $1 WHERE maker_id = $2 AND status = 'PENDING'",
        )
        .bind(at)
        .bind(maker.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
