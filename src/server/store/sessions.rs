//! Sessions (R26), looked up by the hash of their token.

use jiff::Timestamp;

use super::{stored_login_id, Change, Store};

use crate::api::LoginMethod;
use crate::domain::LoginId;
use crate::server::security::session::{SessionStage, SessionToken};

pub struct NewSession<'a> {
    pub token: &'a SessionToken,
    pub login_id: &'a LoginId,
    pub stage: SessionStage,
}

#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub token_hash: String,
    pub login_id: LoginId,
    pub stage: SessionStage,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub previous_login_at: Option<i64>,
    pub previous_login_method: Option<LoginMethod>,
    /// The e-mailed code was right while the participant refuses e-mail OTP (issue 17).
    pub email_proven: bool,
}

/// A row of `sessions`, as stored.
#[derive(sqlx::FromRow)]
struct SessionRow {
    token_hash: String,
    login_id: String,
    stage: String,
    created_at: i64,
    last_seen_at: i64,
    previous_login_at: Option<i64>,
    previous_login_method: Option<String>,
    email_proven_at: Option<i64>,
}

/// A row this version cannot read is a fault, never a default.
impl TryFrom<SessionRow> for SessionRecord {
    type Error = anyhow::Error;

    fn try_from(row: SessionRow) -> anyhow::Result<Self> {
        Ok(Self {
            token_hash: row.token_hash,
            login_id: stored_login_id(&row.login_id)?,
            stage: SessionStage::try_from(row.stage.as_str())?,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            previous_login_at: row.previous_login_at,
            previous_login_method: row
                .previous_login_method
                .as_deref()
                .map(LoginMethod::try_from)
                .transpose()?,
            email_proven: row.email_proven_at.is_some(),
        })
    }
}

impl Store {
    pub async fn find_session(
        &self,
        token: &SessionToken,
    ) -> anyhow::Result<Option<SessionRecord>> {
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT token_hash, login_id, stage, created_at, last_seen_at, previous_login_at, previous_login_method, email_proven_at \
             FROM sessions WHERE token_hash = $1",
        )
        .bind(token.hash())
        .fetch_optional(&self.pool)
        .await?;
        row.map(SessionRecord::try_from).transpose()
    }

    pub async fn touch_session(&self, token_hash: &str, at: Timestamp) -> anyhow::Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(at.as_millisecond())
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl Change {
    pub async fn create_session(
        &mut self,
        session: NewSession<'_>,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let now = at.as_millisecond();
        sqlx::query("INSERT INTO sessions (token_hash, login_id, stage, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(session.token.hash())
            .bind(session.login_id.as_str())
            .bind(session.stage.as_str())
            .bind(now)
            .bind(now)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// The second factor passed: the half session ends and a full one with a new token begins
    /// (rotation), remembering the log-in before this one. Answers false if the half session
    /// was already used (two requests racing).
    pub async fn complete_session(
        &mut self,
        half: &SessionRecord,
        token: &SessionToken,
        previous: (Option<i64>, Option<LoginMethod>),
        at: Timestamp,
    ) -> anyhow::Result<bool> {
        let now = at.as_millisecond();
        let ended = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&half.token_hash)
            .execute(self.conn())
            .await?
            .rows_affected();
        if ended != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO sessions (token_hash, login_id, stage, created_at, last_seen_at, previous_login_at, previous_login_method) \
             VALUES ($1, $2, 'AUTHENTICATED', $3, $3, $4, $5)",
        )
        .bind(token.hash())
        .bind(half.login_id.as_str())
        .bind(now)
        .bind(previous.0)
        .bind(previous.1.map(LoginMethod::as_str))
        .execute(self.conn())
        .await?;
        Ok(true)
    }

    pub async fn end_session(&mut self, token: &SessionToken) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token.hash())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Ends every session and half session of an account (R26b): the one function that a
    /// lock, a new password, and every later change that takes away the right to log in
    /// (disable, delete, archive, soft-token reset) call.
    pub async fn end_sessions_of(&mut self, login_id: &LoginId) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE login_id = $1")
            .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
