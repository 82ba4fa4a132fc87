//! Four eyes among operators (R6a): an operator's request on something that could take over or
//! wipe accounts waits for a second operator, who approves (and it applies, once) or rejects it;
//! the maker may withdraw it. This module is what is the operators' own (their requests, how
//! each applies); the workflow is the one of every four-eyes item (`server::four_eyes`).

use serde_json::{json, Value};

use super::cut_over;
use crate::api::OperatorRequestDraft;
use crate::domain::cut_over::unconfirmed;
use crate::domain::maker_checker::may_approve;
use crate::domain::table_one::{self, Actor, ProfileFunction};
use crate::domain::{
    hong_kong, AuditAction, AuditRecord, DaRole, DaUserId, EmailAddress, FourEyesError, FreeText,
    LoginId, MigrationPhase, OperatorId, OperatorRequestRecord, ParticipantId, RequestStatus,
};
use crate::server::auth::notices::{announce, announce_to};
use crate::server::failure::{free_text, ApiFailure, FieldProblem, InvalidInput, OperatorError};
use crate::server::four_eyes::{
    self, Applied, Found, Header, Kind, PendingItem, Refusal, StepActions,
};
use crate::server::mail::Notice;
use crate::server::state::AppState;
use crate::server::store::{
    AuditEvent, Change, Holiday, NewDa, OperatorAction, PendingTable, Store, StoredOperatorRequest,
    SubjectPending, HOLIDAYS_SUBJECT, PHASE_SUBJECT,
};

/// What the trail keeps of a request: built from the stored request, never from the console's view.
fn audit_detail(request: &StoredOperatorRequest) -> String {
    OperatorRequestRecord {
        request: &request.request_id,
        action: request.action.as_str(),
        before: request.before.as_ref(),
        after: request.after.as_ref(),
        reason: request.reason.as_deref(),
    }
    .detail()
}

/// An e-mail from the form: empty is none.
fn optional_email(field: &'static str, raw: &str) -> Result<Option<EmailAddress>, InvalidInput> {
    match raw.trim() {
        "" => Ok(None),
        text => EmailAddress::parse(text)
            .map(Some)
            .map_err(|e| InvalidInput::of(field, e.into())),
    }
}

fn da_id(raw: &str) -> Result<DaUserId, InvalidInput> {
    DaUserId::parse(raw).map_err(|e| InvalidInput::of("da_id", e.into()))
}

fn operator_id(raw: &str) -> Result<OperatorId, InvalidInput> {
    OperatorId::parse(raw).map_err(|e| InvalidInput::of("operator_id", e.into()))
}

fn name(field: &'static str, raw: &str) -> Result<String, InvalidInput> {
    free_text(field, raw, crate::domain::profile_details::NAME_MAX).map(FreeText::into_string)
}

fn table_one(function: ProfileFunction, phase: MigrationPhase) -> Result<(), ApiFailure> {
    table_one::check(Actor::Operator, function, phase)
        .map_err(|refusal| OperatorError::NotInPhase(refusal).into())
}

