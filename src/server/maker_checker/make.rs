//! A maker's request (R7): parsed, checked against the profile as it stands, and recorded as
//! pending with its before and after; the participant's checkers hear of it by mail.

use crate::api::RequestDraft;
use crate::domain::business_groups::merged;
use crate::domain::maker_checker::{expiry, may_make};
use crate::domain::settlement_agent::Reach;
use crate::domain::table_one::{self, Actor, ProfileFunction};
use crate::domain::{AuditAction, LoginId, ProfileDetails, ProfileForm, RequestAction, UserId};
use crate::server::failure::{ApiFailure, DmsError, FieldProblem, InvalidInput};
use crate::server::state::AppState;
use crate::server::store::{AlreadyPending, AuditEvent, NewRequest, StoredProfile, StoredRequest};

use super::{audit_record, reminders, DaActor};

/// The form parsed, or every bad field named.
fn parse_form(form: &ProfileForm) -> Result<ProfileDetails, InvalidInput> {
    ProfileDetails::parse(form).map_err(|problems| {
        let mut errors = InvalidInput::new();
        for (field, problem) in problems {
            errors.add(field.as_str(), FieldProblem::from(problem));
        }
        errors
    })
}

/// R13: the cell of Table 1 for a DA doing `function` in the present phase.
async fn table_one_allows(state: &AppState, function: ProfileFunction) -> Result<(), ApiFailure> {
    let phase = state.store.migration_phase().await?;
    table_one::check(Actor::Da, function, phase)
        .map_err(|refusal| DmsError::NotInPhase(refusal).into())
}

/// The target of a request on an existing profile: a user of the maker's participant (R26) or
/// of a settlement agent whose principal it is (R27), never a DA (R6).
pub(super) async fn existing_user(
    state: &AppState,
    maker: DaActor<'_>,
    raw: &str,
) -> Result<(StoredProfile, Reach), ApiFailure> {
    let id = LoginId::parse(raw).map_err(|e| InvalidInput::of("user_id", e.into()))?;
    let owner = id.participant().ok_or(DmsError::UnknownUser)?;
    let reach = state
        .store
        .reach(maker.participant, &owner)
        .await?
        .ok_or(DmsError::UnknownUser)?;
    // An agent's DA profiles are not the principal's to see (issue 26).
    let profile = state
        .store
        .participant_profile(&owner, &id)
        .await?
        .filter(|profile| reach == Reach::Own || profile.da_role.is_none())
        .ok_or(DmsError::UnknownUser)?;
    if profile.da_role.is_some() {
        return Err(DmsError::DaProfileReadOnly.into());
    }
    Ok((profile, reach))
}

/// What a draft asks, checked against the profile as the maker saw it.
struct Asked {
    target: LoginId,
    action: RequestAction,
    before: Option<ProfileDetails>,
    after: Option<ProfileDetails>,
    base_version: Option<i64>,
    /// R16: the DA's business user groups before and after.
    groups: Option<(String, String)>,
}

