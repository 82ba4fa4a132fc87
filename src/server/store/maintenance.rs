//! A user profile as the DMS maintains it (R4, seed Appendix A): read for "Enquire User
//! Profile" and "Change User Profile - Detail", and written only when a checker authorises a
//! request (R7), each write conditional on the version the request was made on (R8).

use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::{Any, Executor};

use super::change::{EVERYTHING_OF_LOGIN, SECOND_FACTOR_OF_LOGIN};
use super::profiles::KindColumn;
use super::{stored_date, stored_login_id, unique, Change, Store};
use crate::api::{LoginMethod, OtpChannel};
use crate::domain::{
    split_list, ClearingHouse, DaRole, EmailAddress, LoginId, ParticipantId, ProfileDetails,
    ProfileStatus, UserId,
};

/// A profile of a participant with everything the detail screen shows.
#[derive(Debug)]
pub struct StoredProfile {
    pub user_id: LoginId,
    /// `Some` for a DA profile, which DAs may read but never change (R6).
    pub da_role: Option<DaRole>,
    pub details: ProfileDetails,
    pub business_user_groups: Vec<String>,
    pub access_levels: Vec<String>,
    pub srn: Option<String>,
    pub certificate_expiry: Option<Date>,
    pub locked: bool,
    pub otp_channel: Option<OtpChannel>,
    pub last_login_at: Option<Timestamp>,
    pub last_login_method: Option<LoginMethod>,
    pub version: i64,
    /// The request waiting for a checker on this profile, if any.
    pub pending_request: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    user_id: String,
    kind: String,
    da_role: Option<String>,
    status: String,
    surname: String,
    other_names: String,
    email: Option<String>,
    enable_from: String,
    disable_after: Option<String>,
    clearing_houses: String,
    business_user_groups: String,
    access_levels: String,
    srn: Option<String>,
    certificate_expiry: Option<String>,
    version: i64,
    last_login_at: Option<i64>,
    last_login_method: Option<String>,
    locked_at: Option<i64>,
    otp_channel: Option<String>,
    pending_request: Option<String>,
}

impl TryFrom<ProfileRow> for StoredProfile {
    type Error = anyhow::Error;

    fn try_from(row: ProfileRow) -> anyhow::Result<Self> {
        let da_role = match (KindColumn::try_from(row.kind.as_str())?, row.da_role) {
            (KindColumn::Da | KindColumn::User, Some(role)) => {
                Some(DaRole::try_from(role.as_str())?)
            }
            (KindColumn::User, None) => None,
            other => anyhow::bail!("stored profile kind and DA role {other:?}"),
        };
        let clearing_houses = split_list(&row.clearing_houses)
            .iter()
            .map(|raw| ClearingHouse::try_from(raw.as_str()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            user_id: stored_login_id(&row.user_id)?,
            da_role,
            details: ProfileDetails {
                status: ProfileStatus::try_from(row.status.as_str())?,
                surname: row.surname,
                other_names: row.other_names,
                email: row
                    .email
                    .as_deref()
                    .map(EmailAddress::parse)
                    .transpose()
                    .map_err(|e| anyhow::anyhow!("stored e-mail of {}: {e}", row.user_id))?,
                enable_from: stored_date(&row.enable_from)?,
                disable_after: row.disable_after.as_deref().map(stored_date).transpose()?,
                clearing_houses,
            },
            business_user_groups: split_list(&row.business_user_groups),
            access_levels: split_list(&row.access_levels),
            srn: row.srn,
            certificate_expiry: row
                .certificate_expiry
                .as_deref()
                .map(stored_date)
                .transpose()?,
            locked: row.locked_at.is_some(),
            otp_channel: row
                .otp_channel
                .as_deref()
                .map(OtpChannel::try_from)
                .transpose()?,
            last_login_at: row
                .last_login_at
                .map(Timestamp::from_millisecond)
                .transpose()?,
            last_login_method: row
                .last_login_method
                .as_deref()
                .map(LoginMethod::try_from)
                .transpose()?,
            version: row.version,
            pending_request: row.pending_request,
        })
    }
}

async fn profile_of<'e>(
    db: impl Executor<'e, Database = Any>,
    participant: &ParticipantId,
    user_id: &LoginId,
) -> anyhow::Result<Option<StoredProfile>> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT p.user_id, p.kind, p.da_role, p.status, p.surname, p.other_names, p.email, p.enable_from, \
         p.disable_after, p.clearing_houses, p.business_user_groups, p.access_levels, p.srn, \
         p.certificate_expiry, p.version, p.last_login_at, p.last_login_method, c.locked_at, c.otp_channel, \
         (SELECT r.request_id FROM change_requests r WHERE r.target_user_id = p.user_id AND r.status = 'PENDING') \
         AS pending_request \
         FROM profiles p JOIN credentials c ON c.login_id = p.user_id \
         WHERE p.user_id = $1 AND p.participant_id = $2",
    )
    .bind(user_id.as_str())
    .bind(participant.as_str())
    .fetch_optional(db)
    .await?;
    row.map(StoredProfile::try_from).transpose()
}