/// What a draft asks: action, subject, before and after.
async fn asked(
    state: &AppState,
    maker: &OperatorId,
    draft: &OperatorRequestDraft,
) -> Result<(OperatorAction, String, Option<Value>, Option<Value>), ApiFailure> {
    let phase = state.store.migration_phase().await?;
    Ok(match draft {
        OperatorRequestDraft::CreateDa {
            da_id: raw,
            role,
            surname,
            other_names,
            email,
            enable_from,
        } => {
            table_one(ProfileFunction::CreateDa, phase)?;
            let id = da_id(raw)?;
            let surname = name("surname", surname)?;
            let other_names = name("other_names", other_names)?;
            let email = optional_email("email", email)?;
            let enable_from: jiff::civil::Date = enable_from.trim().parse().map_err(|_| {
                InvalidInput::of(
                    "enable_from",
                    FieldProblem::Detail(crate::domain::DetailError::NotADate),
                )
            })?;
            if !state.store.participant_exists(&id.participant()).await? {
                return Err(InvalidInput::of("da_id", FieldProblem::UnknownParticipant).into());
            }
            if state.store.da(&id).await?.is_some() {
                return Err(InvalidInput::of("da_id", FieldProblem::IdTaken).into());
            }
            let after = json!({
                "da_id": id.as_str(),
                "role": match role { crate::api::DaRoleName::Maker => "MAKER", crate::api::DaRoleName::Checker => "CHECKER" },
                "surname": surname,
                "other_names": other_names,
                "email": email.as_ref().map(EmailAddress::as_str),
                "enable_from": enable_from.to_string(),
            });
            (
                OperatorAction::CreateDa,
                id.as_str().to_owned(),
                None,
                Some(after),
            )
        }
        OperatorRequestDraft::DeleteDa { da_id: raw } => {
            table_one(ProfileFunction::DeleteDa, phase)?;
            let id = da_id(raw)?;
            let da = state.store.da(&id).await?.ok_or(OperatorError::UnknownDa)?;
            let before = json!({
                "da_id": da.user_id,
                "name": format!("{} {}", da.surname, da.other_names),
                "email": da.email,
            });
            (
                OperatorAction::DeleteDa,
                id.as_str().to_owned(),
                Some(before),
                None,
            )
        }
        OperatorRequestDraft::SetDaEmail { da_id: raw, email } => {
            table_one(ProfileFunction::MaintainDa, phase)?;
            let id = da_id(raw)?;
            let email = optional_email("email", email)?;
            let da = state.store.da(&id).await?.ok_or(OperatorError::UnknownDa)?;
            let before = json!({ "email": da.email.clone().unwrap_or_default() });
            let after =
                json!({ "email": email.as_ref().map(EmailAddress::as_str).unwrap_or_default() });
            (
                OperatorAction::SetDaEmail,
                id.as_str().to_owned(),
                Some(before),
                Some(after),
            )
        }
        OperatorRequestDraft::MovePhase {
            to,
            confirmed_participants,
        } => {
            let target = MigrationPhase::try_from(to.trim())
                .map_err(|_| InvalidInput::of("to", FieldProblem::NotOffered))?;
            phase
                .advance_to(target)
                .map_err(|_| OperatorError::PhaseBackwards { from: phase })?;
            let mut after = json!({ "phase": target.as_str() });
            if target == MigrationPhase::PostParallel {
                let confirmed = confirmed_participants
                    .iter()
                    .map(|raw| ParticipantId::parse(raw.trim()))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| InvalidInput::of("confirmed_participants", e.into()))?;
                let dry_run = cut_over::dry_run(state).await?;
                let missing = unconfirmed(&cut_over::at_risk(&dry_run), &confirmed);
                if !missing.is_empty() {
                    return Err(OperatorError::Unconfirmed(missing).into());
                }
                after["confirmed_participants"] = json!(confirmed
                    .iter()
                    .map(ParticipantId::as_str)
                    .collect::<Vec<_>>()
                    .join(" "));
                after["profiles_removed"] = json!(dry_run.users_total + dry_run.das_total);
            }
            (
                OperatorAction::MovePhase,
                PHASE_SUBJECT.to_owned(),
                Some(json!({ "phase": phase.as_str() })),
                Some(after),
            )
        }
        OperatorRequestDraft::AddDaFunctions { user_id, role } => {
            table_one(ProfileFunction::AddDaFunctionsToUser, phase)?;
            let id = crate::domain::UserId::parse(user_id.trim())
                .map_err(|e| InvalidInput::of("user_id", e.into()))?;
            let login = LoginId::User(id.clone());
            let profile = state
                .store
                .participant_profile(&id.participant(), &login)
                .await?
                .ok_or_else(|| InvalidInput::of("user_id", FieldProblem::NotAUserOfYours))?;
            if profile.da_role.is_some() {
                return Err(crate::server::failure::DmsError::NothingChanged.into());
            }
            let role = match role {
                crate::api::DaRoleName::Maker => "MAKER",
                crate::api::DaRoleName::Checker => "CHECKER",
            };
            (
                OperatorAction::AddDaFunctions,
                id.as_str().to_owned(),
                Some(json!({ "da_role": "", "access_levels": profile.access_levels.join(",") })),
                Some(json!({ "da_role": role, "access_levels": "EE" })),
            )
        }
        OperatorRequestDraft::RestoreProfile { archive_id } => {
            let entry = state
                .store
                .archive_entry(archive_id.trim())
                .await?
                .ok_or(OperatorError::UnknownArchiveEntry)?;
            if entry.state != "ARCHIVED" {
                return Err(OperatorError::NotArchived.into());
            }
            let before = json!({ "archived_at": hong_kong::format_date_time(entry.archived_at) });
            let after = json!({
                "archive_id": entry.archive_id,
                "user_id": entry.profile.user_id,
                "name": format!("{} {}", entry.profile.surname, entry.profile.other_names),
            });
            (
                OperatorAction::RestoreProfile,
                entry.profile.user_id.clone(),
                Some(before),
                Some(after),
            )
        }
        OperatorRequestDraft::ReplaceHolidays { csv } => {
            let holidays = super::direct::parse_calendar(csv)?;
            let current = state.store.holidays().await?;
            (
                OperatorAction::ReplaceHolidays,
                HOLIDAYS_SUBJECT.to_owned(),
                Some(calendar_summary(&current, false)),
                Some(calendar_summary(&holidays, true)),
            )
        }
        OperatorRequestDraft::ResetCardPin { da_id: raw } => {
            let id = da_id(raw)?;
            if !phase.allows_smartcard() {
                return Err(crate::server::failure::LoginError::SmartcardEnded.into());
            }
            state.store.da(&id).await?.ok_or(OperatorError::UnknownDa)?;
            let login = LoginId::Da(id.clone());
            let card = state
                .store
                .card_on_file(&login)
                .await?
                .ok_or(OperatorError::UnknownDa)?;
            let srn = card.srn.unwrap_or_else(|| format!("SRN-{}", id.as_str()));
            (
                OperatorAction::ResetCardPin,
                id.as_str().to_owned(),
                Some(json!({ "srn": srn })),
                Some(json!({ "srn": srn, "pin": "••••••" })),
            )
        }
        OperatorRequestDraft::AddOperator {
            operator_id: raw,
            name: full_name,
            email,
        } => {
            let id = operator_id(raw)?;
            let full_name = name("name", full_name)?;
            let email = optional_email("email", email)?;
            if state
                .store
                .operators()
                .await?
                .iter()
                .any(|o| o.operator_id == id.as_str())
            {
                return Err(InvalidInput::of("operator_id", FieldProblem::IdTaken).into());
            }
            let after = json!({
                "operator_id": id.as_str(),
                "name": full_name,
                "email": email.as_ref().map(EmailAddress::as_str),
            });
            (
                OperatorAction::AddOperator,
                id.as_str().to_owned(),
                None,
                Some(after),
            )
        }
        OperatorRequestDraft::RemoveOperator { operator_id: raw } => {
            let id = operator_id(raw)?;
            if &id == maker {
                return Err(OperatorError::RemoveYourself.into());
            }
            let operators = state.store.operators().await?;
            let found = operators
                .iter()
                .find(|o| o.operator_id == id.as_str())
                .ok_or(OperatorError::UnknownOperator)?;
            let before = json!({ "operator_id": found.operator_id, "name": found.name });
            (
                OperatorAction::RemoveOperator,
                id.as_str().to_owned(),
                Some(before),
                None,
            )
        }
    })
}

