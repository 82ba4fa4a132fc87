//! Sessions (R26), looked up by the hash of their token.

use jiff::Timestamp;

use super::Store;
use crate::server::session::{SessionStage, SessionToken};

pub struct NewSession<'a> {
    pub token: &'a SessionToken,
    pub login_id: &'a str,
    pub stage: SessionStage,
}

impl Store {
    pub async fn create_session(
        &self,
        session: NewSession<'_>,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let now = at.as_millisecond();
        sqlx::query("INSERT INTO sessions (token_hash, login_id, stage, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(session.token.hash())
            .bind(session.login_id)
            .bind(session.stage.as_str())
            .bind(now)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Log-in rotates the session: whatever the browser held before is ended.
    pub async fn end_session(&self, token: &SessionToken) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token.hash())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
