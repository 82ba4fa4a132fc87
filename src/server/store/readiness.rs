//! The readiness report's counts (R29), per participant, in one pass over the profiles.

use sqlx::Row;

use super::Store;
use crate::domain::readiness::Readiness;
use crate::domain::ParticipantId;

pub struct ParticipantReadiness {
    pub participant: ParticipantId,
    pub name: String,
    pub counts: Readiness,
}

impl Store {
    /// Every participant's counts, or one participant's.
    pub async fn readiness(
        &self,
        participant: Option<&ParticipantId>,
    ) -> anyhow::Result<Vec<ParticipantReadiness>> {
        let scope = if participant.is_some() {
            "WHERE pa.participant_id = $1"
        } else {
            "WHERE $1 IS NULL"
        };
        let rows = sqlx::query(&format!(
            "SELECT pa.participant_id, pa.name, COUNT(p.user_id) AS profiles, \
             SUM(CASE WHEN p.user_id IS NOT NULL AND p.email IS NULL THEN 1 ELSE 0 END) AS without_email, \
             SUM(CASE WHEN p.first_two_factor_login_at IS NOT NULL THEN 1 ELSE 0 END) AS two_factor, \
             SUM(CASE WHEN p.last_login_at IS NOT NULL AND p.first_two_factor_login_at IS NULL \
                 THEN 1 ELSE 0 END) AS smartcard_only \
             FROM participants pa LEFT JOIN profiles p ON p.participant_id = pa.participant_id \
             {scope} GROUP BY pa.participant_id, pa.name ORDER BY pa.participant_id"
        ))
        .bind(participant.map(ParticipantId::as_str))
        .fetch_all(&self.pool)
        .await?;
        let count = |row: &sqlx::any::AnyRow, name: &str| -> anyhow::Result<i64> {
            Ok(row.try_get::<Option<i64>, _>(name)?.unwrap_or(0))
        };
        rows.iter()
            .map(|row| {
                Ok(ParticipantReadiness {
                    participant: ParticipantId::parse(row.try_get("participant_id")?)?,
                    name: row.try_get("name")?,
                    counts: Readiness {
                        profiles: count(row, "profiles")?,
                        without_email: count(row, "without_email")?,
                        two_factor: count(row, "two_factor")?,
                        smartcard_only: count(row, "smartcard_only")?,
                    },
                })
            })
            .collect()
    }
}
