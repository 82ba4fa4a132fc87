//! Bulk e-mail registration under one authorisation: a DA maker's file, checked row by row
//! against the profiles as they stand (nothing written); the valid rows recorded as one batch;
//! a DA checker's Checker ID + Authorisation Code applies it, each row judged again (R8): a row
//! that went stale or has another request pending is refused alone, the others applied, every
//! one's before and after kept, each changed address told.

use std::collections::{HashMap, HashSet};

use crate::domain::bulk_email::{rows_of, RowOutcome, RowProblem, RowVerdict, MAX_ROWS};
use crate::domain::maker_checker::{expiry, may_make};
use crate::domain::table_one::{self, Actor, ProfileFunction};
use crate::domain::{
    AuditAction, AuditRecord, BatchRecord, BatchRowRecord, EmailAddress, ParticipantId,
    RequestAction, UserId,
};
use crate::server::auth::notices::{announce, announce_to};
use crate::server::failure::{ApiFailure, DmsError, FieldProblem, InvalidInput};
use crate::server::four_eyes::{Applied, Found, Header, PendingItem};
use crate::server::mail::Notice;
use crate::server::state::AppState;
use crate::server::store::{
    AuditEvent, Change, NewBatchRow, PendingTable, ScopeProfile, Store, StoredBatch,
};

use super::{DaActor, DmsItem, DmsKind};

/// What a file may name: the profiles of the DA's participant and of its settlement agents
/// (R26, R27), and those participants.
struct Scope {
    profiles: HashMap<String, ScopeProfile>,
    participants: HashSet<String>,
}

/// A row of the file, judged.
pub struct Judged {
    pub line: usize,
    pub user_id: String,
    pub email: String,
    pub before: Option<String>,
    version: i64,
    pub result: Result<RowVerdict, RowProblem>,
}

/// The file's records with their line numbers; a file that is no CSV at all is one problem.
fn records(csv_text: &str) -> Result<Vec<(usize, Vec<String>)>, InvalidInput> {
    let text = csv_text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| InvalidInput::of("csv", FieldProblem::NotOffered))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        records.push((line, record.iter().map(str::to_owned).collect()));
        if records.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(records)
}

/// Every row of the file judged against the DA's scope, as it stands now.
async fn judge(
    state: &AppState,
    maker: DaActor<'_>,
    csv_text: &str,
) -> Result<Vec<Judged>, ApiFailure> {
    let rows = rows_of(records(csv_text)?);
    if rows.is_empty() {
        return Err(InvalidInput::of("csv", FieldProblem::BatchEmpty).into());
    }
    if rows.len() > MAX_ROWS {
        return Err(InvalidInput::of("csv", FieldProblem::BatchTooLong).into());
    }
    let mut participants: HashSet<String> = state
        .store
        .agents_of(maker.participant)
        .await?
        .iter()
        .map(|p| p.as_str().to_owned())
        .collect();
    participants.insert(maker.participant.as_str().to_owned());
    let scope = Scope {
        profiles: state.store.scope_profiles(maker.participant).await?,
        participants,
    };
    let mut seen = HashSet::new();
    Ok(rows
        .into_iter()
        .map(|(line, cells)| judge_row(line, &cells, &scope, &mut seen))
        .collect())
}

fn judge_row(line: usize, cells: &[String], scope: &Scope, seen: &mut HashSet<String>) -> Judged {
    let cell = |n: usize| cells.get(n).cloned().unwrap_or_default();
    let (user_id, email) = (cell(0).to_ascii_uppercase(), cell(1));
    let mut judged = Judged {
        line,
        user_id,
        email,
        before: None,
        version: 0,
        result: Err(RowProblem::Malformed),
    };
    if cells.len() != 2 {
        return judged;
    }
    let id = match UserId::parse(&judged.user_id) {
        Ok(id) => id,
        Err(e) => {
            judged.result = Err(RowProblem::BadId(e));
            return judged;
        }
    };
    let address = match EmailAddress::parse(&judged.email) {
        Ok(address) => address,
        Err(e) => {
            judged.result = Err(RowProblem::BadEmail(e));
            return judged;
        }
    };
    judged.email = address.as_str().to_owned();
    if !seen.insert(id.as_str().to_owned()) {
        judged.result = Err(RowProblem::Twice);
        return judged;
    }
    let Some(profile) = scope.profiles.get(id.as_str()) else {
        let reachable = scope.participants.contains(id.participant().as_str());
        judged.result = Err(if reachable {
            RowProblem::NoSuchUser
        } else {
            RowProblem::NotYours
        });
        return judged;
    };
    judged.before = profile.email.clone();
    judged.version = profile.version;
    judged.result = if profile.is_da {
        Err(RowProblem::DaProfile)
    } else if profile.pending {
        Err(RowProblem::Pending)
    } else {
        let before = profile
            .email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok());
        Ok(RowVerdict::of(before.as_ref(), &address))
    };
    judged
}

