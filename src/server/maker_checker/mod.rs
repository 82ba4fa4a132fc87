//! Maker–checker on user profiles (R7–R10, seed Appendix A): a DA maker's request, decided by a
//! DA checker with Checker ID + Authorisation Code, withdrawn by its maker, or closed by the
//! clock. Each step is one [`Change`](crate::server::store::Change): its writes, audit rows and
//! mail commit together or not at all.

pub mod authorisation;
pub mod decide;
pub mod email_batch;
pub mod housekeeping;
pub mod make;
pub mod reminders;

use std::future::Future;
use std::marker::PhantomData;

use crate::api::Confirmation;
use crate::domain::maker_checker::may_decide;
use crate::domain::{
    AuditAction, DaRole, FieldChange, FourEyesError, LoginId, ParticipantId, RequestAction,
    RequestRecord,
};
use crate::server::failure::{ApiFailure, DmsError};
use crate::server::four_eyes::{self, Applied, Found, Kind, PendingItem, Refusal, StepActions};
use crate::server::state::AppState;
use crate::server::store::{Change, Store, StoredRequest};

/// The fields a request changes, before and after, in the screen's order.
pub fn changes_of(request: &StoredRequest) -> Vec<FieldChange> {
    let mut changes = match (request.action, &request.before, &request.after) {
        (RequestAction::Create, _, Some(after)) => after.as_new(),
        (_, Some(before), Some(after)) => after.changes_from(before),
        _ => Vec::new(),
    };
    if let Some((before, after)) = &request.groups {
        changes.push(FieldChange {
            field: crate::domain::DetailField::BusinessUserGroups,
            before: before.clone(),
            after: after.clone(),
        });
    }
    changes
}

/// What the trail keeps of a request: built from the stored request, never from a screen's view.
fn audit_record(request: &StoredRequest) -> RequestRecord<'_> {
    RequestRecord {
        request: &request.request_id,
        action: request.action,
        maker: request.maker.as_str(),
        changes: changes_of(request),
        reason: request.reason.as_deref(),
    }
}

/// The trail's action for each step of a DMS request's or batch's life.
const STEP_ACTIONS: StepActions = StepActions {
    authorised: AuditAction::RequestAuthorised,
    rejected: AuditAction::RequestRejected,
    withdrawn: AuditAction::RequestWithdrawn,
    stale: AuditAction::RequestStale,
    expired: Some(AuditAction::RequestExpired),
};

/// What a DMS item (a request, an e-mail batch) brings to four eyes beside what every item does.
pub trait DmsItem: PendingItem {
    /// The answer for an ID that names no item of the DA's participant.
    const UNKNOWN: DmsError;

    /// Reads the item if it is `participant`'s; another participant's is as absent as none.
    fn find(
        store: &Store,
        scope: &ParticipantId,
        id: &str,
    ) -> impl Future<Output = Found<Self>> + Send;
    /// What a checker's code authorised, in the list of its uses: `None` for an e-mail batch.
    fn action(&self) -> Option<RequestAction>;
    /// Applies the authorised item, with the audit events of what changed.
    fn apply(&self, change: &mut Change) -> impl Future<Output = anyhow::Result<Applied>> + Send;
}

/// DMS items of one sort as a DA of one participant reaches them (R26): the same rules of who
/// may decide, and the same words for a refusal, for every sort.
pub struct DmsKind<'a, I> {
    da: DaActor<'a>,
    item: PhantomData<fn() -> I>,
}

impl<'a, I> DmsKind<'a, I> {
    pub fn new(da: DaActor<'a>) -> Self {
        Self {
            da,
            item: PhantomData,
        }
    }
}

impl<I: DmsItem> Kind for DmsKind<'_, I> {
    type Item = I;
    type Prepared = ();

    const ACTIONS: StepActions = STEP_ACTIONS;

    async fn find(&self, store: &Store, id: &str) -> Found<I> {
        I::find(store, self.da.participant, id).await
    }

    fn may_decide(&self, item: &I, decider: &LoginId) -> Result<(), FourEyesError> {
        may_decide(item.header().maker, decider, self.da.role_of(decider))
    }

    fn refused(&self, refusal: Refusal) -> ApiFailure {
        refused(refusal, I::UNKNOWN)
    }

    async fn prepare(&self, _: &AppState, _: &I) -> Result<(), ApiFailure> {
        Ok(())
    }

    async fn apply(
        &self,
        change: &mut Change,
        item: &I,
        checker: &LoginId,
        _: &(),
    ) -> anyhow::Result<Applied> {
        let applied = item.apply(change).await?;
        if let Applied::Done = applied {
            let header = item.header();
            let subject = header.subject.unwrap_or_default();
            let (da, action) = (self.da.id, item.action());
            authorisation::record_use_elsewhere(change, checker, da, header.id, action, subject)
                .await?;
        }
        Ok(applied)
    }
}

/// A four-eyes refusal in the DMS's words; `unknown` for an item that is not there.
fn refused(refusal: Refusal, unknown: DmsError) -> ApiFailure {
    match refusal {
        Refusal::Unknown => unknown,
        Refusal::NotPending(status) => DmsError::NotPending { status },
        Refusal::Expired => DmsError::Expired,
        Refusal::Rule(rule) => DmsError::FourEyes(rule),
    }
    .into()
}

/// Confirm: the checker named in `confirmation`, proven by their code at `da`'s screen (or `da`
/// in their own session), authorises the item `id`, which applies in the same transaction.
pub async fn confirm<K: Kind<Prepared = ()>>(
    state: &AppState,
    da: DaActor<'_>,
    kind: &K,
    id: &str,
    confirmation: &Confirmation,
) -> Result<K::Item, ApiFailure> {
    let item = four_eyes::pending(state, kind, id).await?;
    let checker = authorisation::proven_checker(state, da, confirmation, id).await?;
    let (authorised, ()) = four_eyes::authorise(state, kind, &item, &checker).await?;
    Ok(authorised)
}

/// The DA acting: who, for which participant, in which fixed role.
#[derive(Clone, Copy)]
pub struct DaActor<'a> {
    pub id: &'a LoginId,
    /// The session the DA acts in: a passkey ceremony at their screen is kept with it.
    pub session: &'a crate::server::store::SessionRecord,
    pub participant: &'a crate::domain::ParticipantId,
    pub role: DaRole,
}

impl DaActor<'_> {
    /// The role `decider` decides in: this DA in their own; a checker proven by their code at
    /// this DA's screen as a checker.
    fn role_of(&self, decider: &LoginId) -> DaRole {
        if decider == self.id {
            self.role
        } else {
            DaRole::Checker
        }
    }
}
