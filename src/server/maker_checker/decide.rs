//! Deciding a DMS request: authorised by a checker and applied at most once (R8, R10), rejected
//! by a checker with a reason, or withdrawn by its maker, through the one four-eyes workflow.

use crate::domain::maker_checker::may_decide;
use crate::domain::{
    split_list, AuditAction, AuditRecord, FourEyesError, LoginId, ProfileDetails, RequestAction,
};
use crate::server::auth::notices::{announce, announce_to};
use crate::server::failure::{ApiFailure, DmsError};
use crate::server::four_eyes::{Applied, Header, Kind, Refusal, StepActions};
use crate::server::mail::Notice;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Change, PendingTable, Store, StoredRequest};

use super::authorisation::{self};
use super::{audit_record, refused, DaActor};

/// DMS requests as a DA of one participant reaches them (R26).
pub struct Requests<'a> {
    pub da: DaActor<'a>,
}

impl Kind for Requests<'_> {
    type Item = StoredRequest;
    type Prepared = ();

    const ACTIONS: StepActions = super::STEP_ACTIONS;
    const TABLE: PendingTable = PendingTable::ChangeRequests;

    fn header(item: &StoredRequest) -> Header<'_> {
        let subject = Some(item.target.as_str());
        Header::new(&item.request_id, &item.maker, item.status, subject)
    }

    fn audit_detail(item: &StoredRequest) -> String {
        audit_record(item).detail()
    }

    async fn reload(change: &mut Change, id: &str) -> anyhow::Result<Option<StoredRequest>> {
        change.request_by_id(id).await
    }

    async fn find(&self, store: &Store, id: &str) -> anyhow::Result<Option<StoredRequest>> {
        store.request(self.da.participant, id).await
    }

    fn may_decide(&self, item: &StoredRequest, decider: &LoginId) -> Result<(), FourEyesError> {
        may_decide(&item.maker, decider, self.da.role_of(decider))
    }

    fn refused(&self, refusal: Refusal) -> ApiFailure {
        refused(refusal, DmsError::UnknownRequest)
    }

    async fn prepare(&self, _: &AppState, _: &StoredRequest) -> Result<(), ApiFailure> {
        Ok(())
    }

    async fn apply(
        &self,
        change: &mut Change,
        item: &StoredRequest,
        checker: &LoginId,
        _: &(),
    ) -> anyhow::Result<Applied> {
        if !apply(change, item).await? {
            return Ok(Applied::Stale(DmsError::Stale.into()));
        }
        authorisation::record_use_elsewhere(
            change,
            checker,
            self.da.id,
            &item.request_id,
            Some(item.action),
            item.target.as_str(),
        )
        .await?;
        Ok(Applied::Done)
    }
}

/// Applies an authorised request to the profile it was made on; `false` if that profile has
/// moved on (or, for a new ID, was taken) since (R8).
async fn apply(change: &mut Change, request: &StoredRequest) -> anyhow::Result<bool> {
    let target = &request.target;
    let version = request.base_version.unwrap_or_default();
    let detail = audit_record(request).detail();
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
