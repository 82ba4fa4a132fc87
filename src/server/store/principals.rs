//! Who a session belongs to, with the roles the profile grants (or an operator).

use anyhow::Context;
use sqlx::Row;

use super::profiles::KindColumn;
use super::Store;
use crate::domain::{
    split_list, DaAuthority, DaRole, LoginId, ParticipantId, ParticipantRoles, Principal,
};

impl Store {
    /// The principal behind `id`, if its profile or operator record exists and is enabled.
    pub async fn principal(&self, id: &LoginId) -> anyhow::Result<Option<Principal>> {
        if let LoginId::Operator(operator) = id {
            let row = sqlx::query(
                "SELECT operator_id FROM operators WHERE operator_id = $1 AND status = 'ENABLED'",
            )
            .bind(operator.as_str())
            .fetch_optional(&self.pool)
            .await?;
            return Ok(row.map(|_| Principal::Operator {
                id: operator.clone(),
            }));
        }
        let row = sqlx::query(
            "SELECT participant_id, kind, da_role, business_user_groups, access_levels \
             FROM profiles WHERE user_id = $1 AND status = 'ENABLED'",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let participant: String = row.try_get("participant_id")?;
        let kind: String = row.try_get("kind")?;
        let role: Option<String> = row.try_get("da_role")?;
        let groups: String = row.try_get("business_user_groups")?;
        let levels: String = row.try_get("access_levels")?;
        let da = match (KindColumn::try_from(kind.as_str())?, role.as_deref()) {
            (KindColumn::Da, Some(role)) => Some(DaAuthority {
                role: DaRole::try_from(role)?,
                access_levels: split_list(&levels),
            }),
            (KindColumn::User, None) => None,
            other => anyhow::bail!("stored profile kind and DA role {other:?}"),
        };
        Ok(Some(Principal::Participant {
            id: id.clone(),
            participant: ParticipantId::parse(&participant)
                .ok()
                .with_context(|| format!("stored participant ID {participant:?}"))?,
            roles: ParticipantRoles {
                business_user_groups: split_list(&groups),
                da,
            },
        }))
    }
}

/// A participant and how many profiles it has, for the operator console.
pub struct ParticipantRow {
    pub id: ParticipantId,
    pub name: String,
    pub kind: String,
    pub profiles: i64,
}

impl Store {
    pub async fn participants(&self) -> anyhow::Result<Vec<ParticipantRow>> {
        let rows = sqlx::query(
            "SELECT p.participant_id, p.name, p.kind, \
             (SELECT COUNT(*) FROM profiles f WHERE f.participant_id = p.participant_id) AS profiles \
             FROM participants p ORDER BY p.participant_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: String = row.try_get("participant_id")?;
                Ok(ParticipantRow {
                    id: ParticipantId::parse(&id)
                        .ok()
                        .with_context(|| format!("stored participant ID {id:?}"))?,
                    name: row.try_get("name")?,
                    kind: row.try_get("kind")?,
                    profiles: row.try_get("profiles")?,
                })
            })
            .collect()
    }
}
