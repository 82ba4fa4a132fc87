//! "Get Authorisation Code" and the check of a typed code (R9), with the per-checker limit on
//! wrong codes that never touches the checker's log-in lock.

use crate::api::{AuthorisationCodeView, Confirmation};
use crate::domain::{hong_kong, AuditAction, CodeMonth, DaRole, LoginId};
use crate::server::auth::notices::announce;
use crate::server::http::error::{ApiFailure, DmsError, FieldProblem, InvalidInput};
use crate::server::mail::Notice;
use crate::server::security::authorisation_code::{code_for, matches, new_key};
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, WrongCode};

use super::DaActor;

/// This month's code of the calling checker; a key is made on first use.
pub async fn current_code(
    state: &AppState,
    checker: DaActor<'_>,
) -> Result<AuthorisationCodeView, ApiFailure> {
    if checker.role != DaRole::Checker {
        return Err(DmsError::FourEyes(crate::domain::FourEyesError::NotAChecker).into());
    }
    let key = match state.store.authorisation_key(checker.id).await? {
        Some(key) => key,
        None => {
            let mut change = state.change().await?;
            let key = change.authorisation_key(checker.id, &new_key()).await?;
            state.commit(change).await?;
            key
        }
    };
    let month = CodeMonth::of(state.now());
    Ok(AuthorisationCodeView {
        checker_id: checker.id.as_str().to_owned(),
        code: code_for(&key, checker.id, month)?,
        month: month.label(),
        valid_until: hong_kong::format_date(month.last_day()),
    })
}

/// The checker a confirmation names, proven by their code: a DA checker of the participant,
/// not blocked, with this month's code. A wrong code is counted (and may block the code) in a
/// change of its own, committed before the refusal is answered.
pub async fn proven_checker(
    state: &AppState,
    caller: DaActor<'_>,
    confirmation: &Confirmation,
    request_id: &str,
) -> Result<LoginId, ApiFailure> {
    let mut problems = InvalidInput::new();
    let checker = problems.check("checker_id", LoginId::parse(&confirmation.checker_id));
    if confirmation.authorisation_code.trim().is_empty() {
        problems.add(
            "authorisation_code",
            FieldProblem::Detail(crate::domain::DetailError::Required),
        );
    }
    problems.finish()?;
    let checker = checker.expect("parsed when no problem was found");
    let is_checker = match state.store.principal(&checker).await? {
        Some(principal) => principal.is_da(caller.participant, DaRole::Checker),
        None => false,
    };
    if !is_checker {
        return Err(InvalidInput::of("checker_id", FieldProblem::NotAChecker).into());
    }
    // In a checker's own session (the remote way), the code proves that checker only.
    if caller.role == DaRole::Checker && &checker != caller.id {
        return Err(InvalidInput::of("checker_id", FieldProblem::CheckerIsYou).into());
    }
    let now = state.now();
    if let Some(until) = state
        .store
        .authorisation_blocked_until(&checker, now)
        .await?
    {
        return Err(DmsError::CodeBlocked {
            checker,
            until,
            now,
        }
        .into());
    }
    let month = CodeMonth::of(now);
    let right = match state.store.authorisation_key(&checker).await? {
        Some(key) => matches(&key, &checker, month, &confirmation.authorisation_code)?,
        None => false,
    };
    if right {
        return Ok(checker);
    }
    let mut change = state.change().await?;
    let outcome = change.count_wrong_code(&checker).await?;
    change
        .record(AuditEvent {
            actor: caller.id.as_str(),
            action: AuditAction::AuthorisationCodeWrong,
            subject: Some(checker.as_str()),
            detail: request_id,
        })
        .await?;
    if let WrongCode::Blocked { .. } = outcome {
        change
            .record(AuditEvent::own(
                &checker,
                AuditAction::AuthorisationCodeBlocked,
            ))
            .await?;
        announce(
            &mut change,
            &checker,
            Notice::AuthorisationCodeBlocked,
            None,
        )
        .await?;
    }
    state.commit(change).await?;
    Err(match outcome {
        WrongCode::Blocked { until } => DmsError::CodeBlocked {
            checker,
            until,
            now,
        }
        .into(),
        WrongCode::Counted => {
            InvalidInput::of("authorisation_code", FieldProblem::WrongAuthorisationCode).into()
        }
    })
}