/// R13: registering a user's e-mail is open to DAs in every phase; asked all the same.
async fn table_one_allows(state: &AppState) -> Result<(), ApiFailure> {
    let phase = state.store.migration_phase().await?;
    table_one::check(Actor::Da, ProfileFunction::RegisterUserEmail, phase)
        .map_err(|refusal| DmsError::NotInPhase(refusal).into())
}

/// The check: every row judged, nothing written.
pub async fn check(
    state: &AppState,
    maker: DaActor<'_>,
    csv_text: &str,
) -> Result<Vec<Judged>, ApiFailure> {
    may_make(maker.role).map_err(DmsError::from)?;
    judge(state, maker, csv_text).await
}

/// The batch: the rows that register or change an e-mail, pending a checker.
pub async fn make(
    state: &AppState,
    maker: DaActor<'_>,
    csv_text: &str,
) -> Result<StoredBatch, ApiFailure> {
    may_make(maker.role).map_err(DmsError::from)?;
    table_one_allows(state).await?;
    let judged = judge(state, maker, csv_text).await?;
    let taken: Vec<&Judged> = judged
        .iter()
        .filter(|j| matches!(j.result, Ok(v) if v.changes()))
        .collect();
    if taken.is_empty() {
        return Err(InvalidInput::of("csv", FieldProblem::BatchNothingToRegister).into());
    }
    let rows: Vec<NewBatchRow> = taken
        .iter()
        .map(|j| NewBatchRow {
            line: j.line as i64,
            user_id: &j.user_id,
            before: j.before.as_deref(),
            after: &j.email,
            base_version: j.version,
        })
        .collect();
    let calendar = state.store.holiday_calendar().await?;
    let mut change = state.change().await?;
    let expires_at = expiry(change.at(), &calendar);
    let batch_id = change
        .insert_email_batch(maker.participant, maker.id, expires_at, &rows)
        .await?;
    let detail = BatchRecord {
        batch: &batch_id,
        rows: Some(rows.len()),
        reason: None,
    }
    .detail();
    change
        .record(AuditEvent {
            actor: maker.id.as_str(),
            action: AuditAction::RequestMade,
            subject: None,
            detail: &detail,
        })
        .await?;
    super::reminders::remind_checkers(&mut change, maker.participant).await?;
    state.commit(change).await?;
    read(state, maker, &batch_id).await
}

/// One batch of the DA's participant.
pub async fn read(
    state: &AppState,
    caller: DaActor<'_>,
    batch_id: &str,
) -> Result<StoredBatch, ApiFailure> {
    Ok(state
        .store
        .email_batch(caller.participant, batch_id)
        .await?
        .ok_or(DmsError::UnknownBatch)?)
}

/// E-mail batches as a DA of one participant reaches them (R26).
pub type Batches<'a> = DmsKind<'a, StoredBatch>;

impl PendingItem for StoredBatch {
    const TABLE: PendingTable = PendingTable::EmailBatches;

    fn header(&self) -> Header<'_> {
        let subject = Some(self.participant.as_str());
        Header::new(&self.batch_id, &self.maker, self.status, subject)
    }

    async fn reload(change: &mut Change, id: &str) -> Found<Self> {
        change.email_batch_by_id(id).await
    }

    fn audit_detail(&self) -> String {
        BatchRecord {
            batch: &self.batch_id,
            rows: None,
            reason: self.reason.as_deref(),
        }
        .detail()
    }
}

impl DmsItem for StoredBatch {
    const UNKNOWN: DmsError = DmsError::UnknownBatch;

    /// Each row judged again and applied or refused alone (R8): a batch is never stale whole.
    async fn apply(&self, change: &mut Change) -> anyhow::Result<Applied> {
        let batch = self;
        for row in &batch.rows {
            let outcome = change.apply_batch_row(&batch.batch_id, row).await?;
            let detail = BatchRowRecord {
                batch: &batch.batch_id,
                line: row.line,
                before: row.before.as_deref(),
                after: &row.after,
                outcome,
            }
            .detail();
            let action = match outcome {
                RowOutcome::Applied => AuditAction::ProfileChanged,
                RowOutcome::Refused(_) => AuditAction::RequestStale,
            };
            change
                .record(AuditEvent {
                    actor: batch.maker.as_str(),
                    action,
                    subject: Some(row.user_id.as_str()),
                    detail: &detail,
                })
                .await?;
            if outcome == RowOutcome::Applied {
                if let Some(old) = row
                    .before
                    .as_deref()
                    .and_then(|e| EmailAddress::parse(e).ok())
                {
                    announce_to(change, &row.user_id, &old, Notice::EmailChangedAway).await?;
                }
                announce(change, &row.user_id, Notice::EmailRegistered, None).await?;
            }
        }
        Ok(Applied::Done)
    }

    fn action(&self) -> Option<RequestAction> {
        None
    }

    async fn find(store: &Store, scope: &ParticipantId, id: &str) -> Found<Self> {
        store.email_batch(scope, id).await
    }
}
