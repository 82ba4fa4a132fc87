//! Deciding a request: authorised by a checker and applied at most once (R8, R10), rejected by
//! a checker with a reason, or withdrawn by its maker.

use crate::api::{Confirmation, RequestView};
use crate::domain::maker_checker::{may_decide, may_withdraw};
use crate::domain::{
    split_list, AuditAction, DaRole, LoginId, ProfileDetails, RequestAction, RequestStatus,
};
use crate::server::auth::notices::{announce, announce_to};
use crate::server::http::error::{ApiFailure, DmsError};
use crate::server::mail::Notice;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Change, StoredRequest};

use super::authorisation::{self, proven_checker};
use super::{audit_detail, view, DaActor};

/// A rejection's reason holds at most this many characters.
const REASON_MAX: usize = 200;

async fn pending(
    state: &AppState,
    da: DaActor<'_>,
    request_id: &str,
) -> Result<StoredRequest, ApiFailure> {
    let request = state
        .store
        .request(da.participant, request_id)
        .await?
        .ok_or(DmsError::UnknownRequest)?;
    if request.status != RequestStatus::Pending {
        return Err(DmsError::NotPending {
            status: request.status,
        }
        .into());
    }
    Ok(request)
}

/// Why a decision found the request no longer pending: someone else decided it first.
async fn lost_race(change: Change, state: &AppState, da: DaActor<'_>, id: &str) -> ApiFailure {
    drop(change);
    match state.store.request(da.participant, id).await {
        Ok(Some(request)) => DmsError::NotPending {
            status: request.status,
        }
        .into(),
        Ok(None) => DmsError::UnknownRequest.into(),
        Err(e) => e.into(),
    }
}

/// Closes the request as `status` in a change of its own, recorded in the audit.
async fn close(
    state: &AppState,
    da: DaActor<'_>,
    request: &StoredRequest,
    status: RequestStatus,
    action: AuditAction,
) -> anyhow::Result<()> {
    let mut change = state.change().await?;
    if change
        .decide_request(&request.request_id, status, None, None)
        .await?
    {
        let detail = audit_detail(request);
        change
            .record(AuditEvent {
                actor: da.id.as_str(),
                action,
                subject: Some(request.target.as_str()),
                detail: &detail,
            })
            .await?;
    }
    state.commit(change).await
}

/// Confirm: the checker named in `confirmation`, proven by their code, authorises the request
/// and it is applied in the same transaction. Of two checkers at the same instant, one wins.
pub async fn confirm(
    state: &AppState,
    caller: DaActor<'_>,
    request_id: &str,
    confirmation: &Confirmation,
) -> Result<RequestView, ApiFailure> {
    let request = pending(state, caller, request_id).await?;
    let checker = proven_checker(state, caller, confirmation, request_id).await?;
    may_decide(&request.maker, &checker, DaRole::Checker).map_err(DmsError::from)?;
    if request.expires_at <= state.now() {
        close(
            state,
            caller,
            &request,
            RequestStatus::Expired,
            AuditAction::RequestExpired,
        )
        .await?;
        return Err(DmsError::Expired.into());
    }
    let mut change = state.change().await?;
    if !change
        .decide_request(request_id, RequestStatus::Authorised, Some(&checker), None)
        .await?
    {
        return Err(lost_race(change, state, caller, request_id).await);
    }
    if !apply(&mut change, &request).await? {
        drop(change);
        close(
            state,
            caller,
            &request,
            RequestStatus::Stale,
            AuditAction::RequestStale,
        )
        .await?;
        return Err(DmsError::Stale.into());
    }
    authorisation::record_use_elsewhere(
        &mut change,
        &checker,
        caller.id,
        request_id,
        Some(request.action),
        request.target.as_str(),
    )
    .await?;
    let decided = change
        .request(caller.participant, request_id)
        .await?
        .ok_or(DmsError::UnknownRequest)?;
    let detail = audit_detail(&decided);
    change
        .record(AuditEvent {
            actor: checker.as_str(),
            action: AuditAction::RequestAuthorised,
            subject: Some(request.target.as_str()),
            detail: &detail,
        })
        .await?;
    state.commit(change).await?;
    Ok(view(&decided, caller.id))
}

