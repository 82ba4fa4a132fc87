//! Participants, profiles, operators and their credentials.

use anyhow::Context;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::{Any, Executor, Row};

use super::{stored_date, unique, Change, Store, TotpState};
use crate::api::{Home, LoginMethod, OtpChannel};
use crate::domain::{DaRole, EmailAddress, LoginId, LoginWindow, ParticipantId, ProfileStatus};
use crate::i18n::Language;
use crate::server::security::password::PasswordHash;
use crate::server::security::secrets::Column;
use crate::stored_names::stored_names;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileKind {
    User,
    DaMaker,
    DaChecker,
}

pub struct NewParticipant<'a> {
    pub id: &'a ParticipantId,
    pub name: &'a str,
    pub kind: &'a str,
    /// R27: the participant whose DAs maintain this settlement agent's users' e-mails.
    pub principal: Option<&'a ParticipantId>,
}

pub struct NewProfile<'a> {
    pub id: &'a LoginId,
    pub kind: ProfileKind,
    pub surname: &'a str,
    pub other_names: &'a str,
    pub email: Option<&'a EmailAddress>,
    pub enable_from: Date,
    pub clearing_houses: &'a str,
    pub business_user_groups: &'a str,
    pub access_levels: &'a str,
    pub srn: Option<&'a str>,
    pub certificate_expiry: Option<Date>,
}

pub struct NewOperator<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub email: Option<&'a EmailAddress>,
}

/// What log-in needs of a profile: its login window and credentials.
#[derive(Debug)]
pub struct LoginRecord {
    pub window: LoginWindow,
    pub email: Option<String>,
    pub password_hash: Option<PasswordHash>,
    pub otp_channel: Option<OtpChannel>,
    pub locked: bool,
    /// The app device, read with the rest so that a code's check needs no second query.
    pub totp: TotpState,
}

/// Where and how a person is told of changes to their log-in (R26d).
pub struct Contact {
    pub email: Option<String>,
    pub language: Option<Language>,
}

/// Who a signed-in person is, for the home page.
pub struct ProfileSummary {
    pub surname: String,
    pub other_names: String,
    pub home: Home,
    pub otp_channel: Option<OtpChannel>,
    /// The participant's policy lets its users receive codes by e-mail (issue 17); operators'
    /// always do. Read in the same query, so the session check stays three reads.
    pub email_otp_allowed: bool,
}

/// `profiles.kind` (a user or a DA), or `OPERATOR` where a query reads `operators` beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KindColumn {
    User,
    Da,
    Operator,
}

stored_names!(KindColumn {
    User => "USER",
    Da => "DA",
    Operator => "OPERATOR",
});

/// The home a stored kind leads to.
fn home_of(kind: &str) -> anyhow::Result<Home> {
    Ok(match KindColumn::try_from(kind)? {
        KindColumn::User => Home::Terminal,
        KindColumn::Da => Home::Dms,
        KindColumn::Operator => Home::Operator,
    })
}

/// A row of the log-in query, as stored.
#[derive(sqlx::FromRow)]
struct LoginRow {
    status: String,
    enable_from: String,
    disable_after: Option<String>,
    email: Option<String>,
    password_hash: Option<String>,
    otp_channel: Option<String>,
    locked_at: Option<i64>,
    totp_secret: Option<String>,
    totp_pending_secret: Option<String>,
    totp_pending_at: Option<i64>,
    totp_last_step: Option<i64>,
}

impl LoginRow {
    /// The record, its TOTP secrets opened with `store`'s keys.
    fn into_record(self, store: &Store) -> anyhow::Result<LoginRecord> {
        let row = self;
        let open = |stored: Option<String>| -> anyhow::Result<Option<String>> {
            stored
                .map(|s| store.open(Column::TotpSecret, &s))
                .transpose()
        };
        let (active, pending) = (open(row.totp_secret)?, open(row.totp_pending_secret)?);
        Ok(LoginRecord {
            window: LoginWindow {
                status: ProfileStatus::try_from(row.status.as_str())?,
                enable_from: stored_date(&row.enable_from)?,
                disable_after: row.disable_after.as_deref().map(stored_date).transpose()?,
            },
            email: row.email,
            password_hash: row.password_hash.map(PasswordHash::from_stored),
            otp_channel: row
                .otp_channel
                .as_deref()
                .map(OtpChannel::try_from)
                .transpose()?,
            locked: row.locked_at.is_some(),
            totp: TotpState::from_columns(
                active.as_deref(),
                pending.as_deref(),
                row.totp_pending_at,
                row.totp_last_step,
            ),
        })
    }
}

