//! Operators' requests for a second operator (R6a): recorded with their subject before and
//! after, one pending per subject; decided through `pending_items`.

use jiff::Timestamp;
use sqlx::{Any, Executor};

use super::{new_row_id, stored_login_id, Change, Store};
use crate::domain::{LoginId, RequestStatus};
use crate::stored_names::stored_names;

/// What an operator asks a second operator to approve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorAction {
    CreateDa,
    DeleteDa,
    SetDaEmail,
    MovePhase,
    AddOperator,
    RemoveOperator,
    /// R15: an archived profile back.
    RestoreProfile,
    /// Table 1: DA group functions on a user's profile, after the cut-over.
    AddDaFunctions,
    /// R11: the holiday calendar replaced whole (issue 26: it opens and closes the DMS).
    ReplaceHolidays,
    /// R25: a DA's smartcard PIN reset; the new PIN is shown to the approving operator only.
    ResetCardPin,
}

stored_names!(OperatorAction {
    CreateDa => "CREATE_DA",
    DeleteDa => "DELETE_DA",
    SetDaEmail => "SET_DA_EMAIL",
    MovePhase => "MOVE_PHASE",
    AddOperator => "ADD_OPERATOR",
    RemoveOperator => "REMOVE_OPERATOR",
    RestoreProfile => "RESTORE_PROFILE",
    AddDaFunctions => "ADD_DA_FUNCTIONS",
    ReplaceHolidays => "REPLACE_HOLIDAYS",
    ResetCardPin => "RESET_CARD_PIN",
});

/// The subject of a calendar replacement: one calendar, so one pending replacement at a time.
pub const HOLIDAYS_SUBJECT: &str = "HOLIDAY_CALENDAR";

/// The subject of a phase move: there is one phase, so one pending move at a time.
pub const PHASE_SUBJECT: &str = "MIGRATION_PHASE";

/// A second pending request on the same subject.
#[derive(Debug, thiserror::Error)]
#[error("a request on this subject is already pending")]
pub struct SubjectPending;

#[derive(Clone, Debug)]
pub struct StoredOperatorRequest {
    pub request_id: String,
    pub action: OperatorAction,
    pub subject: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub maker: LoginId,
    pub status: RequestStatus,
    pub checker: Option<LoginId>,
    pub reason: Option<String>,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    request_id: String,
    action: String,
    subject: String,
    before_value: Option<String>,
    after_value: Option<String>,
    maker_id: String,
    status: String,
    checker_id: Option<String>,
    reason: Option<String>,
    created_at: i64,
    decided_at: Option<i64>,
}

const COLUMNS: &str = "request_id, action, subject, before_value, after_value, maker_id, status, \
    checker_id, reason, created_at, decided_at";

/// A request's stored before or after value.
pub(super) fn json(raw: Option<&str>) -> anyhow::Result<Option<serde_json::Value>> {
    raw.map(|t| serde_json::from_str(t).map_err(|e| anyhow::anyhow!("stored request value: {e}")))
        .transpose()
}

impl TryFrom<RequestRow> for StoredOperatorRequest {
    type Error = anyhow::Error;

    fn try_from(row: RequestRow) -> anyhow::Result<Self> {
        Ok(Self {
            request_id: row.request_id,
            action: OperatorAction::try_from(row.action.as_str())?,
            subject: row.subject,
            before: json(row.before_value.as_deref())?,
            after: json(row.after_value.as_deref())?,
            maker: stored_login_id(&row.maker_id)?,
            status: RequestStatus::try_from(row.status.as_str())?,
            checker: row.checker_id.as_deref().map(stored_login_id).transpose()?,
            reason: row.reason,
            created_at: Timestamp::from_millisecond(row.created_at)?,
            decided_at: row
                .decided_at
                .map(Timestamp::from_millisecond)
                .transpose()?,
        })
    }
}

async fn request_of<'e>(
    db: impl Executor<'e, Database = Any>,
    request_id: &str,
) -> anyhow::Result<Option<StoredOperatorRequest>> {
    let row: Option<RequestRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM operator_requests WHERE request_id = $1"
    ))
    .bind(request_id)
    .fetch_optional(db)
    .await?;
    row.map(StoredOperatorRequest::try_from).transpose()
}

impl Store {
    pub async fn operator_request(
        &self,
        request_id: &str,
    ) -> anyhow::Result<Option<StoredOperatorRequest>> {
        request_of(&self.pool, request_id).await
    }

    pub async fn pending_operator_requests(&self) -> anyhow::Result<Vec<StoredOperatorRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM operator_requests WHERE status = 'PENDING' ORDER BY created_at, request_id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(StoredOperatorRequest::try_from)
            .collect()
    }
}

impl Change {
    pub async fn operator_request(
        &mut self,
        request_id: &str,
    ) -> anyhow::Result<Option<StoredOperatorRequest>> {
        request_of(self.conn(), request_id).await
    }

    /// Records a pending request; a second on the same subject is [`SubjectPending`].
    pub async fn insert_operator_request(
        &mut self,
        action: OperatorAction,
        subject: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
        maker: &LoginId,
    ) -> anyhow::Result<String> {
        let id = new_row_id();
        let at = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO operator_requests (request_id, action, subject, before_value, after_value, maker_id, \
             status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7)",
        )
        .bind(&id)
        .bind(action.as_str())
        .bind(subject)
        .bind(before.map(|v| v.to_string()))
        .bind(after.map(|v| v.to_string()))
        .bind(maker.as_str())
        .bind(at)
        .execute(self.conn())
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => SubjectPending.into(),
            _ => anyhow::Error::from(error),
        })?;
        Ok(id)
    }
}
