//! Four eyes, once for every kind of pending item (R6a, R7, R8): a DMS request, an e-mail batch,
//! an operator's request. An item waits for a second person, who authorises it (and it applies,
//! at most once, in the same transaction) or rejects it with a reason; its maker may withdraw
//! it; the clock closes it when its deadline passes. Every rule of that shape lives here, and
//! each kind plugs in what is its own: where it is kept, who may decide it, what it applies,
//! how its record reads in the trail and how its refusals are worded.
//!
//! Each decision is one [`Change`]: the conditional write that decides, the expiry or staleness
//! found on the way, the apply step and the audit commit together or not at all.

use std::future::Future;

use crate::domain::maker_checker::may_withdraw;
use crate::domain::{AuditAction, FourEyesError, LoginId, Reason, RequestStatus};
use crate::server::failure::ApiFailure;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Change, Deadline, Decided, PendingTable, Store};

/// Who closes an item the clock closes, in the audit.
const SYSTEM: &str = "SYSTEM";

/// Why an item was not decided as asked, before a kind words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    /// Someone decided it first, or it was never pending when asked.
    NotPending(RequestStatus),
    /// Its deadline had passed: it is now closed as expired.
    Expired,
    /// A four-eyes rule: the maker deciding their own item, a withdrawal by someone else.
    Rule(FourEyesError),
}

/// What the apply step of an authorisation found.
pub enum Applied {
    Done,
    /// What the item would change has moved on since it was made: nothing of it applies, the
    /// item closes as stale, and the person is told why.
    Stale(ApiFailure),
}

/// The steps of an item's life that the trail records after it was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Authorised,
    Rejected,
    Withdrawn,
    Expired,
    Stale,
}

/// The trail's action for each step of one kind's items.
pub struct StepActions {
    pub authorised: AuditAction,
    pub rejected: AuditAction,
    pub withdrawn: AuditAction,
    pub stale: AuditAction,
    /// `None` for a kind whose items have no deadline.
    pub expired: Option<AuditAction>,
}

impl StepActions {
    fn of(&self, step: Step) -> Option<AuditAction> {
        match step {
            Step::Authorised => Some(self.authorised),
            Step::Rejected => Some(self.rejected),
            Step::Withdrawn => Some(self.withdrawn),
            Step::Stale => Some(self.stale),
            Step::Expired => self.expired,
        }
    }
}

impl Step {
    fn status(self) -> RequestStatus {
        match self {
            Self::Authorised => RequestStatus::Authorised,
            Self::Rejected => RequestStatus::Rejected,
            Self::Withdrawn => RequestStatus::Withdrawn,
            Self::Expired => RequestStatus::Expired,
            Self::Stale => RequestStatus::Stale,
        }
    }
}

/// What the workflow reads of every item, whatever its kind.
pub struct Header<'a> {
    pub id: &'a str,
    pub maker: &'a LoginId,
    pub status: RequestStatus,
    /// The subject of its audit events.
    pub subject: Option<&'a str>,
}

impl<'a> Header<'a> {
    pub fn new(
        id: &'a str,
        maker: &'a LoginId,
        status: RequestStatus,
        subject: Option<&'a str>,
    ) -> Self {
        Self {
            id,
            maker,
            status,
            subject,
        }
    }
}

/// An item read by its ID: absent when there is none (or the reader may not reach it).
pub type Found<T> = anyhow::Result<Option<T>>;

/// An item under four eyes as it is stored: what the workflow reads of every kind's items,
/// whoever reaches them (the clock included).
pub trait PendingItem: Send + Sync + Sized {
    const TABLE: PendingTable;

    fn header(&self) -> Header<'_>;
    /// Its record in the trail (a type of `domain::audit`).
    fn audit_detail(&self) -> String;
    /// Reads the item by its ID inside the change deciding it.
    fn reload(change: &mut Change, id: &str) -> impl Future<Output = Found<Self>> + Send;
}

/// One kind of item under four eyes as one person reaches it (their participant, their role).
pub trait Kind: Sync {
    type Item: PendingItem;
    /// What an authorisation works out before its transaction (slow work, reads of the whole).
    type Prepared: Send + Sync;

    /// The trail's action for each step of its life.
    const ACTIONS: StepActions;

    /// Reads the item as this person may reach it; another participant's is as absent as none.
    fn find(&self, store: &Store, id: &str) -> impl Future<Output = Found<Self::Item>> + Send;
    /// Who may authorise or reject it: never its maker.
    fn may_decide(&self, item: &Self::Item, decider: &LoginId) -> Result<(), FourEyesError>;
    /// A refusal in the words of this kind's area.
    fn refused(&self, refusal: Refusal) -> ApiFailure;
    fn prepare(
        &self,
        state: &AppState,
        item: &Self::Item,
    ) -> impl Future<Output = Result<Self::Prepared, ApiFailure>> + Send;
    /// Applies an authorised item; its own audit events (what changed) are written here.
    fn apply(
        &self,
        change: &mut Change,
        item: &Self::Item,
        checker: &LoginId,
        prepared: &Self::Prepared,
    ) -> impl Future<Output = anyhow::Result<Applied>> + Send;
}

/// The item `id` as this person may reach it, still pending.
pub async fn pending<K: Kind>(state: &AppState, kind: &K, id: &str) -> Result<K::Item, ApiFailure> {
    let item = kind
        .find(&state.store, id)
        .await?
        .ok_or_else(|| kind.refused(Refusal::Unknown))?;
    match item.header().status {
        RequestStatus::Pending => Ok(item),
        status => Err(kind.refused(Refusal::NotPending(status))),
    }
}