/// Applies an authorised request to the profile it was made on; `false` if that profile has
/// moved on (or, for a new ID, was taken) since (R8).
async fn apply(change: &mut Change, request: &StoredRequest) -> anyhow::Result<bool> {
    let target = &request.target;
    let version = request.base_version.unwrap_or_default();
    let detail = audit_detail(request);
    let (applied, action) = match request.action {
        RequestAction::Create => {
            let (LoginId::User(id), Some(after)) = (target, &request.after) else {
                anyhow::bail!("request {} creates no user", request.request_id);
            };
            if change.profile_exists(id).await? {
                return Ok(false);
            }
            change.create_user_profile(id, after).await?;
            (true, AuditAction::ProfileCreated)
        }
        RequestAction::Change => {
            let (Some(before), Some(after)) = (&request.before, &request.after) else {
                anyhow::bail!("request {} has no before or after", request.request_id);
            };
            if !change.update_user_details(target, version, after).await? {
                return Ok(false);
            }
            after_change(change, target, before, after).await?;
            (true, AuditAction::ProfileChanged)
        }
        RequestAction::Delete => (
            change.delete_user_profile(target, version).await?,
            AuditAction::ProfileDeleted,
        ),
        RequestAction::Unlock => (
            change.unlock_user(target, version).await?,
            AuditAction::UserUnlocked,
        ),
        RequestAction::AddBusinessGroups => {
            let Some((_, after)) = &request.groups else {
                anyhow::bail!("request {} has no groups", request.request_id);
            };
            (
                change
                    .set_business_groups(target, version, &split_list(after))
                    .await?,
                AuditAction::BusinessGroupsAdded,
            )
        }
        RequestAction::ResetSoftToken => {
            let done = change.reset_soft_token(target, version).await?;
            if done {
                change.end_sessions_of(target).await?;
                announce(change, target, Notice::SoftTokenReset, None).await?;
            }
            (done, AuditAction::SoftTokenReset)
        }
    };
    if applied {
        change
            .record(AuditEvent {
                actor: request.maker.as_str(),
                action,
                subject: Some(target.as_str()),
                detail: &detail,
            })
            .await?;
    }
    Ok(applied)
}

/// What a changed profile sets off: a profile that may no longer log in loses its sessions
/// (R26b); a changed e-mail is announced to the old address and the new one.
async fn after_change(
    change: &mut Change,
    target: &LoginId,
    before: &ProfileDetails,
    after: &ProfileDetails,
) -> anyhow::Result<()> {
    let today = crate::domain::hong_kong::date(change.at());
    let window = crate::domain::LoginWindow {
        status: after.status,
        enable_from: after.enable_from,
        disable_after: after.disable_after,
    };
    if window.check(today).is_err() {
        change.end_sessions_of(target).await?;
    }
    if before.email != after.email {
        if let Some(old) = &before.email {
            announce_to(change, target, old, Notice::EmailChangedAway).await?;
        }
        if after.email.is_some() {
            announce(change, target, Notice::EmailRegistered, None).await?;
        }
    }
    Ok(())
}

/// Reject: a checker, not the maker, closes the request with a reason.
pub async fn reject(
    state: &AppState,
    caller: DaActor<'_>,
    request_id: &str,
    reason: &str,
) -> Result<RequestView, ApiFailure> {
    let request = pending(state, caller, request_id).await?;
    may_decide(&request.maker, caller.id, caller.role).map_err(DmsError::from)?;
    let reason = crate::server::http::error::reason(reason, REASON_MAX)?;
    let reason = reason.as_str();
    decide_plainly(
        state,
        caller,
        &request,
        RequestStatus::Rejected,
        Some(reason),
    )
    .await
}

/// Withdraw: the maker takes the request back.
pub async fn withdraw(
    state: &AppState,
    caller: DaActor<'_>,
    request_id: &str,
) -> Result<RequestView, ApiFailure> {
    let request = pending(state, caller, request_id).await?;
    may_withdraw(&request.maker, caller.id).map_err(DmsError::from)?;
    decide_plainly(state, caller, &request, RequestStatus::Withdrawn, None).await
}

/// A decision that changes no profile: the request is closed and the audit says by whom.
async fn decide_plainly(
    state: &AppState,
    caller: DaActor<'_>,
    request: &StoredRequest,
    status: RequestStatus,
    reason: Option<&str>,
) -> Result<RequestView, ApiFailure> {
    let checker = (status == RequestStatus::Rejected).then_some(caller.id);
    let mut change = state.change().await?;
    if !change
        .decide_request(&request.request_id, status, checker, reason)
        .await?
    {
        return Err(lost_race(change, state, caller, &request.request_id).await);
    }
    let decided = change
        .request(caller.participant, &request.request_id)
        .await?
        .ok_or(DmsError::UnknownRequest)?;
    let detail = audit_detail(&decided);
    let action = match status {
        RequestStatus::Rejected => AuditAction::RequestRejected,
        _ => AuditAction::RequestWithdrawn,
    };
    change
        .record(AuditEvent {
            actor: caller.id.as_str(),
            action,
            subject: Some(request.target.as_str()),
            detail: &detail,
        })
        .await?;
    state.commit(change).await?;
    Ok(view(&decided, caller.id))
}
