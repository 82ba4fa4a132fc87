//! The cut-over to POST_PARALLEL (R15): the dry run's reads, the cut-over itself (one
//! transaction: archive, withdraw, end sessions, clear smartcards, move the phase), and the
//! archive it leaves, whose entries an operator restores or a DA's re-creation replaces.

use jiff::Timestamp;
use sqlx::Row;

use super::change::EVERYTHING_OF_LOGIN;
use super::{Backend, Change, Store};
use crate::domain::{DaRole, MigrationPhase, ParticipantId, ProfileStatus};

/// The profile columns an archive entry keeps, in the order both tables name them.
const PROFILE_COLUMNS: &str = "user_id, participant_id, kind, da_role, status, surname, \
     other_names, email, enable_from, disable_after, clearing_houses, business_user_groups, \
     access_levels, srn, certificate_expiry, version, created_at, updated_at, last_login_at, \
     last_login_method, first_two_factor_login_at, subject, email_verified";

/// The credential columns it keeps (the half-registered device is not worth keeping).
const CREDENTIAL_COLUMNS: &str = "password_hash, password_changed_at, otp_channel, totp_secret, \
     totp_last_step, failed_attempts, locked_at, language, authorisation_key, smartcard_pin_hash";

/// What the cut-over removes: profiles without a registered e-mail.
const REMOVED: &str = "p.email IS NULL";

/// A participant's share of the dry run.
pub struct RemovalCount {
    pub participant: ParticipantId,
    pub name: String,
    pub profiles: i64,
    pub users_removed: i64,
}

/// A DA as the dry run weighs it: removed (no e-mail) or remaining as cover.
pub struct DaStanding {
    pub profile: ArchivableProfile,
    pub role: Option<DaRole>,
    pub removed: bool,
}

/// A profile as the dry run and the archive list it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ArchivableProfile {
    pub user_id: String,
    pub participant_id: String,
    pub kind: String,
    pub surname: String,
    pub other_names: String,
    pub status: String,
    pub last_login_at: Option<i64>,
    pub last_login_method: Option<String>,
}

impl ArchivableProfile {
    pub fn enabled(&self) -> bool {
        ProfileStatus::try_from(self.status.as_str()) == Ok(ProfileStatus::Enabled)
    }
}

/// An archive entry.
#[derive(Clone, Debug)]
pub struct ArchiveEntry {
    pub archive_id: String,
    pub profile: ArchivableProfile,
    pub email: Option<String>,
    pub archived_at: Timestamp,
    pub state: String,
    pub state_changed_at: Option<Timestamp>,
}

/// What a cut-over did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CutOverDone {
    pub archived: i64,
    pub requests_withdrawn: i64,
    pub smartcards_cleared: i64,
}

const LISTED: &str = "p.user_id, p.participant_id, p.kind, p.surname, p.other_names, p.status, \
     p.last_login_at, p.last_login_method";

