//! Operators' requests on the provider's clients (issue 28, R6a): what they would change, one
//! pending per client; decided through `pending_items`.

use jiff::Timestamp;
use sqlx::{Any, Executor};

use super::operator_requests::json;
use super::{new_row_id, stored_login_id, Change, Store, SubjectPending};
use crate::domain::{LoginId, RequestStatus};
use crate::stored_names::stored_names;

/// What an operator asks a second operator to do to a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAction {
    Register,
    Change,
    /// A new secret; the old one stays valid for the grace the maker chose.
    RotateSecret,
    Disable,
    Enable,
}

stored_names!(ClientAction {
    Register => "REGISTER_CLIENT",
    Change => "CHANGE_CLIENT",
    RotateSecret => "ROTATE_CLIENT_SECRET",
    Disable => "DISABLE_CLIENT",
    Enable => "ENABLE_CLIENT",
});

#[derive(Clone, Debug)]
pub struct StoredClientRequest {
    pub request_id: String,
    pub action: ClientAction,
    pub client_id: String,
    /// The client's version when the request was made; `None` for a registration.
    pub client_version: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub grace_seconds: Option<i64>,
    pub maker: LoginId,
    pub status: RequestStatus,
    pub checker: Option<LoginId>,
    pub reason: Option<String>,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// A request as it is made.
pub struct NewClientRequest<'a> {
    pub action: ClientAction,
    pub client_id: &'a str,
    pub client_version: Option<i64>,
    pub before: Option<&'a serde_json::Value>,
    pub after: Option<&'a serde_json::Value>,
    pub grace_seconds: Option<i64>,
    pub maker: &'a LoginId,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    request_id: String,
    action: String,
    client_id: String,
    client_version: Option<i64>,
    before_value: Option<String>,
    after_value: Option<String>,
    grace_seconds: Option<i64>,
    maker_id: String,
    status: String,
    checker_id: Option<String>,
    reason: Option<String>,
    created_at: i64,
    decided_at: Option<i64>,
}

const COLUMNS: &str = "request_id, action, client_id, client_version, before_value, after_value, \
    grace_seconds, maker_id, status, checker_id, reason, created_at, decided_at";

impl TryFrom<RequestRow> for StoredClientRequest {
    type Error = anyhow::Error;

    fn try_from(row: RequestRow) -> anyhow::Result<Self> {
        Ok(Self {
            request_id: row.request_id,
            action: ClientAction::try_from(row.action.as_str())?,
            client_id: row.client_id,
            client_version: row.client_version,
            before: json(row.before_value.as_deref())?,
            after: json(row.after_value.as_deref())?,
            grace_seconds: row.grace_seconds,
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
) -> anyhow::Result<Option<StoredClientRequest>> {
    let row: Option<RequestRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM oidc_client_requests WHERE request_id = $1"
    ))
    .bind(request_id)
    .fetch_optional(db)
    .await?;
    row.map(StoredClientRequest::try_from).transpose()
}

impl Store {
    pub async fn client_request(
        &self,
        request_id: &str,
    ) -> anyhow::Result<Option<StoredClientRequest>> {
        request_of(&self.pool, request_id).await
    }

    pub async fn pending_client_requests(&self) -> anyhow::Result<Vec<StoredClientRequest>> {
        let rows: Vec<RequestRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM oidc_client_requests WHERE status = 'PENDING' \
             ORDER BY created_at, request_id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(StoredClientRequest::try_from)
            .collect()
    }
}

impl Change {
    pub async fn client_request(
        &mut self,
        request_id: &str,
    ) -> anyhow::Result<Option<StoredClientRequest>> {
        request_of(self.conn(), request_id).await
    }

    /// Records a pending request; a second on the same client is [`SubjectPending`].
    pub async fn insert_client_request(
        &mut self,
        request: &NewClientRequest<'_>,
    ) -> anyhow::Result<String> {
        let id = new_row_id();
        let at = self.at().as_millisecond();
        sqlx::query(&format!(
            "INSERT INTO oidc_client_requests ({COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', NULL, NULL, $9, NULL)"
        ))
        .bind(&id)
        .bind(request.action.as_str())
        .bind(request.client_id)
        .bind(request.client_version)
        .bind(request.before.map(|v| v.to_string()))
        .bind(request.after.map(|v| v.to_string()))
        .bind(request.grace_seconds)
        .bind(request.maker.as_str())
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