impl Store {
    pub async fn insert_participant(&self, p: NewParticipant<'_>) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO participants (participant_id, name, kind, principal_participant_id) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(p.id.as_str())
        .bind(p.name)
        .bind(p.kind)
        .bind(p.principal.map(ParticipantId::as_str))
        .execute(&self.pool)
        .await
        .map_err(unique("participant"))?;
        Ok(())
    }

    pub async fn count_participants(&self) -> anyhow::Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM participants")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    pub async fn insert_profile(&self, p: NewProfile<'_>, at: Timestamp) -> anyhow::Result<()> {
        let (kind, role) = match p.kind {
            ProfileKind::User => (KindColumn::User, None),
            ProfileKind::DaMaker => (KindColumn::Da, Some(DaRole::Maker)),
            ProfileKind::DaChecker => (KindColumn::Da, Some(DaRole::Checker)),
        };
        let now = at.as_millisecond();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO profiles (user_id, participant_id, kind, da_role, status, surname, other_names, email, \
             enable_from, clearing_houses, business_user_groups, access_levels, srn, certificate_expiry, \
             version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'ENABLED', $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)",
        )
        .bind(p.id.as_str())
        .bind(
            p.id.participant()
                .context("an operator has no participant's profile")?
                .as_str(),
        )
        .bind(kind.as_str())
        .bind(role.map(DaRole::as_str))
        .bind(p.surname)
        .bind(p.other_names)
        .bind(p.email.map(EmailAddress::as_str))
        .bind(p.enable_from.to_string())
        .bind(p.clearing_houses)
        .bind(p.business_user_groups)
        .bind(p.access_levels)
        .bind(p.srn)
        .bind(p.certificate_expiry.map(|d| d.to_string()))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(unique("profile"))?;
        sqlx::query("INSERT INTO credentials (login_id) VALUES ($1)")
            .bind(p.id.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn insert_operator(&self, o: NewOperator<'_>, at: Timestamp) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO operators (operator_id, name, email, status, created_at) VALUES ($1, $2, $3, 'ENABLED', $4)")
            .bind(o.id)
            .bind(o.name)
            .bind(o.email.map(EmailAddress::as_str))
            .bind(at.as_millisecond())
            .execute(&mut *tx)
            .await
            .map_err(unique("operator"))?;
        sqlx::query("INSERT INTO credentials (login_id) VALUES ($1)")
            .bind(o.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The same password in its normalised form, replacing a hash from before normalisation.
    pub async fn rehash_password(
        &self,
        login_id: &LoginId,
        hash: &PasswordHash,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE credentials SET password_hash = $1 WHERE login_id = $2")
            .bind(hash.as_stored())
            .bind(login_id.as_str())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn find_login(&self, id: &LoginId) -> anyhow::Result<Option<LoginRecord>> {
        // An operator has no dates of its own: its window is its status.
        let statement = match id {
            LoginId::Operator(_) => {
                "SELECT o.status, '2000-01-01' AS enable_from, NULL AS disable_after, o.email, \
                 c.password_hash, c.otp_channel, c.locked_at, c.totp_secret, c.totp_pending_secret, \
                 c.totp_pending_at, c.totp_last_step \
                 FROM operators o JOIN credentials c ON c.login_id = o.operator_id WHERE o.operator_id = $1"
            }
            LoginId::User(_) | LoginId::Da(_) => {
                "SELECT p.status, p.enable_from, p.disable_after, p.email, c.password_hash, c.otp_channel, c.locked_at, \
                 c.totp_secret, c.totp_pending_secret, c.totp_pending_at, c.totp_last_step \
                 FROM profiles p JOIN credentials c ON c.login_id = p.user_id WHERE p.user_id = $1"
            }
        };
        let row: Option<LoginRow> = sqlx::query_as(statement)
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| row.into_record(self)).transpose()
    }

    pub async fn profile_summary(
        &self,
        login_id: &LoginId,
    ) -> anyhow::Result<Option<ProfileSummary>> {
        summary_of(&self.pool, login_id).await
    }

    pub async fn contact(&self, login_id: &LoginId) -> anyhow::Result<Option<Contact>> {
        contact_of(&self.pool, login_id).await
    }
}

impl Change {
    pub async fn profile_summary(
        &mut self,
        login_id: &LoginId,
    ) -> anyhow::Result<Option<ProfileSummary>> {
        summary_of(self.conn(), login_id).await
    }

    pub async fn contact(&mut self, login_id: &LoginId) -> anyhow::Result<Option<Contact>> {
        contact_of(self.conn(), login_id).await
    }

    /// Records a completed log-in; answers the one before it (time in ms, method).
    pub async fn record_login(
        &mut self,
        login_id: &LoginId,
        method: LoginMethod,
        at: Timestamp,
    ) -> anyhow::Result<(Option<i64>, Option<LoginMethod>)> {
        let (table, key) = match login_id {
            LoginId::Operator(_) => ("operators", "operator_id"),
            LoginId::User(_) | LoginId::Da(_) => ("profiles", "user_id"),
        };
        let row = sqlx::query(&format!(
            "SELECT last_login_at, last_login_method FROM {table} WHERE {key} = $1"
        ))
        .bind(login_id.as_str())
        .fetch_one(self.conn())
        .await?;
        let previous_at: Option<i64> = row.try_get("last_login_at")?;
        let previous_method: Option<String> = row.try_get("last_login_method")?;
        let previous_method = previous_method
            .as_deref()
            .map(LoginMethod::try_from)
            .transpose()?;
        // R29: the first 2FA log-in stays on record whatever comes after it.
        let first_two_factor = if table == "profiles" && method != LoginMethod::Smartcard {
            ", first_two_factor_login_at = COALESCE(first_two_factor_login_at, $1)"
        } else {
            ""
        };
        sqlx::query(&format!(
            "UPDATE {table} SET last_login_at = $1, last_login_method = $2{first_two_factor} WHERE {key} = $3"
        ))
        .bind(at.as_millisecond())
        .bind(method.as_str())
        .bind(login_id.as_str())
        .execute(self.conn())
        .await?;
        Ok((previous_at, previous_method))
    }

    /// Sets a password and keeps it in the history that the reuse rule reads.
    pub async fn set_password(
        &mut self,
        login_id: &LoginId,
        hash: &PasswordHash,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let now = at.as_millisecond();
        sqlx::query("UPDATE credentials SET password_hash = $1, password_changed_at = $2 WHERE login_id = $3")
            .bind(hash.as_stored())
            .bind(now)
            .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO password_history (login_id, password_hash, set_at) VALUES ($1, $2, $3)",
        )
        .bind(login_id.as_str())
        .bind(hash.as_stored())
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

async fn summary_of<'e>(
    db: impl Executor<'e, Database = Any>,
    login_id: &LoginId,
) -> anyhow::Result<Option<ProfileSummary>> {
    let row: Option<SummaryRow> = sqlx::query_as(
        // A user with DA group functions works in the DMS first (Table 1, after the cut-over).
        "SELECT p.surname, p.other_names, CASE WHEN p.da_role IS NULL THEN p.kind ELSE 'DA' END AS kind, \
         c.otp_channel, COALESCE((SELECT f.email_otp_allowed FROM participant_factor_policies f \
         WHERE f.participant_id = p.participant_id), 1) AS email_otp_allowed \
         FROM profiles p JOIN credentials c ON c.login_id = p.user_id WHERE p.user_id = $1 \
         UNION ALL SELECT o.name, '', 'OPERATOR', c.otp_channel, CAST(1 AS BIGINT) \
         FROM operators o JOIN credentials c ON c.login_id = o.operator_id WHERE o.operator_id = $1",
    )
    .bind(login_id.as_str())
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(ProfileSummary {
        surname: row.surname,
        other_names: row.other_names,
        home: home_of(&row.kind)?,
        otp_channel: row
            .otp_channel
            .as_deref()
            .map(OtpChannel::try_from)
            .transpose()?,
        email_otp_allowed: row.email_otp_allowed != 0,
    }))
}

/// A row of the summary query, as stored.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    surname: String,
    other_names: String,
    kind: String,
    otp_channel: Option<String>,
    email_otp_allowed: i64,
}

async fn contact_of<'e>(
    db: impl Executor<'e, Database = Any>,
    login_id: &LoginId,
) -> anyhow::Result<Option<Contact>> {
    let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT p.email, c.language FROM profiles p JOIN credentials c ON c.login_id = p.user_id WHERE p.user_id = $1 \
         UNION ALL SELECT o.email, c.language FROM operators o JOIN credentials c ON c.login_id = o.operator_id \
         WHERE o.operator_id = $1",
    )
    .bind(login_id.as_str())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(email, language)| Contact {
        email,
        language: language.as_deref().and_then(Language::from_tag),
    }))
}