impl Store {
    /// Per participant: its profiles and the users the cut-over would remove.
    pub async fn removal_counts(&self) -> anyhow::Result<Vec<RemovalCount>> {
        let rows = sqlx::query(&format!(
            "SELECT pa.participant_id, pa.name, COUNT(p.user_id) AS profiles, \
             SUM(CASE WHEN p.kind = 'USER' AND {REMOVED} THEN 1 ELSE 0 END) AS users_removed \
             FROM participants pa LEFT JOIN profiles p ON p.participant_id = pa.participant_id \
             GROUP BY pa.participant_id, pa.name ORDER BY pa.participant_id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(RemovalCount {
                    participant: ParticipantId::parse(row.try_get("participant_id")?)?,
                    name: row.try_get("name")?,
                    profiles: row.try_get("profiles")?,
                    users_removed: row.try_get::<Option<i64>, _>("users_removed")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// Every DA profile, with whether the cut-over removes it.
    pub async fn da_standings(&self) -> anyhow::Result<Vec<DaStanding>> {
        let rows = sqlx::query(&format!(
            "SELECT {LISTED}, p.da_role, p.email FROM profiles p WHERE p.kind = 'DA' \
             ORDER BY p.user_id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let role: Option<String> = row.try_get("da_role")?;
                Ok(DaStanding {
                    profile: sqlx::FromRow::from_row(row)?,
                    role: role.as_deref().map(DaRole::try_from).transpose()?,
                    // As REMOVED says.
                    removed: row.try_get::<Option<String>, _>("email")?.is_none(),
                })
            })
            .collect()
    }

    /// The users the cut-over would remove, a page at a time, of one participant or all.
    pub async fn users_to_remove(
        &self,
        participant: Option<&ParticipantId>,
        limit: i64,
        offset: i64,
    ) -> anyhow::Result<(i64, Vec<ArchivableProfile>)> {
        let scope = if participant.is_some() {
            "AND p.participant_id = $1"
        } else {
            "AND $1 IS NULL"
        };
        let id = participant.map(ParticipantId::as_str);
        let (total,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM profiles p WHERE p.kind = 'USER' AND {REMOVED} {scope}"
        ))
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        let profiles = sqlx::query_as(&format!(
            "SELECT {LISTED} FROM profiles p WHERE p.kind = 'USER' AND {REMOVED} {scope} \
             ORDER BY p.user_id LIMIT $2 OFFSET $3"
        ))
        .bind(id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok((total, profiles))
    }

    /// Profiles that still carry an SRN or a certificate expiry date.
    pub async fn smartcard_profiles(&self) -> anyhow::Result<i64> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM profiles WHERE srn IS NOT NULL OR certificate_expiry IS NOT NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    /// The archive, a page at a time, of one participant or all, by user ID.
    pub async fn archive(
        &self,
        participant: Option<&ParticipantId>,
        limit: i64,
        offset: i64,
    ) -> anyhow::Result<(i64, Vec<ArchiveEntry>)> {
        let scope = if participant.is_some() {
            "WHERE p.participant_id = $1"
        } else {
            "WHERE $1 IS NULL"
        };
        let id = participant.map(ParticipantId::as_str);
        let (total,): (i64,) =
            sqlx::query_as(&format!("SELECT COUNT(*) FROM archived_profiles p {scope}"))
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
        let rows = sqlx::query(&format!(
            "SELECT {LISTED}, p.archive_id, p.email, p.archived_at, p.state, p.state_changed_at \
             FROM archived_profiles p {scope} ORDER BY p.user_id, p.archived_at \
             LIMIT $2 OFFSET $3"
        ))
        .bind(id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|row| {
                Ok(ArchiveEntry {
                    archive_id: row.try_get("archive_id")?,
                    profile: sqlx::FromRow::from_row(row)?,
                    email: row.try_get("email")?,
                    archived_at: Timestamp::from_millisecond(row.try_get("archived_at")?)?,
                    state: row.try_get("state")?,
                    state_changed_at: row
                        .try_get::<Option<i64>, _>("state_changed_at")?
                        .map(Timestamp::from_millisecond)
                        .transpose()?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok((total, entries))
    }

    /// One archive entry, whatever its state.
    pub async fn archive_entry(&self, archive_id: &str) -> anyhow::Result<Option<ArchiveEntry>> {
        let row = sqlx::query(&format!(
            "SELECT {LISTED}, p.archive_id, p.email, p.archived_at, p.state, p.state_changed_at \
             FROM archived_profiles p WHERE p.archive_id = $1"
        ))
        .bind(archive_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(ArchiveEntry {
                archive_id: row.try_get("archive_id")?,
                profile: sqlx::FromRow::from_row(&row)?,
                email: row.try_get("email")?,
                archived_at: Timestamp::from_millisecond(row.try_get("archived_at")?)?,
                state: row.try_get("state")?,
                state_changed_at: row
                    .try_get::<Option<i64>, _>("state_changed_at")?
                    .map(Timestamp::from_millisecond)
                    .transpose()?,
            })
        })
        .transpose()
    }
}

/// The archived profiles of one cut-over, as a subquery.
const ARCHIVED_BY: &str = "SELECT user_id FROM archived_profiles WHERE request_id = $1";

impl Change {
    /// R15, the cut-over, approved by `request_id`: every profile without an e-mail archived
    /// whole and removed with its sessions, secrets and pending requests; every SRN, certificate
    /// expiry date and card PIN cleared; the phase moved. `None` when the phase has moved on.
    pub async fn cut_over(
        &mut self,
        request_id: &str,
        from: MigrationPhase,
        approver: &str,
    ) -> anyhow::Result<Option<CutOverDone>> {
        if !self.move_phase(from, MigrationPhase::PostParallel).await? {
            return Ok(None);
        }
        if self.backend() == Backend::Postgres {
            // No profile gains or loses its e-mail between the archive's copy and the removal
            // (SQLite's writer already holds the whole database).
            sqlx::query("LOCK TABLE profiles IN EXCLUSIVE MODE")
                .execute(self.conn())
                .await?;
        }
        let at = self.at().as_millisecond();
        let archived = sqlx::query(&format!(
            "INSERT INTO archived_profiles (archive_id, request_id, archived_at, state, \
             {PROFILE_COLUMNS}, {CREDENTIAL_COLUMNS}) \
             SELECT CAST($1 AS TEXT) || ':' || p.user_id, CAST($1 AS TEXT), CAST($2 AS BIGINT), \
             'ARCHIVED', {profile}, {credential} \
             FROM profiles p LEFT JOIN credentials c ON c.login_id = p.user_id WHERE {REMOVED}",
            profile = prefixed("p", PROFILE_COLUMNS),
            credential = prefixed("c", CREDENTIAL_COLUMNS),
        ))
        .bind(request_id)
        .bind(at)
        .execute(self.conn())
        .await?
        .rows_affected() as i64;
        let withdrawn = sqlx::query(&format!(
            "UPDATE change_requests SET status = 'WITHDRAWN', decided_at = $2 \
             WHERE status = 'PENDING' AND (target_user_id IN ({ARCHIVED_BY}) \
             OR maker_id IN ({ARCHIVED_BY}))"
        ))
        .bind(request_id)
        .bind(at)
        .execute(self.conn())
        .await?
        .rows_affected() as i64;
        let withdrawn_by_operators = sqlx::query(&format!(
            "UPDATE operator_requests SET status = 'WITHDRAWN', decided_at = $2 \
             WHERE status = 'PENDING' AND subject IN ({ARCHIVED_BY})"
        ))
        .bind(request_id)
        .bind(at)
        .execute(self.conn())
        .await?
        .rows_affected() as i64;
        for statement in EVERYTHING_OF_LOGIN {
            let every = statement.replace("login_id = $1", &format!("login_id IN ({ARCHIVED_BY})"));
            sqlx::query(&every)
                .bind(request_id)
                .execute(self.conn())
                .await?;
        }
        self.record_archived(request_id, approver).await?;
        sqlx::query(&format!(
            "DELETE FROM profiles WHERE user_id IN ({ARCHIVED_BY})"
        ))
        .bind(request_id)
        .execute(self.conn())
        .await?;
        let cleared = sqlx::query(
            "UPDATE profiles SET srn = NULL, certificate_expiry = NULL \
             WHERE srn IS NOT NULL OR certificate_expiry IS NOT NULL",
        )
        .execute(self.conn())
        .await?
        .rows_affected() as i64;
        sqlx::query(
            "UPDATE credentials SET smartcard_pin_hash = NULL WHERE smartcard_pin_hash IS NOT NULL",
        )
        .execute(self.conn())
        .await?;
        Ok(Some(CutOverDone {
            archived,
            requests_withdrawn: withdrawn + withdrawn_by_operators,
            smartcards_cleared: cleared,
        }))
    }

    /// An archived profile back as it was, without its smartcard (R15); `None` when the entry
    /// is no longer archived or its user ID is taken again.
    pub async fn restore_archived(
        &mut self,
        archive_id: &str,
    ) -> anyhow::Result<Option<(String, String)>> {
        let found: Option<(String, String)> = sqlx::query_as(
            "SELECT a.user_id, a.participant_id FROM archived_profiles a WHERE a.archive_id = $1 \
             AND a.state = 'ARCHIVED' AND NOT EXISTS \
             (SELECT 1 FROM profiles p WHERE p.user_id = a.user_id)",
        )
        .bind(archive_id)
        .fetch_optional(self.conn())
        .await?;
        let Some((user_id, participant_id)) = found else {
            return Ok(None);
        };
        let at = self.at().as_millisecond();
        let restored_columns = PROFILE_COLUMNS
            .replace("srn, certificate_expiry", "NULL, NULL")
            .replace("version", "version + 1")
            .replace("updated_at", "CAST($2 AS BIGINT)");
        sqlx::query(&format!(
            "INSERT INTO profiles ({PROFILE_COLUMNS}) SELECT {restored_columns} \
             FROM archived_profiles WHERE archive_id = $1"
        ))
        .bind(archive_id)
        .bind(at)
        .execute(self.conn())
        .await?;
        let credentials = CREDENTIAL_COLUMNS
            .replace("failed_attempts", "COALESCE(failed_attempts, 0)")
            .replace("smartcard_pin_hash", "NULL");
        sqlx::query(&format!(
            "INSERT INTO credentials (login_id, {CREDENTIAL_COLUMNS}) \
             SELECT user_id, {credentials} FROM archived_profiles WHERE archive_id = $1"
        ))
        .bind(archive_id)
        .execute(self.conn())
        .await?;
        sqlx::query(
            "UPDATE archived_profiles SET state = 'RESTORED', state_changed_at = $2 WHERE archive_id = $1",
        )
        .bind(archive_id)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(Some((user_id, participant_id)))
    }

    /// A profile created again under an archived user ID: its archive entry is replaced.
    pub(super) async fn replace_archived(&mut self, user_id: &str) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE archived_profiles SET state = 'REPLACED', state_changed_at = $2 \
             WHERE user_id = $1 AND state = 'ARCHIVED'",
        )
        .bind(user_id)
        .bind(self.at().as_millisecond())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

/// `a, b` as `t.a, t.b`.
fn prefixed(table: &str, columns: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}