/// A calendar as a request shows it: how many days, from and to, and with `whole` every row
/// (`date,name`), which the approver reads and the approval applies.
fn calendar_summary(holidays: &[Holiday], whole: bool) -> Value {
    let mut summary = json!({
        "days": holidays.len().to_string(),
        "first": holidays.iter().map(|h| h.day).min().map(|d| d.to_string()),
        "last": holidays.iter().map(|h| h.day).max().map(|d| d.to_string()),
    });
    if whole {
        let rows: Vec<String> = holidays
            .iter()
            .map(|h| format!("{},{}", h.day, h.name))
            .collect();
        summary["calendar"] = json!(rows.join("\n"));
    }
    summary
}

/// A new smartcard PIN and its hash, made before an approval's transaction (hashing is slow).
struct PreparedPin {
    pin: String,
    hash: crate::server::security::password::PasswordHash,
}

async fn prepare_pin() -> anyhow::Result<PreparedPin> {
    let pin: String = (0..6)
        .map(|_| char::from(b'0' + rand::random_range(0..10u8)))
        .collect();
    let parsed = crate::domain::smartcard::CardPin::parse(&pin)
        .map_err(|e| anyhow::anyhow!("generated PIN refused: {e}"))?;
    let hash = crate::server::security::smartcard::hash_pin(&parsed).await?;
    Ok(PreparedPin { pin, hash })
}

