//! Who a session belongs to, with the roles the profile grants (or an operator).

use super::profiles::KindColumn;
use super::{stored_date, unique, Change, Store};
use crate::domain::{
    split_list, DaAuthority, DaRole, LoginId, LoginWindow, ParticipantId, ParticipantRoles,
    Principal, ProfileStatus,
};

/// Who a login belongs to and whether they stand today: their roles, and the status and dates
/// (R4a) that every use of a session or of an authority asks again (R26b).
pub struct Standing {
    pub principal: Principal,
    pub window: LoginWindow,
}

impl Store {
    /// The principal behind `id` with its window, if its profile or operator record exists (an
    /// archived profile no longer does). Whether the window admits them is the caller's rule.
    pub async fn standing(&self, id: &LoginId) -> anyhow::Result<Option<Standing>> {
        if let LoginId::Operator(operator) = id {
            let row: Option<(String,)> =
                sqlx::query_as("SELECT status FROM operators WHERE operator_id = $1")
                    .bind(operator.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
            let Some((status,)) = row else {
                return Ok(None);
            };
            // An operator has no dates of its own: its window is its status.
            return Ok(Some(Standing {
                principal: Principal::Operator {
                    id: operator.clone(),
                },
                window: LoginWindow {
                    status: ProfileStatus::try_from(status.as_str())?,
                    enable_from: jiff::civil::date(2000, 1, 1),
                    disable_after: None,
                },
            }));
        }
        let row: Option<PrincipalRow> = sqlx::query_as(
            "SELECT participant_id, kind, da_role, business_user_groups, access_levels, \
             status, enable_from, disable_after FROM profiles WHERE user_id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let da = match (
            KindColumn::try_from(row.kind.as_str())?,
            row.da_role.as_deref(),
        ) {
            // A DA, or a user given DA group functions after the cut-over (Table 1).
            (KindColumn::Da | KindColumn::User, Some(role)) => Some(DaAuthority {
                role: DaRole::try_from(role)?,
                access_levels: split_list(&row.access_levels),
            }),
            (KindColumn::User, None) => None,
            other => anyhow::bail!("stored profile kind and DA role {other:?}"),
        };
        Ok(Some(Standing {
            principal: Principal::Participant {
                id: id.clone(),
                participant: stored_participant_id(&row.participant_id)?,
                roles: ParticipantRoles {
                    business_user_groups: split_list(&row.business_user_groups),
                    da,
                },
            },
            window: LoginWindow {
                status: ProfileStatus::try_from(row.status.as_str())?,
                enable_from: stored_date(&row.enable_from)?,
                disable_after: row.disable_after.as_deref().map(stored_date).transpose()?,
            },
        }))
    }
}

/// A profile's roles and window, as stored.
#[derive(sqlx::FromRow)]
struct PrincipalRow {
    participant_id: String,
    kind: String,
    da_role: Option<String>,
    business_user_groups: String,
    access_levels: String,
    status: String,
    enable_from: String,
    disable_after: Option<String>,
}

fn stored_participant_id(raw: &str) -> anyhow::Result<ParticipantId> {
    ParticipantId::parse(raw).map_err(|e| anyhow::anyhow!("stored participant ID {raw:?}: {e}"))
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
        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT p.participant_id, p.name, p.kind, \
             (SELECT COUNT(*) FROM profiles f WHERE f.participant_id = p.participant_id) AS profiles \
             FROM participants p ORDER BY p.participant_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, name, kind, profiles)| {
                Ok(ParticipantRow {
                    id: stored_participant_id(&id)?,
                    name,
                    kind,
                    profiles,
                })
            })
            .collect()
    }
}

impl Store {
    /// How a DA of `own` reaches a profile of `target` (R27): their own participant's, or a
    /// settlement agent's whose principal is `own`; `None` for anyone else's.
    pub async fn reach(
        &self,
        own: &ParticipantId,
        target: &ParticipantId,
    ) -> anyhow::Result<Option<crate::domain::settlement_agent::Reach>> {
        use crate::domain::settlement_agent::Reach;
        if own == target {
            return Ok(Some(Reach::Own));
        }
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT participant_id FROM participants \
             WHERE participant_id = $1 AND principal_participant_id = $2",
        )
        .bind(target.as_str())
        .bind(own.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|_| Reach::Agent))
    }

    /// The settlement agents whose principal is `own` (R27).
    pub async fn agents_of(&self, own: &ParticipantId) -> anyhow::Result<Vec<ParticipantId>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT participant_id FROM participants WHERE principal_participant_id = $1 \
             ORDER BY participant_id",
        )
        .bind(own.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|(id,)| stored_participant_id(id)).collect()
    }
}

impl Store {
    pub async fn participant_exists(&self, id: &ParticipantId) -> anyhow::Result<bool> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT participant_id FROM participants WHERE participant_id = $1")
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }
}

impl Change {
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
}
