//! What the operator console writes (R6, R6a, R12): operators' four-eyes requests, DA
//! profiles, operators, participants, the phase and the holiday calendar. Each write is part of
//! a [`Change`], so an approval and its effect commit together.

use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::{Any, Executor};

use super::change::{EVERYTHING_OF_LOGIN, SECOND_FACTOR_OF_LOGIN};
use super::holidays::Holiday;
use super::{new_row_id, stored_login_id, unique, Change, Store};
use crate::domain::{
    DaRole, DaUserId, EmailAddress, LoginId, MigrationPhase, OperatorId, ParticipantId,
    RequestStatus,
};
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

fn json(raw: Option<&str>) -> anyhow::Result<Option<serde_json::Value>> {
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

/// An operator as the console lists it.
#[derive(Debug, sqlx::FromRow)]
pub struct OperatorRow {
    pub operator_id: String,
    pub name: String,
    pub email: Option<String>,
    pub status: String,
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

    pub async fn participant_exists(&self, id: &ParticipantId) -> anyhow::Result<bool> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT participant_id FROM participants WHERE participant_id = $1")
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

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

    pub async fn operators(&self) -> anyhow::Result<Vec<OperatorRow>> {
        Ok(sqlx::query_as(
            "SELECT o.operator_id, o.name, o.email, o.status, c.locked_at \
             FROM operators o LEFT JOIN credentials c ON c.login_id = o.operator_id ORDER BY o.operator_id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// The whole calendar, by day.
    pub async fn holidays(&self) -> anyhow::Result<Vec<Holiday>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT day, name FROM holidays ORDER BY day")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(day, name)| {
                Ok(Holiday {
                    day: day
                        .parse()
                        .map_err(|e| anyhow::anyhow!("stored holiday {day:?}: {e}"))?,
                    name,
                })
            })
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

    /// R12: moves the phase if it is still `from`.
    pub async fn move_phase(
        &mut self,
        from: MigrationPhase,
        to: MigrationPhase,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE system_state SET migration_phase = $1, phase_changed_at = $2 \
             WHERE singleton = 1 AND migration_phase = $3",
        )
        .bind(to.as_str())
        .bind(self.at().as_millisecond())
        .bind(from.as_str())
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

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

    /// R24: the operator unlocks a DA or another operator.
    pub async fn unlock_login(&mut self, id: &LoginId) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE credentials SET failed_attempts = 0, locked_at = NULL WHERE login_id = $1 AND locked_at IS NOT NULL",
        )
        .bind(id.as_str())
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A DA's lost phone: the next log-in registers a device again.
    pub async fn reset_second_factor(&mut self, id: &LoginId) -> anyhow::Result<()> {
        self.for_login(id.as_str(), &SECOND_FACTOR_OF_LOGIN).await?;
        self.for_login(id.as_str(), &["DELETE FROM sessions WHERE login_id = $1"])
            .await?;
        Ok(())
    }

    pub async fn create_participant(
        &mut self,
        id: &ParticipantId,
        name: &str,
        kind: &str,
        principal: Option<&ParticipantId>,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO participants (participant_id, name, kind, principal_participant_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.as_str())
        .bind(name)
        .bind(kind)
        .bind(principal.map(ParticipantId::as_str))
        .execute(self.conn())
        .await
        .map_err(unique("participant"))?;
        Ok(())
    }

    /// Replaces the whole holiday calendar (R11) with `holidays`.
    pub async fn replace_holidays(&mut self, holidays: &[Holiday]) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM holidays")
            .execute(self.conn())
            .await?;
        for holiday in holidays {
            sqlx::query("INSERT INTO holidays (day, name) VALUES ($1, $2)")
                .bind(holiday.day.to_string())
                .bind(&holiday.name)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }
}