/// Records an operator's request for a second operator (R6a).
pub async fn make(
    state: &AppState,
    maker: &OperatorId,
    draft: &OperatorRequestDraft,
) -> Result<StoredOperatorRequest, ApiFailure> {
    let (action, subject, before, after) = asked(state, maker, draft).await?;
    let maker_login = LoginId::Operator(maker.clone());
    let mut change = state.change().await?;
    let id = change
        .insert_operator_request(
            action,
            &subject,
            before.as_ref(),
            after.as_ref(),
            &maker_login,
        )
        .await
        .map_err(|e| -> ApiFailure {
            if e.is::<SubjectPending>() {
                OperatorError::SubjectPending.into()
            } else {
                e.into()
            }
        })?;
    let request = change
        .operator_request(&id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id} vanished in its own transaction"))?;
    let detail = audit_detail(&request);
    change
        .record(AuditEvent {
            actor: maker.as_str(),
            action: AuditAction::OperatorRequestMade,
            subject: Some(&subject),
            detail: &detail,
        })
        .await?;
    state.commit(change).await?;
    Ok(request)
}

/// What an approval works out before its transaction: a new PIN (hashing is slow) and, for the
/// cut-over, the participants it would now leave without a DA maker or checker.
pub struct Prepared {
    pin: Option<PreparedPin>,
    newly_at_risk: Vec<ParticipantId>,
    /// A cut-over under test may be held inside its transaction.
    hold: Option<std::sync::Arc<crate::server::cut_over_hold::CutOverHold>>,
}

/// A refusal in the console's words, for every kind of request operators decide.
pub fn refused(refusal: Refusal) -> ApiFailure {
    match refusal {
        Refusal::Unknown => OperatorError::UnknownRequest,
        Refusal::NotPending(status) => OperatorError::NotPending { status },
        Refusal::Expired => OperatorError::NotPending {
            status: RequestStatus::Expired,
        },
        Refusal::Rule(FourEyesError::NotTheMaker) => OperatorError::NotTheMaker,
        Refusal::Rule(_) => OperatorError::OwnRequest,
    }
    .into()
}

/// Operators' requests (R6a): every operator reaches every one.
pub struct OperatorRequests;

impl PendingItem for StoredOperatorRequest {
    const TABLE: PendingTable = PendingTable::OperatorRequests;

    fn header(&self) -> Header<'_> {
        let subject = Some(self.subject.as_str());
        Header::new(&self.request_id, &self.maker, self.status, subject)
    }

    fn audit_detail(&self) -> String {
        audit_detail(self)
    }

    async fn reload(change: &mut Change, id: &str) -> Found<Self> {
        change.operator_request(id).await
    }
}

impl Kind for OperatorRequests {
    type Item = StoredOperatorRequest;
    type Prepared = Prepared;

    const ACTIONS: StepActions = StepActions {
        authorised: AuditAction::OperatorRequestApproved,
        rejected: AuditAction::OperatorRequestRejected,
        withdrawn: AuditAction::OperatorRequestWithdrawn,
        stale: AuditAction::OperatorRequestStale,
        // Operators' requests have no deadline.
        expired: None,
    };

    async fn find(&self, store: &Store, id: &str) -> Found<StoredOperatorRequest> {
        store.operator_request(id).await
    }

    fn may_decide(
        &self,
        item: &StoredOperatorRequest,
        decider: &LoginId,
    ) -> Result<(), FourEyesError> {
        may_approve(&item.maker, decider)
    }

    fn refused(&self, refusal: Refusal) -> ApiFailure {
        refused(refusal)
    }

    async fn prepare(
        &self,
        state: &AppState,
        request: &StoredOperatorRequest,
    ) -> Result<Prepared, ApiFailure> {
        Ok(Prepared {
            pin: match request.action {
                OperatorAction::ResetCardPin => Some(prepare_pin().await?),
                _ => None,
            },
            newly_at_risk: newly_at_risk(state, request).await?,
            hold: (request.action == OperatorAction::MovePhase)
                .then(|| state.cut_over_hold.clone()),
        })
    }