async fn asked(
    state: &AppState,
    maker: DaActor<'_>,
    draft: &RequestDraft,
) -> Result<Asked, ApiFailure> {
    let on_existing = |profile: &StoredProfile, version: i64| -> Result<(), ApiFailure> {
        if profile.version != version {
            return Err(DmsError::MovedOn.into());
        }
        Ok(())
    };
    Ok(match draft {
        RequestDraft::Create { user_id, profile } => {
            let id = UserId::parse(user_id).map_err(|e| InvalidInput::of("user_id", e.into()));
            let details = parse_form(profile);
            let (id, details) = match (id, details) {
                (Ok(id), Ok(details)) => (id, details),
                (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e.into()),
                (Err(mut e), Err(rest)) => {
                    e.merge(rest);
                    return Err(e.into());
                }
            };
            if &id.participant() != maker.participant {
                let reach = state
                    .store
                    .reach(maker.participant, &id.participant())
                    .await?;
                return Err(match reach {
                    Some(_) => DmsError::AgentEmailOnly.into(),
                    None => InvalidInput::of("user_id", FieldProblem::OtherParticipant).into(),
                });
            }
            table_one_allows(state, ProfileFunction::CreateUser).await?;
            Asked {
                target: LoginId::User(id),
                action: RequestAction::Create,
                before: None,
                after: Some(details),
                base_version: None,
                groups: None,
            }
        }
        RequestDraft::Change {
            user_id,
            version,
            profile,
        } => {
            let (current, reach) = existing_user(state, maker, user_id).await?;
            let after = parse_form(profile)?;
            on_existing(&current, *version)?;
            reach
                .may_change(&after.changes_from(&current.details))
                .map_err(|_| DmsError::AgentEmailOnly)?;
            table_one_allows(state, ProfileFunction::MaintainUser).await?;
            if after.email != current.details.email {
                table_one_allows(state, ProfileFunction::RegisterUserEmail).await?;
            }
            if after.changes_from(&current.details).is_empty() {
                return Err(DmsError::NothingChanged.into());
            }
            Asked {
                target: current.user_id,
                action: RequestAction::Change,
                before: Some(current.details),
                after: Some(after),
                base_version: Some(*version),
                groups: None,
            }
        }
        RequestDraft::Delete { user_id, version }
        | RequestDraft::Unlock { user_id, version }
        | RequestDraft::ResetSoftToken { user_id, version } => {
            let (current, reach) = existing_user(state, maker, user_id).await?;
            on_existing(&current, *version)?;
            reach
                .may_maintain_otherwise()
                .map_err(|_| DmsError::AgentEmailOnly)?;
            let action = match draft {
                RequestDraft::Delete { .. } => RequestAction::Delete,
                RequestDraft::Unlock { .. } => RequestAction::Unlock,
                _ => RequestAction::ResetSoftToken,
            };
            let function = match action {
                RequestAction::Delete => ProfileFunction::DeleteUser,
                _ => ProfileFunction::MaintainUser,
            };
            table_one_allows(state, function).await?;
            if action == RequestAction::Unlock && !current.locked {
                return Err(DmsError::NotLocked.into());
            }
            Asked {
                target: current.user_id,
                action,
                before: Some(current.details),
                after: None,
                base_version: Some(*version),
                groups: None,
            }
        }
        RequestDraft::AddBusinessGroups {
            da_id,
            from_user_id,
            version,
        } => {
            table_one_allows(state, ProfileFunction::AddBusinessGroupsToDa).await?;
            let da_id = LoginId::parse(da_id).map_err(|e| InvalidInput::of("da_id", e.into()))?;
            let da = state
                .store
                .participant_profile(maker.participant, &da_id)
                .await?
                .filter(|p| p.da_role.is_some())
                .ok_or_else(|| InvalidInput::of("da_id", FieldProblem::NotADa))?;
            let (user, reach) = existing_user(state, maker, from_user_id)
                .await
                .map_err(|_| InvalidInput::of("from_user_id", FieldProblem::NotAUserOfYours))?;
            if reach != Reach::Own {
                return Err(InvalidInput::of("from_user_id", FieldProblem::NotAUserOfYours).into());
            }
            on_existing(&da, *version)?;
            let after = merged(&da.business_user_groups, &user.business_user_groups)
                .ok_or(DmsError::NothingChanged)?;
            Asked {
                target: da.user_id,
                action: RequestAction::AddBusinessGroups,
                before: Some(da.details.clone()),
                after: Some(da.details),
                base_version: Some(*version),
                groups: Some((da.business_user_groups.join(","), after.join(","))),
            }
        }
    })
}

/// Records the maker's request as pending (R7); answers it as the maker's screen shows it.
pub async fn make(
    state: &AppState,
    maker: DaActor<'_>,
    draft: &RequestDraft,
) -> Result<StoredRequest, ApiFailure> {
    may_make(maker.role).map_err(DmsError::from)?;
    let asked = asked(state, maker, draft).await?;
    // R8: a profile in a pending e-mail batch has its request pending already.
    if asked.action != RequestAction::Create && state.store.in_pending_batch(&asked.target).await? {
        return Err(DmsError::AlreadyPending.into());
    }
    let calendar = state.store.holiday_calendar().await?;
    let mut change = state.change().await?;
    if asked.action == RequestAction::Create {
        if let LoginId::User(id) = &asked.target {
            if change.profile_exists(id).await? {
                return Err(InvalidInput::of("user_id", FieldProblem::IdTaken).into());
            }
        }
    } else {
        // The profile may have moved on between the read above and this transaction.
        let owner = asked.target.participant().ok_or(DmsError::UnknownUser)?;
        let now = change
            .participant_profile(&owner, &asked.target)
            .await?
            .ok_or(DmsError::UnknownUser)?;
        if Some(now.version) != asked.base_version {
            return Err(DmsError::MovedOn.into());
        }
    }
    let request_id = change
        .insert_request(&NewRequest {
            participant: maker.participant,
            target: &asked.target,
            action: asked.action,
            before: asked.before.as_ref(),
            after: asked.after.as_ref(),
            base_version: asked.base_version,
            maker: maker.id,
            expires_at: expiry(change.at(), &calendar),
            groups: asked
                .groups
                .as_ref()
                .map(|(before, after)| (before.as_str(), after.as_str())),
        })
        .await
        .map_err(|e| -> ApiFailure {
            if e.is::<AlreadyPending>() {
                DmsError::AlreadyPending.into()
            } else {
                e.into()
            }
        })?;
    let request = change
        .request_by_id(&request_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {request_id} vanished in its own transaction"))?;
    let detail = crate::domain::AuditRecord::detail(&audit_record(&request));
    change
        .record(AuditEvent {
            actor: maker.id.as_str(),
            action: AuditAction::RequestMade,
            subject: Some(asked.target.as_str()),
            detail: &detail,
        })
        .await?;
    reminders::remind_checkers(&mut change, maker.participant).await?;
    state.commit(change).await?;
    Ok(request)
}