/// `checker` authorises the item: it applies in the same transaction, or closes as expired or
/// stale and says so. Of two checkers at the same instant, one wins. The item as authorised
/// comes back with what was prepared for it.
pub async fn authorise<K: Kind>(
    state: &AppState,
    kind: &K,
    item: &K::Item,
    checker: &LoginId,
) -> Result<(K::Item, K::Prepared), ApiFailure> {
    kind.may_decide(item, checker)
        .map_err(|rule| kind.refused(Refusal::Rule(rule)))?;
    let prepared = kind.prepare(state, item).await?;
    let id = item.header().id;
    let mut change = state.change().await?;
    let decided = change
        .decide_pending(
            <K::Item as PendingItem>::TABLE,
            id,
            RequestStatus::Authorised,
            Some(checker),
            None,
            Deadline::Holds,
        )
        .await?;
    match decided {
        Decided::Done => {}
        Decided::Expired => {
            record::<K>(&mut change, id, Step::Expired, checker.as_str()).await?;
            state.commit(change).await?;
            return Err(kind.refused(Refusal::Expired));
        }
        other => return Err(refused_for(kind, other)),
    }
    let before_apply = change.savepoint().await?;
    if let Applied::Stale(failure) = kind.apply(&mut change, item, checker, &prepared).await? {
        change.roll_back_to(before_apply).await?;
        change
            .mark_stale(<K::Item as PendingItem>::TABLE, id)
            .await?;
        record::<K>(&mut change, id, Step::Stale, checker.as_str()).await?;
        state.commit(change).await?;
        return Err(failure);
    }
    let authorised = record::<K>(&mut change, id, Step::Authorised, checker.as_str()).await?;
    state.commit(change).await?;
    Ok((authorised, prepared))
}

/// `checker` rejects the item `id` with a reason; nothing of it applies.
pub async fn reject<K: Kind>(
    state: &AppState,
    kind: &K,
    id: &str,
    checker: &LoginId,
    reason: &Reason,
) -> Result<K::Item, ApiFailure> {
    let item = pending(state, kind, id).await?;
    kind.may_decide(&item, checker)
        .map_err(|rule| kind.refused(Refusal::Rule(rule)))?;
    close(state, kind, &item, Step::Rejected, checker, Some(reason)).await
}

/// Its maker, and only its maker, takes the item `id` back.
pub async fn withdraw<K: Kind>(
    state: &AppState,
    kind: &K,
    id: &str,
    maker: &LoginId,
) -> Result<K::Item, ApiFailure> {
    let item = pending(state, kind, id).await?;
    may_withdraw(item.header().maker, maker).map_err(|rule| kind.refused(Refusal::Rule(rule)))?;
    close(state, kind, &item, Step::Withdrawn, maker, None).await
}

/// A decision that applies nothing: the item closes and the trail says by whom.
async fn close<K: Kind>(
    state: &AppState,
    kind: &K,
    item: &K::Item,
    step: Step,
    by: &LoginId,
    reason: Option<&Reason>,
) -> Result<K::Item, ApiFailure> {
    let id = item.header().id;
    let checker = (step == Step::Rejected).then_some(by);
    let mut change = state.change().await?;
    let decided = change
        .decide_pending(
            <K::Item as PendingItem>::TABLE,
            id,
            step.status(),
            checker,
            reason.map(Reason::as_str),
            Deadline::Ignored,
        )
        .await?;
    if decided != Decided::Done {
        return Err(refused_for(kind, decided));
    }
    let closed = record::<K>(&mut change, id, step, by.as_str()).await?;
    state.commit(change).await?;
    Ok(closed)
}

/// The clock closes the item: `Step::Expired` past its deadline, or `Step::Withdrawn` when its
/// maker may no longer act. Its own change, so that one failure stops no other item.
pub async fn close_by_clock<K: Kind>(
    store: &Store,
    now: jiff::Timestamp,
    id: &str,
    step: Step,
) -> anyhow::Result<()> {
    let mut change = store.change(now).await?;
    let decided = change
        .decide_pending(
            <K::Item as PendingItem>::TABLE,
            id,
            step.status(),
            None,
            None,
            Deadline::Ignored,
        )
        .await?;
    if decided == Decided::Done {
        record::<K>(&mut change, id, step, SYSTEM).await?;
    }
    let _ = change.commit().await?;
    Ok(())
}

fn refused_for<K: Kind>(kind: &K, decided: Decided) -> ApiFailure {
    kind.refused(match decided {
        Decided::Already(status) => Refusal::NotPending(status),
        Decided::Expired => Refusal::Expired,
        Decided::Done | Decided::Unknown => Refusal::Unknown,
    })
}

/// Records `step` of the item as it now stands, and hands it back.
async fn record<K: Kind>(
    change: &mut Change,
    id: &str,
    step: Step,
    actor: &str,
) -> anyhow::Result<K::Item> {
    let item = K::Item::reload(change, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("item {id} vanished while it was decided"))?;
    let action = K::ACTIONS
        .of(step)
        .ok_or_else(|| anyhow::anyhow!("item {id} took a step its kind never takes: {step:?}"))?;
    let detail = item.audit_detail();
    change
        .record(AuditEvent {
            actor,
            action,
            subject: item.header().subject,
            detail: &detail,
        })
        .await?;
    Ok(item)
}