    async fn apply(
        &self,
        change: &mut Change,
        request: &StoredOperatorRequest,
        approver: &LoginId,
        prepared: &Prepared,
    ) -> anyhow::Result<Applied> {
        if !prepared.newly_at_risk.is_empty() {
            let at_risk = prepared.newly_at_risk.clone();
            return Ok(Applied::Stale(OperatorError::Unconfirmed(at_risk).into()));
        }
        let LoginId::Operator(approver) = approver else {
            anyhow::bail!("an operator's request approved by {approver}, no operator");
        };
        let Some(effect) = apply(change, request, approver, prepared.pin.as_ref()).await? else {
            return Ok(Applied::Stale(OperatorError::Stale.into()));
        };
        let detail = audit_detail(request);
        change
            .record(AuditEvent {
                actor: request.maker.as_str(),
                action: effect,
                subject: Some(&request.subject),
                detail: &detail,
            })
            .await?;
        if let Some(hold) = &prepared.hold {
            // Tests stop here to kill the server mid-cut-over.
            hold.wait_if_armed().await;
        }
        Ok(Applied::Done)
    }
}

/// A second operator approves: the request applies in the same transaction, at most once.
/// A smartcard PIN reset answers the new PIN, for the approver alone; only its hash is kept.
pub async fn approve(
    state: &AppState,
    approver: &OperatorId,
    request_id: &str,
) -> Result<(StoredOperatorRequest, Option<String>), ApiFailure> {
    let request = four_eyes::pending(state, &OperatorRequests, request_id).await?;
    let approver_login = LoginId::Operator(approver.clone());
    let (decided, prepared) =
        four_eyes::authorise(state, &OperatorRequests, &request, &approver_login).await?;
    Ok((decided, prepared.pin.map(|p| p.pin)))
}

/// R15: participants a cut-over would now leave without a DA maker or checker that its request
/// did not confirm (something changed since it was made). Empty for any other request.
async fn newly_at_risk(
    state: &AppState,
    request: &StoredOperatorRequest,
) -> Result<Vec<ParticipantId>, ApiFailure> {
    if request.action != OperatorAction::MovePhase
        || maybe_text(&request.after, "phase") != Some(MigrationPhase::PostParallel.as_str())
    {
        return Ok(Vec::new());
    }
    let confirmed: Vec<ParticipantId> = maybe_text(&request.after, "confirmed_participants")
        .unwrap_or_default()
        .split_whitespace()
        .map(ParticipantId::parse)
        .collect::<Result<_, _>>()
        .map_err(stored)?;
    let dry_run = cut_over::dry_run(state).await?;
    Ok(unconfirmed(&cut_over::at_risk(&dry_run), &confirmed))
}

fn text<'v>(value: &'v Option<Value>, key: &str) -> anyhow::Result<&'v str> {
    value
        .as_ref()
        .and_then(|v| v.get(key))
        .and_then(Value::as_str)
        .ok_or_else(|| anyhow::anyhow!("operator request without {key}"))
}

fn maybe_text<'v>(value: &'v Option<Value>, key: &str) -> Option<&'v str> {
    value
        .as_ref()
        .and_then(|v| v.get(key))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// A value in a stored request this version cannot read: a fault of the data.
fn stored(error: impl std::fmt::Debug) -> anyhow::Error {
    anyhow::anyhow!("stored operator request: {error:?}")
}

