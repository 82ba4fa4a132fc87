//! What one operator does alone, each step audited: participants (R1, R27), unlocking a DA or an
//! operator (R24), a DA's lost phone, users before the parallel run (R13), and the holiday
//! calendar (R11).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::api::{NewParticipantForm, OperatorNewUser};
use crate::domain::table_one::{self, Actor, ProfileFunction};
use crate::domain::{
    AuditAction, DaUserId, LoginId, OperatorId, ParticipantId, ProfileDetails, UserId,
};
use crate::server::failure::{
    ApiFailure, FieldProblem, HolidayRowProblem, InvalidInput, OperatorError,
};
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Holiday};

async fn record(
    state: &AppState,
    operator: &OperatorId,
    action: AuditAction,
    subject: &str,
    detail: &str,
    write: impl AsyncFnOnce(&mut crate::server::store::Change) -> anyhow::Result<()>,
) -> Result<(), ApiFailure> {
    let mut change = state.change().await?;
    write(&mut change).await?;
    change
        .record(AuditEvent {
            actor: operator.as_str(),
            action,
            subject: Some(subject),
            detail,
        })
        .await?;
    state.commit(change).await?;
    Ok(())
}

/// The longest participant name the console takes.
const PARTICIPANT_NAME_MAX: usize = 100;

pub async fn create_participant(
    state: &AppState,
    operator: &OperatorId,
    form: &NewParticipantForm,
) -> Result<(), ApiFailure> {
    let mut problems = InvalidInput::new();
    let id = problems.check("participant_id", ParticipantId::parse(&form.participant_id));
    let name = problems.check(
        "name",
        crate::domain::FreeText::parse(&form.name, PARTICIPANT_NAME_MAX)
            .map_err(crate::domain::DetailError::from),
    );
    let kind = form.kind.trim();
    if crate::domain::ParticipantKind::try_from(kind).is_err() {
        problems.add("kind", FieldProblem::NotOffered);
    }
    let principal = match form.principal.trim() {
        "" => None,
        raw => problems.check("principal", ParticipantId::parse(raw)),
    };
    problems.finish()?;
    let id = id.expect("parsed");
    let name = name.expect("parsed");
    let name = name.as_str();
    if let Some(principal) = &principal {
        if !state.store.participant_exists(principal).await? {
            return Err(InvalidInput::of("principal", FieldProblem::UnknownParticipant).into());
        }
    }
    let detail = serde_json::json!({ "name": name, "kind": kind, "principal": principal.as_ref().map(|p| p.as_str()) }).to_string();
    record(
        state,
        operator,
        AuditAction::ParticipantCreated,
        id.as_str(),
        &detail,
        async |change| {
            change
                .create_participant(&id, name, kind, principal.as_ref())
                .await
        },
    )
    .await
}

/// A participant's policy that only an operator sets, each recorded in the audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParticipantPolicy {
    /// Issue 17: whether its users may receive one-time passwords by e-mail. Refusing it is the
    /// operator's explicit choice; its users then register the app or a passkey at their next
    /// log-in.
    EmailOtpAllowed(bool),
    /// Issue 26: whether its checkers give their own second factor beside their code at
    /// another DA's screen; off by default.
    CheckerFactorAtScreen(bool),
}

impl ParticipantPolicy {
    fn audit_detail(self) -> &'static str {
        match self {
            Self::EmailOtpAllowed(true) => "EMAIL_OTP_ALLOWED",
            Self::EmailOtpAllowed(false) => "EMAIL_OTP_REFUSED",
            Self::CheckerFactorAtScreen(true) => "CHECKER_FACTOR_AT_SCREEN_ASKED",
            Self::CheckerFactorAtScreen(false) => "CHECKER_FACTOR_AT_SCREEN_NOT_ASKED",
        }
    }
}

/// Sets `policy` for the participant `raw`.
pub async fn set_policy(
    state: &AppState,
    operator: &OperatorId,
    raw: &str,
    policy: ParticipantPolicy,
) -> Result<(), ApiFailure> {
    let id = ParticipantId::parse(raw).map_err(|e| InvalidInput::of("participant_id", e.into()))?;
    if !state.store.participant_exists(&id).await? {
        return Err(OperatorError::UnknownParticipant.into());
    }
    let by = LoginId::Operator(operator.clone());
    record(
        state,
        operator,
        AuditAction::FactorPolicySet,
        id.as_str(),
        policy.audit_detail(),
        async |change| match policy {
            ParticipantPolicy::EmailOtpAllowed(allowed) => {
                change.set_email_otp_policy(&id, allowed, &by).await
            }
            ParticipantPolicy::CheckerFactorAtScreen(required) => {
                change.set_checker_factor_policy(&id, required, &by).await
            }
        },
    )
    .await
}