fn joined(houses: &[ClearingHouse]) -> String {
    houses
        .iter()
        .map(|h| h.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    /// A profile of `participant`; another participant's is as absent as a missing one (R26).
    pub async fn participant_profile(
        &self,
        participant: &ParticipantId,
        user_id: &LoginId,
    ) -> anyhow::Result<Option<StoredProfile>> {
        profile_of(&self.pool, participant, user_id).await
    }
}

impl Change {
    pub async fn participant_profile(
        &mut self,
        participant: &ParticipantId,
        user_id: &LoginId,
    ) -> anyhow::Result<Option<StoredProfile>> {
        profile_of(self.conn(), participant, user_id).await
    }

    /// Whether any profile, of any participant, has this ID (R3: unique).
    pub async fn profile_exists(&mut self, user_id: &UserId) -> anyhow::Result<bool> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT user_id FROM profiles WHERE user_id = $1")
                .bind(user_id.as_str())
                .fetch_optional(self.conn())
                .await?;
        Ok(row.is_some())
    }

    /// A new user profile (R3, R4): no password and no second factor yet, so its first log-in
    /// goes through "Forgot/Reset your Password" (R17). An ID taken meanwhile is `AlreadyExists`.
    pub async fn create_user_profile(
        &mut self,
        user_id: &UserId,
        details: &ProfileDetails,
    ) -> anyhow::Result<()> {
        let now = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO profiles (user_id, participant_id, kind, da_role, status, surname, other_names, email, \
             enable_from, disable_after, clearing_houses, business_user_groups, access_levels, version, \
             created_at, updated_at) \
             VALUES ($1, $2, 'USER', NULL, $3, $4, $5, $6, $7, $8, $9, '', '', 1, $10, $10)",
        )
        .bind(user_id.as_str())
        .bind(user_id.participant().as_str())
        .bind(details.status.as_str())
        .bind(&details.surname)
        .bind(&details.other_names)
        .bind(details.email.as_ref().map(EmailAddress::as_str))
        .bind(details.enable_from.to_string())
        .bind(details.disable_after.map(|d| d.to_string()))
        .bind(joined(&details.clearing_houses))
        .bind(now)
        .execute(self.conn())
        .await
        .map_err(unique("profile"))?;
        sqlx::query("INSERT INTO credentials (login_id) VALUES ($1)")
            .bind(user_id.as_str())
            .execute(self.conn())
            .await?;
        self.replace_archived(user_id.as_str()).await?;
        Ok(())
    }

    /// R16: a DA profile's business user groups, if it is still at `version`.
    pub async fn set_business_groups(
        &mut self,
        da: &LoginId,
        version: i64,
        groups: &[String],
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE profiles SET business_user_groups = $1, version = version + 1, updated_at = $2 \
             WHERE user_id = $3 AND version = $4 AND kind = 'DA'",
        )
        .bind(groups.join(","))
        .bind(self.at().as_millisecond())
        .bind(da.as_str())
        .bind(version)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Writes the DA-maintained fields if the profile is still at `version`; `false` if it
    /// moved on (or went) since the request was made.
    pub async fn update_user_details(
        &mut self,
        user_id: &LoginId,
        version: i64,
        details: &ProfileDetails,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE profiles SET status = $1, surname = $2, other_names = $3, email = $4, enable_from = $5, \
             disable_after = $6, clearing_houses = $7, version = version + 1, updated_at = $8 \
             WHERE user_id = $9 AND version = $10 AND kind = 'USER'",
        )
        .bind(details.status.as_str())
        .bind(&details.surname)
        .bind(&details.other_names)
        .bind(details.email.as_ref().map(EmailAddress::as_str))
        .bind(details.enable_from.to_string())
        .bind(details.disable_after.map(|d| d.to_string()))
        .bind(joined(&details.clearing_houses))
        .bind(self.at().as_millisecond())
        .bind(user_id.as_str())
        .bind(version)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves a user profile on from `version` without changing its fields (unlock, soft-token
    /// reset), so a request made on the old version can no longer apply.
    async fn bump_version(&mut self, user_id: &LoginId, version: i64) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE profiles SET version = version + 1, updated_at = $1 \
             WHERE user_id = $2 AND version = $3 AND kind = 'USER'",
        )
        .bind(self.at().as_millisecond())
        .bind(user_id.as_str())
        .bind(version)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// R24: the lock and its count of failures go.
    pub async fn unlock_user(&mut self, user_id: &LoginId, version: i64) -> anyhow::Result<bool> {
        if !self.bump_version(user_id, version).await? {
            return Ok(false);
        }
        self.for_login(
            user_id.as_str(),
            &["UPDATE credentials SET failed_attempts = 0, locked_at = NULL WHERE login_id = $1"],
        )
        .await?;
        Ok(true)
    }

    /// A lost phone: the device, the channel and the recovery codes go, so the next log-in
    /// registers a device again (R26a); the password stays.
    pub async fn reset_soft_token(
        &mut self,
        user_id: &LoginId,
        version: i64,
    ) -> anyhow::Result<bool> {
        if !self.bump_version(user_id, version).await? {
            return Ok(false);
        }
        self.for_login(user_id.as_str(), &SECOND_FACTOR_OF_LOGIN)
            .await?;
        Ok(true)
    }

    /// The profile and its secrets go; its history stays in the audit trail, and the ID is
    /// free to be created again (seed 3.3).
    pub async fn delete_user_profile(
        &mut self,
        user_id: &LoginId,
        version: i64,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "DELETE FROM profiles WHERE user_id = $1 AND version = $2 AND kind = 'USER'",
        )
        .bind(user_id.as_str())
        .bind(version)
        .execute(self.conn())
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.for_login(user_id.as_str(), &EVERYTHING_OF_LOGIN)
            .await?;
        Ok(true)
    }
}