/// Applies an approved request; `None` when what it would change has moved on (stale).
async fn apply(
    change: &mut Change,
    request: &StoredOperatorRequest,
    approver: &OperatorId,
    prepared: Option<&PreparedPin>,
) -> anyhow::Result<Option<AuditAction>> {
    Ok(match request.action {
        OperatorAction::ReplaceHolidays => {
            let calendar = text(&request.after, "calendar")?;
            let holidays = super::direct::parse_calendar(calendar)
                .map_err(|e| anyhow::anyhow!("stored calendar: {e:?}"))?;
            change.replace_holidays(&holidays).await?;
            Some(AuditAction::HolidaysReplaced)
        }
        OperatorAction::ResetCardPin => {
            let prepared =
                prepared.ok_or_else(|| anyhow::anyhow!("a PIN reset approved without a PIN"))?;
            let id = DaUserId::parse(&request.subject).map_err(stored)?;
            // The phase may have ended smartcards, or the DA gone, since the request was made.
            if !change.migration_phase().await?.allows_smartcard() {
                return Ok(None);
            }
            let Some(expiry) = change.card_expiry(&LoginId::Da(id.clone())).await? else {
                return Ok(None);
            };
            let expiry = expiry.unwrap_or_else(|| {
                hong_kong::date(change.at()).saturating_add(jiff::Span::new().years(1))
            });
            change
                .issue_card(
                    &LoginId::Da(id),
                    text(&request.after, "srn")?,
                    expiry,
                    &prepared.hash,
                )
                .await?;
            Some(AuditAction::CardPinReset)
        }
        OperatorAction::CreateDa => {
            let after = &request.after;
            let id = DaUserId::parse(text(after, "da_id")?).map_err(stored)?;
            let role =
                DaRole::try_from(text(after, "role")?).map_err(|e| anyhow::anyhow!("{e}"))?;
            let email = maybe_text(after, "email")
                .map(EmailAddress::parse)
                .transpose()
                .map_err(stored)?;
            let enable_from = text(after, "enable_from")?
                .parse()
                .map_err(|e| anyhow::anyhow!("stored date: {e}"))?;
            let created = change
                .create_da(&NewDa {
                    id: &id,
                    role,
                    surname: text(after, "surname")?,
                    other_names: text(after, "other_names")?,
                    email: email.as_ref(),
                    enable_from,
                })
                .await;
            match created {
                Ok(()) => Some(AuditAction::DaCreated),
                Err(e) if e.is::<crate::server::store::AlreadyExists>() => None,
                Err(e) => return Err(e),
            }
        }
        OperatorAction::DeleteDa => {
            let id = DaUserId::parse(&request.subject).map_err(stored)?;
            change
                .delete_da(&id)
                .await?
                .then_some(AuditAction::DaDeleted)
        }
        OperatorAction::SetDaEmail => {
            let id = DaUserId::parse(&request.subject).map_err(stored)?;
            let before = maybe_text(&request.before, "email");
            let after = maybe_text(&request.after, "email")
                .map(EmailAddress::parse)
                .transpose()
                .map_err(stored)?;
            if !change.set_da_email(&id, before, after.as_ref()).await? {
                return Ok(None);
            }
            let login = LoginId::Da(id);
            if let Some(old) = before
                .map(EmailAddress::parse)
                .transpose()
                .map_err(stored)?
            {
                announce_to(change, &login, &old, Notice::EmailChangedAway).await?;
            }
            if after.is_some() {
                announce(change, &login, Notice::EmailRegistered, None).await?;
            }
            Some(AuditAction::DaEmailSet)
        }
        OperatorAction::MovePhase => {
            let from = MigrationPhase::try_from(text(&request.before, "phase")?)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let to = MigrationPhase::try_from(text(&request.after, "phase")?)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if to == MigrationPhase::PostParallel {
                change
                    .cut_over(&request.request_id, from, approver.as_str())
                    .await?
                    .map(|_| AuditAction::PhaseMoved)
            } else {
                change
                    .move_phase(from, to)
                    .await?
                    .then_some(AuditAction::PhaseMoved)
            }
        }
        OperatorAction::AddDaFunctions => {
            let login = LoginId::parse(&request.subject).map_err(stored)?;
            let role = DaRole::try_from(text(&request.after, "da_role")?)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            change
                .add_da_functions(&login, role)
                .await?
                .then_some(AuditAction::DaFunctionsAdded)
        }
        OperatorAction::RestoreProfile => change
            .restore_archived(text(&request.after, "archive_id")?)
            .await?
            .map(|_| AuditAction::ProfileRestored),
        OperatorAction::AddOperator => {
            let id = OperatorId::parse(&request.subject).map_err(stored)?;
            let email = maybe_text(&request.after, "email")
                .map(EmailAddress::parse)
                .transpose()
                .map_err(stored)?;
            match change
                .add_operator(&id, text(&request.after, "name")?, email.as_ref())
                .await
            {
                Ok(()) => Some(AuditAction::OperatorAdded),
                Err(e) if e.is::<crate::server::store::AlreadyExists>() => None,
                Err(e) => return Err(e),
            }
        }
        OperatorAction::RemoveOperator => {
            let id = OperatorId::parse(&request.subject).map_err(stored)?;
            change
                .remove_operator(&id)
                .await?
                .then_some(AuditAction::OperatorRemoved)
        }
    })
}
