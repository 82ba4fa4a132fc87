//! DA profiles as operators keep them (R2, R6): listed, created, deleted, changed, given an
//! e-mail; a user's profile given DA functions (Table 1).

use jiff::civil::Date;

use super::change::EVERYTHING_OF_LOGIN;
use super::{unique, Change, Store};
use crate::domain::{DaRole, DaUserId, EmailAddress, LoginId, ParticipantId};

/// A DA profile as the console lists it.
#[derive(Debug, sqlx::FromRow)]
pub struct DaRow {
    pub user_id: String,
    pub da_role: Option<String>,
    pub status: String,
    pub surname: String,
    pub other_names: String,
    pub email: Option<String>,
    pub enable_from: String,
    pub disable_after: Option<String>,
    pub locked_at: Option<i64>,
}

/// A DA profile to create (R2, R6): its role is fixed here, for good.
pub struct NewDa<'a> {
    pub id: &'a DaUserId,
    pub role: DaRole,
    pub surname: &'a str,
    pub other_names: &'a str,
    pub email: Option<&'a EmailAddress>,
    pub enable_from: Date,
}
impl Store {
    pub async fn das_of(&self, participant: &ParticipantId) -> anyhow::Result<Vec<DaRow>> {
        Ok(sqlx::query_as(
            "SELECT p.user_id, p.da_role, p.status, p.surname, p.other_names, p.email, p.enable_from, \
             p.disable_after, c.locked_at \
             FROM profiles p LEFT JOIN credentials c ON c.login_id = p.user_id \
             WHERE p.participant_id = $1 AND p.kind = 'DA' ORDER BY p.user_id",
        )
        .bind(participant.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn da(&self, id: &DaUserId) -> anyhow::Result<Option<DaRow>> {
        Ok(sqlx::query_as(
            "SELECT p.user_id, p.da_role, p.status, p.surname, p.other_names, p.email, p.enable_from, \
             p.disable_after, c.locked_at \
             FROM profiles p LEFT JOIN credentials c ON c.login_id = p.user_id \
             WHERE p.user_id = $1 AND p.kind = 'DA'",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }
}

impl Change {
    pub async fn create_da(&mut self, da: &NewDa<'_>) -> anyhow::Result<()> {
        let now = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO profiles (user_id, participant_id, kind, da_role, status, surname, other_names, email, \
             enable_from, clearing_houses, business_user_groups, access_levels, version, created_at, updated_at) \
             VALUES ($1, $2, 'DA', $3, 'ENABLED', $4, $5, $6, $7, 'CASH', '', 'EE', 1, $8, $8)",
        )
        .bind(da.id.as_str())
        .bind(da.id.participant().as_str())
        .bind(da.role.as_str())
        .bind(da.surname)
        .bind(da.other_names)
        .bind(da.email.map(EmailAddress::as_str))
        .bind(da.enable_from.to_string())
        .bind(now)
        .execute(self.conn())
        .await
        .map_err(unique("profile"))?;
        sqlx::query("INSERT INTO credentials (login_id) VALUES ($1)")
            .bind(da.id.as_str())
            .execute(self.conn())
            .await?;
        self.replace_archived(da.id.as_str()).await?;
        Ok(())
    }

    /// The DA goes with its secrets and sessions; the DMS requests it made are withdrawn.
    pub async fn delete_da(&mut self, id: &DaUserId) -> anyhow::Result<bool> {
        let done = sqlx::query("DELETE FROM profiles WHERE user_id = $1 AND kind = 'DA'")
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.withdraw_requests_made_by(&LoginId::Da(id.clone()))
            .await?;
        self.for_login(id.as_str(), &EVERYTHING_OF_LOGIN).await?;
        Ok(true)
    }

    /// A DA's names, status and dates (R6); a disabled DA's sessions end (R26b) and the DMS
    /// requests they made are withdrawn.
    pub async fn change_da(
        &mut self,
        id: &DaUserId,
        details: &crate::domain::ProfileDetails,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE profiles SET status = $1, surname = $2, other_names = $3, enable_from = $4, disable_after = $5, \
             version = version + 1, updated_at = $6 WHERE user_id = $7 AND kind = 'DA'",
        )
        .bind(details.status.as_str())
        .bind(&details.surname)
        .bind(&details.other_names)
        .bind(details.enable_from.to_string())
        .bind(details.disable_after.map(|d| d.to_string()))
        .bind(self.at().as_millisecond())
        .bind(id.as_str())
        .execute(self.conn())
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        if details.status == crate::domain::ProfileStatus::Disabled {
            self.withdraw_requests_made_by(&LoginId::Da(id.clone()))
                .await?;
        }
        // R26b: dates that no longer admit the DA today end their sessions, as disable does.
        let window = crate::domain::LoginWindow {
            status: details.status,
            enable_from: details.enable_from,
            disable_after: details.disable_after,
        };
        if window
            .check(crate::domain::hong_kong::date(self.at()))
            .is_err()
        {
            self.for_login(id.as_str(), &["DELETE FROM sessions WHERE login_id = $1"])
                .await?;
        }
        Ok(true)
    }

    /// Sets a DA's e-mail if it is still `before` (R6: only the operator does).
    pub async fn set_da_email(
        &mut self,
        id: &DaUserId,
        before: Option<&str>,
        after: Option<&EmailAddress>,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE profiles SET email = $1, version = version + 1, updated_at = $2 \
             WHERE user_id = $3 AND kind = 'DA' AND COALESCE(email, '') = $4",
        )
        .bind(after.map(EmailAddress::as_str))
        .bind(self.at().as_millisecond())
        .bind(id.as_str())
        .bind(before.unwrap_or(""))
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Table 1: a user's profile gains a DA role and the security management access level; `false`
    /// when it is gone or holds a role already.
    pub async fn add_da_functions(&mut self, user: &LoginId, role: DaRole) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE profiles SET da_role = $1, access_levels = 'EE', version = version + 1, updated_at = $2 \
             WHERE user_id = $3 AND kind = 'USER' AND da_role IS NULL",
        )
        .bind(role.as_str())
        .bind(self.at().as_millisecond())
        .bind(user.as_str())
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
