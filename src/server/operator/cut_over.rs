//! The cut-over's dry run (R15): exactly what the move to POST_PARALLEL would remove if it were
//! approved now, and the participants it would leave without a DA maker or checker, which the
//! operator must confirm by name before the move is asked for and still at its approval.

use std::collections::BTreeMap;

use crate::api::{CutOverDryRun, CutOverParticipant, CutOverProfile};
use crate::domain::cut_over::{DaGap, RemainingDa};
use crate::domain::{hong_kong, ParticipantId};
use crate::server::state::AppState;
use crate::server::store::ArchivableProfile;

/// A profile as the dry run and the archive show it.
pub fn listed(profile: &ArchivableProfile) -> CutOverProfile {
    CutOverProfile {
        user_id: profile.user_id.clone(),
        participant_id: profile.participant_id.clone(),
        kind: profile.kind.clone(),
        name: format!("{} {}", profile.surname, profile.other_names),
        status: profile.status.clone(),
        last_login_at: profile
            .last_login_at
            .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
            .map(hong_kong::format_date_time),
        last_login_method: profile.last_login_method.clone(),
    }
}

/// The dry run: per participant, the DAs apart, and the gaps.
pub async fn dry_run(state: &AppState) -> anyhow::Result<CutOverDryRun> {
    let store = &state.store;
    let phase = store.migration_phase().await?;
    let counts = store.removal_counts().await?;
    let standings = store.da_standings().await?;
    let mut remaining: BTreeMap<&str, Vec<RemainingDa>> = BTreeMap::new();
    let mut removed_das: BTreeMap<&str, i64> = BTreeMap::new();
    let mut das = Vec::new();
    for standing in &standings {
        let participant = standing.profile.participant_id.as_str();
        if standing.removed {
            *removed_das.entry(participant).or_default() += 1;
            das.push(listed(&standing.profile));
        } else if let Some(role) = standing.role {
            remaining.entry(participant).or_default().push(RemainingDa {
                role,
                enabled: standing.profile.enabled(),
            });
        }
    }
    let mut participants = Vec::new();
    for count in &counts {
        let id = count.participant.as_str();
        let das_removed = removed_das.get(id).copied().unwrap_or(0);
        let gap = DaGap::of(remaining.get(id).cloned().unwrap_or_default());
        // A participant without profiles has nothing to lose; one that keeps its DAs and loses
        // no one is not worth a line.
        let named = count.profiles > 0 && gap.is_gap();
        if named || count.users_removed > 0 || das_removed > 0 {
            participants.push(CutOverParticipant {
                participant_id: id.to_owned(),
                name: count.name.clone(),
                users_removed: count.users_removed,
                das_removed,
                no_maker_after: count.profiles > 0 && gap.no_maker,
                no_checker_after: count.profiles > 0 && gap.no_checker,
            });
        }
    }
    Ok(CutOverDryRun {
        phase: phase.as_str().to_owned(),
        users_total: counts.iter().map(|c| c.users_removed).sum(),
        das_total: das.len() as i64,
        participants,
        das,
        smartcard_profiles: store.smartcard_profiles().await?,
    })
}

/// The participants the operator must confirm by name: left without a DA maker or checker.
pub fn at_risk(dry_run: &CutOverDryRun) -> Vec<ParticipantId> {
    dry_run
        .participants
        .iter()
        .filter(|p| p.no_maker_after || p.no_checker_after)
        .filter_map(|p| ParticipantId::parse(&p.participant_id).ok())
        .collect()
}

/// The same, read again when a second operator approves: what changed since the request was
/// made counts (read just before the cut-over's transaction opens).
pub async fn at_risk_now(state: &AppState) -> anyhow::Result<Vec<ParticipantId>> {
    Ok(at_risk(&dry_run(state).await?))
}