/// R24: the operator unlocks a DA (a DA's users are unlocked by their DAs).
pub async fn unlock_da(
    state: &AppState,
    operator: &OperatorId,
    raw: &str,
) -> Result<(), ApiFailure> {
    let id = DaUserId::parse(raw).map_err(|e| InvalidInput::of("da_id", e.into()))?;
    state.store.da(&id).await?.ok_or(OperatorError::UnknownDa)?;
    let login = LoginId::Da(id);
    record(
        state,
        operator,
        AuditAction::LoginUnlocked,
        login.as_str(),
        "",
        async |change| change.unlock_login(&login).await.map(|_| ()),
    )
    .await
}

pub async fn unlock_operator(
    state: &AppState,
    operator: &OperatorId,
    raw: &str,
) -> Result<(), ApiFailure> {
    let id = OperatorId::parse(raw).map_err(|e| InvalidInput::of("operator_id", e.into()))?;
    if !state
        .store
        .operators()
        .await?
        .iter()
        .any(|o| o.operator_id == id.as_str())
    {
        return Err(OperatorError::UnknownOperator.into());
    }
    let login = LoginId::Operator(id);
    record(
        state,
        operator,
        AuditAction::LoginUnlocked,
        login.as_str(),
        "",
        async |change| change.unlock_login(&login).await.map(|_| ()),
    )
    .await
}

/// A DA's lost phone: the next log-in registers a device again; its sessions end (R26b).
pub async fn reset_da_soft_token(
    state: &AppState,
    operator: &OperatorId,
    raw: &str,
) -> Result<(), ApiFailure> {
    let id = DaUserId::parse(raw).map_err(|e| InvalidInput::of("da_id", e.into()))?;
    state.store.da(&id).await?.ok_or(OperatorError::UnknownDa)?;
    let login = LoginId::Da(id);
    record(
        state,
        operator,
        AuditAction::SecondFactorReset,
        login.as_str(),
        "",
        async |change| {
            change.reset_second_factor(&login).await?;
            crate::server::auth::notices::announce(
                change,
                &login,
                crate::server::mail::Notice::SoftTokenReset,
                None,
            )
            .await
        },
    )
    .await
}

/// R13: before the parallel run the operator creates users (Table 1).
pub async fn create_user(
    state: &AppState,
    operator: &OperatorId,
    form: &OperatorNewUser,
) -> Result<(), ApiFailure> {
    let phase = state.store.migration_phase().await?;
    table_one::check(Actor::Operator, ProfileFunction::CreateUser, phase)
        .map_err(OperatorError::NotInPhase)?;
    let mut problems = InvalidInput::new();
    let id = problems.check("user_id", UserId::parse(&form.user_id));
    let details = match ProfileDetails::parse(&form.profile) {
        Ok(details) => Some(details),
        Err(list) => {
            for (field, problem) in list {
                problems.add(field.as_str(), FieldProblem::from(problem));
            }
            None
        }
    };
    problems.finish()?;
    let (id, details) = (id.expect("parsed"), details.expect("parsed"));
    if !state.store.participant_exists(&id.participant()).await? {
        return Err(InvalidInput::of("user_id", FieldProblem::UnknownParticipant).into());
    }
    let subject = id.as_str().to_owned();
    let mut change = state.change().await?;
    if change.profile_exists(&id).await? {
        return Err(InvalidInput::of("user_id", FieldProblem::IdTaken).into());
    }
    change.create_user_profile(&id, &details).await?;
    change
        .record(AuditEvent {
            actor: operator.as_str(),
            action: AuditAction::ProfileCreated,
            subject: Some(&subject),
            detail: &serde_json::to_string(&details).unwrap_or_default(),
        })
        .await?;
    state.commit(change).await?;
    Ok(())
}

/// R11: an uploaded calendar, `date,name` per row (a header row allowed); every bad row named,
/// and nothing replaced unless every row is right.
pub fn parse_calendar(csv: &str) -> Result<Vec<Holiday>, InvalidInput> {
    let mut problems = InvalidInput::new();
    let mut seen = BTreeSet::new();
    let mut holidays = Vec::new();
    let mut first_problem = None;
    for (n, line) in csv.lines().enumerate() {
        let row = n + 1;
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let (day, name) = line.split_once(',').unwrap_or((line, ""));
        let day = day.trim().trim_matches('"');
        let name = name.trim().trim_matches('"');
        let parsed: Option<Date> = day.parse().ok();
        let problem = match parsed {
            None if n == 0 => continue, // a header
            None => Some(HolidayRowProblem::BadDate),
            Some(_) if name.is_empty() => Some(HolidayRowProblem::NoName),
            Some(_) if name.chars().any(crate::domain::free_text::is_invisible) => {
                Some(HolidayRowProblem::InvisibleCharacter)
            }
            Some(d) if !seen.insert(d) => Some(HolidayRowProblem::Twice),
            Some(_) => None,
        };
        match (problem, parsed) {
            (Some(problem), _) => {
                first_problem.get_or_insert(FieldProblem::HolidayRow { row, problem });
            }
            (None, Some(day)) => holidays.push(Holiday {
                day,
                name: name.to_owned(),
            }),
            (None, None) => {}
        }
    }
    if let Some(problem) = first_problem {
        problems.add("csv", problem);
    } else if holidays.is_empty() {
        problems.add("csv", FieldProblem::HolidaysEmpty);
    }
    problems.finish()?;
    Ok(holidays)
}

