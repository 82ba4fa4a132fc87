//! The clearing house's operators (R6a): listed, added and removed under four eyes.

use super::change::EVERYTHING_OF_LOGIN;
use super::{unique, Change, Store};
use crate::domain::{EmailAddress, OperatorId};

/// An operator as the console lists it.
#[derive(Debug, sqlx::FromRow)]
pub struct OperatorRow {
    pub operator_id: String,
    pub name: String,
    pub email: Option<String>,
    pub status: String,
    pub locked_at: Option<i64>,
}

impl Store {
    pub async fn operators(&self) -> anyhow::Result<Vec<OperatorRow>> {
        Ok(sqlx::query_as(
            "SELECT o.operator_id, o.name, o.email, o.status, c.locked_at \
             FROM operators o LEFT JOIN credentials c ON c.login_id = o.operator_id ORDER BY o.operator_id",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}

impl Change {
    pub async fn add_operator(
        &mut self,
        id: &OperatorId,
        name: &str,
        email: Option<&EmailAddress>,
    ) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO operators (operator_id, name, email, status, created_at) VALUES ($1, $2, $3, 'ENABLED', $4)")
            .bind(id.as_str())
            .bind(name)
            .bind(email.map(EmailAddress::as_str))
            .bind(self.at().as_millisecond())
            .execute(self.conn())
            .await
            .map_err(unique("operator"))?;
        sqlx::query("INSERT INTO credentials (login_id) VALUES ($1)")
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn remove_operator(&mut self, id: &OperatorId) -> anyhow::Result<bool> {
        let done = sqlx::query("DELETE FROM operators WHERE operator_id = $1")
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.for_login(id.as_str(), &EVERYTHING_OF_LOGIN).await?;
        Ok(true)
    }
}
