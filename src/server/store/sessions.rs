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
    /// The `sid` of the session this log-in continues (the same person logging in again in
    /// the same browser), so that applications keep it; `None`: a new one at completion.
    pub sid: Option<&'a str>,
}

/// What a completed log-in records of itself: the tokens of its two cookies and how it was
/// proven, for the provider's `auth_time`, `amr` and `acr`.
pub struct Proof<'a> {
    pub token: &'a SessionToken,
    pub provider_token: &'a SessionToken,
    pub method: LoginMethod,
    /// The passkey used may be synced to other devices.
    pub passkey_synced: bool,
}

/// A new session's stable ID: 128 random bits, sent to applications as `sid`.
pub fn new_sid() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
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
    /// The provider's view: the stable ID, how and when the log-in completed.
    pub sid: Option<String>,
    pub login_method: Option<LoginMethod>,
    pub passkey_synced: bool,
    pub auth_time: Option<i64>,
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
    sid: Option<String>,
    login_method: Option<String>,
    passkey_synced: Option<i64>,
    auth_time: Option<i64>,
}

const COLUMNS: &str = "token_hash, login_id, stage, created_at, last_seen_at, previous_login_at, \
    previous_login_method, email_proven_at, sid, login_method, passkey_synced, auth_time";

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
            sid: row.sid,
            login_method: row
                .login_method
                .as_deref()
                .map(LoginMethod::try_from)
                .transpose()?,
            passkey_synced: row.passkey_synced.unwrap_or(0) != 0,
            auth_time: row.auth_time,
        })
    }
}

impl Store {
    pub async fn find_session(
        &self,
        token: &SessionToken,
    ) -> anyhow::Result<Option<SessionRecord>> {
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM sessions WHERE token_hash = $1"
        ))
        .bind(token.hash())
        .fetch_optional(&self.pool)
        .await?;
        row.map(SessionRecord::try_from).transpose()
    }

    /// The full session the provider cookie carries, if any.
    pub async fn find_provider_session(
        &self,
        token: &SessionToken,
    ) -> anyhow::Result<Option<SessionRecord>> {
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM sessions WHERE provider_token_hash = $1 AND stage = 'AUTHENTICATED'"
        ))
        .bind(token.hash())
        .fetch_optional(&self.pool)
        .await?;
        row.map(SessionRecord::try_from).transpose()
    }

    /// The full session of `sid`, if it has not ended.
    pub async fn session_by_sid(&self, sid: &str) -> anyhow::Result<Option<SessionRecord>> {
        let row: Option<SessionRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM sessions WHERE sid = $1 AND stage = 'AUTHENTICATED'"
        ))
        .bind(sid)
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
        sqlx::query("INSERT INTO sessions (token_hash, login_id, stage, created_at, last_seen_at, sid) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(session.token.hash())
            .bind(session.login_id.as_str())
            .bind(session.stage.as_str())
            .bind(now)
            .bind(now)
            .bind(session.sid)
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
        proof: &Proof<'_>,
        previous: (Option<i64>, Option<LoginMethod>),
    ) -> anyhow::Result<bool> {
        let ended = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&half.token_hash)
            .execute(self.conn())
            .await?
            .rows_affected();
        if ended != 1 {
            return Ok(false);
        }
        let login_id = half.login_id.clone();
        self.create_full_session(proof, &login_id, half.sid.as_deref(), previous)
            .await?;
        Ok(true)
    }

    /// A full session begins: the log-in proven by `proof`, continuing `sid` or a new one.
    pub async fn create_full_session(
        &mut self,
        proof: &Proof<'_>,
        login_id: &LoginId,
        sid: Option<&str>,
        previous: (Option<i64>, Option<LoginMethod>),
    ) -> anyhow::Result<()> {
        let now = self.at().as_millisecond();
        let sid = sid.map_or_else(new_sid, str::to_owned);
        sqlx::query(
            "INSERT INTO sessions (token_hash, login_id, stage, created_at, last_seen_at, \
             previous_login_at, previous_login_method, sid, login_method, passkey_synced, \
             auth_time, provider_token_hash) \
             VALUES ($1, $2, 'AUTHENTICATED', $3, $3, $4, $5, $6, $7, $8, $3, $9)",
        )
        .bind(proof.token.hash())
        .bind(login_id.as_str())
        .bind(now)
        .bind(previous.0)
        .bind(previous.1.map(LoginMethod::as_str))
        .bind(sid)
        .bind(proof.method.as_str())
        .bind(i64::from(proof.passkey_synced))
        .bind(proof.provider_token.hash())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The `sid` of the full session `token` holds, if it is `login_id`'s: a log-in by the
    /// same person in the same browser continues it.
    pub async fn continued_sid(
        &mut self,
        token: &SessionToken,
        login_id: &LoginId,
    ) -> anyhow::Result<Option<String>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT sid FROM sessions WHERE token_hash = $1 AND login_id = $2")
                .bind(token.hash())
                .bind(login_id.as_str())
                .fetch_optional(self.conn())
                .await?;
        Ok(row.and_then(|(sid,)| sid))
    }

    pub async fn end_session(&mut self, token: &SessionToken) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token.hash())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Ends the session `sid` (both its cookies); answers whose it was.
    pub async fn end_session_by_sid(&mut self, sid: &str) -> anyhow::Result<Option<LoginId>> {
        let ended: Option<(String,)> =
            sqlx::query_as("DELETE FROM sessions WHERE sid = $1 RETURNING login_id")
                .bind(sid)
                .fetch_optional(self.conn())
                .await?;
        ended.map(|(id,)| stored_login_id(&id)).transpose()
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