/// R6: the operator maintains a DA's names, status and dates at once; its role stays, and its
/// e-mail changes only through a request a second operator approves.
pub async fn change_da(
    state: &AppState,
    operator: &OperatorId,
    raw: &str,
    change: &crate::api::DaChange,
) -> Result<(), ApiFailure> {
    let id = DaUserId::parse(raw).map_err(|e| InvalidInput::of("da_id", e.into()))?;
    let phase = state.store.migration_phase().await?;
    table_one::check(Actor::Operator, ProfileFunction::MaintainDa, phase)
        .map_err(OperatorError::NotInPhase)?;
    let current = state.store.da(&id).await?.ok_or(OperatorError::UnknownDa)?;
    let form = crate::api::ProfileForm {
        status: change.status.clone(),
        surname: change.surname.clone(),
        other_names: change.other_names.clone(),
        email: current.email.clone().unwrap_or_default(),
        enable_from: change.enable_from.clone(),
        disable_after: change.disable_after.clone(),
        clearing_houses: vec!["CASH".into()],
    };
    let details = ProfileDetails::parse(&form).map_err(|list| {
        let mut problems = InvalidInput::new();
        for (field, problem) in list {
            problems.add(field.as_str(), FieldProblem::from(problem));
        }
        problems
    })?;
    let detail = serde_json::to_string(change).unwrap_or_default();
    let subject = id.as_str().to_owned();
    record(
        state,
        operator,
        AuditAction::DaChanged,
        &subject,
        &detail,
        async |c| c.change_da(&id, &details).await.map(|_| ()),
    )
    .await
}

/// R16 (after the cut-over): a business user's groups put on a DA of the same participant.
pub async fn add_business_groups(
    state: &AppState,
    operator: &OperatorId,
    raw_da: &str,
    raw_user: &str,
) -> Result<(), ApiFailure> {
    let id = DaUserId::parse(raw_da).map_err(|e| InvalidInput::of("da_id", e.into()))?;
    let phase = state.store.migration_phase().await?;
    table_one::check(
        Actor::Operator,
        ProfileFunction::AddBusinessGroupsToDa,
        phase,
    )
    .map_err(OperatorError::NotInPhase)?;
    let user_id = crate::domain::UserId::parse(raw_user.trim())
        .map_err(|e| InvalidInput::of("user_id", e.into()))?;
    if user_id.participant() != id.participant() {
        return Err(InvalidInput::of("user_id", FieldProblem::OtherParticipant).into());
    }
    let da_login = LoginId::Da(id.clone());
    let participant = id.participant();
    let da = state
        .store
        .participant_profile(&participant, &da_login)
        .await?
        .ok_or(OperatorError::UnknownDa)?;
    let user = state
        .store
        .participant_profile(&participant, &LoginId::User(user_id.clone()))
        .await?
        .filter(|p| p.da_role.is_none())
        .ok_or_else(|| InvalidInput::of("user_id", FieldProblem::NotAUserOfYours))?;
    let groups = crate::domain::business_groups::merged(
        &da.business_user_groups,
        &user.business_user_groups,
    )
    .ok_or(crate::server::failure::DmsError::NothingChanged)?;
    let detail = serde_json::json!({
        "from": user_id.as_str(),
        "before": da.business_user_groups.join(","),
        "after": groups.join(","),
    })
    .to_string();
    let mut applied = true;
    record(
        state,
        operator,
        AuditAction::BusinessGroupsAdded,
        da_login.as_str(),
        &detail,
        async |change| {
            applied = change
                .set_business_groups(&da_login, da.version, &groups)
                .await?;
            Ok(())
        },
    )
    .await?;
    if !applied {
        return Err(OperatorError::Stale.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r11_a_calendar_reads_with_or_without_a_header_and_names_its_first_bad_row() {
        let good = parse_calendar(
            "date,name\n2028-01-01,The first day of January\n\n2028-01-26,Lunar New Year's Day\n",
        )
        .unwrap();
        assert_eq!(good.len(), 2);
        assert!(parse_calendar("2028-01-01,New Year\n").is_ok());
        for bad in [
            "date,name\n2028-01-01,New Year\n2028-13-01,Nonsense\n",
            "2028-01-01,\n",
            "2028-01-01,A\n2028-01-01,B\n",
            "date,name\n",
            "2028-01-01,New\u{202E}Year\n",
        ] {
            assert!(parse_calendar(bad).is_err(), "{bad:?}");
        }
    }
}
