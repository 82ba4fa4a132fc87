//! Items that wait for a second person (R6a, R7, R8): DMS requests, e-mail batches and operator
//! requests. Their tables share the decision columns (`status`, `checker_id`, `reason`,
//! `decided_at`); a decision is a conditional write on `status = 'PENDING'`, so of two deciders
//! at the same instant exactly one changes the row, and the other reads, in its own
//! transaction, what the item became.

use jiff::Timestamp;

use super::{Change, Store};
use crate::domain::{LoginId, RequestStatus};

/// The table of one kind of pending item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PendingTable {
    ChangeRequests,
    EmailBatches,
    OperatorRequests,
    /// The OpenID Provider's clients, maintained by operators (issue 28).
    ClientRequests,
}

impl PendingTable {
    fn name(self) -> &'static str {
        match self {
            Self::ChangeRequests => "change_requests",
            Self::EmailBatches => "email_batches",
            Self::OperatorRequests => "operator_requests",
            Self::ClientRequests => "oidc_client_requests",
        }
    }

    fn id_column(self) -> &'static str {
        match self {
            Self::ChangeRequests | Self::OperatorRequests | Self::ClientRequests => "request_id",
            Self::EmailBatches => "batch_id",
        }
    }

    /// Its items expire at `expires_at` when no one decides them (R8's service days).
    pub fn expires(self) -> bool {
        !matches!(self, Self::OperatorRequests | Self::ClientRequests)
    }
}

/// What a decision found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    /// The item took the new status.
    Done,
    /// It was past its deadline: closed as expired instead.
    Expired,
    /// Someone decided it first; it is this now.
    Already(RequestStatus),
    Unknown,
}

/// How a decision treats an item past its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// An authorisation: past the deadline, the item expires instead.
    Holds,
    /// A rejection, a withdrawal, the clock itself: the deadline does not stand in the way.
    Ignored,
}

impl Change {
    /// Decides a pending item as `status`, all in this change's transaction.
    pub async fn decide_pending(
        &mut self,
        table: PendingTable,
        id: &str,
        status: RequestStatus,
        checker: Option<&LoginId>,
        reason: Option<&str>,
        deadline: Deadline,
    ) -> anyhow::Result<Decided> {
        let (name, id_column) = (table.name(), table.id_column());
        let at = self.at().as_millisecond();
        if deadline == Deadline::Holds && table.expires() {
            let expired = sqlx::query(&format!(
                "UPDATE {name} SET status = 'EXPIRED', decided_at = $1 \
                 WHERE {id_column} = $2 AND status = 'PENDING' AND expires_at <= $1"
            ))
            .bind(at)
            .bind(id)
            .execute(self.conn())
            .await?;
            if expired.rows_affected() == 1 {
                return Ok(Decided::Expired);
            }
        }
        let done = sqlx::query(&format!(
            "UPDATE {name} SET status = $1, checker_id = $2, reason = $3, decided_at = $4 \
             WHERE {id_column} = $5 AND status = 'PENDING'"
        ))
        .bind(status.as_str())
        .bind(checker.map(LoginId::as_str))
        .bind(reason)
        .bind(at)
        .bind(id)
        .execute(self.conn())
        .await?;
        if done.rows_affected() == 1 {
            return Ok(Decided::Done);
        }
        let now: Option<(String,)> =
            sqlx::query_as(&format!("SELECT status FROM {name} WHERE {id_column} = $1"))
                .bind(id)
                .fetch_optional(self.conn())
                .await?;
        Ok(match now {
            Some((status,)) => Decided::Already(RequestStatus::try_from(status.as_str())?),
            None => Decided::Unknown,
        })
    }

    /// An item authorised in this change whose subject had moved on: closed as stale instead,
    /// no checker named (R8).
    pub async fn mark_stale(&mut self, table: PendingTable, id: &str) -> anyhow::Result<()> {
        let (name, id_column) = (table.name(), table.id_column());
        sqlx::query(&format!(
            "UPDATE {name} SET status = 'STALE', checker_id = NULL \
             WHERE {id_column} = $1 AND status = 'AUTHORISED'"
        ))
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

impl Store {
    /// The pending items of `table` past their deadline at `now`, for the clock to close.
    pub async fn pending_past_deadline(
        &self,
        table: PendingTable,
        now: Timestamp,
    ) -> anyhow::Result<Vec<String>> {
        if !table.expires() {
            return Ok(Vec::new());
        }
        let (name, id_column) = (table.name(), table.id_column());
        let rows: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT {id_column} FROM {name} WHERE status = 'PENDING' AND expires_at <= $1 \
             ORDER BY {id_column} LIMIT 1000"
        ))
        .bind(now.as_millisecond())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
