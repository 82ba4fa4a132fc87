//! Deciding a DMS request: authorised by a checker and applied at most once (R8, R10), rejected
//! by a checker with a reason, or withdrawn by its maker, through the one four-eyes workflow.

use crate::domain::{
    split_list, AuditAction, AuditRecord, LoginId, ParticipantId, ProfileDetails, RequestAction,
};
use crate::server::auth::notices::{announce, announce_to};
use crate::server::failure::DmsError;
use crate::server::four_eyes::{Applied, Found, Header, PendingItem};
use crate::server::mail::Notice;
use crate::server::store::{AuditEvent, Change, PendingTable, Store, StoredRequest};

use super::{audit_record, DmsItem, DmsKind};

/// DMS requests as a DA of one participant reaches them (R26).
pub type Requests<'a> = DmsKind<'a, StoredRequest>;

impl PendingItem for StoredRequest {
    const TABLE: PendingTable = PendingTable::ChangeRequests;

    fn header(&self) -> Header<'_> {
        Header::new(
            &self.request_id,
            &self.maker,
            self.status,
            Some(self.target.as_str()),
        )
    }

    fn audit_detail(&self) -> String {
        audit_record(self).detail()
    }

    async fn reload(change: &mut Change, id: &str) -> Found<Self> {
        change.request_by_id(id).await
    }
}

impl DmsItem for StoredRequest {
    const UNKNOWN: DmsError = DmsError::UnknownRequest;

    async fn find(store: &Store, scope: &ParticipantId, id: &str) -> Found<Self> {
        store.request(scope, id).await
    }

    fn action(&self) -> Option<RequestAction> {
        Some(self.action)
    }

    async fn apply(&self, change: &mut Change) -> anyhow::Result<Applied> {
        Ok(match apply(change, self).await? {
            true => Applied::Done,
            false => Applied::Stale(DmsError::Stale.into()),
        })
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
