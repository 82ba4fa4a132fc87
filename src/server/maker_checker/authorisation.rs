//! "Get Authorisation Code" and the check of a typed code (R9), with the limit on wrong codes per
//! (screen, checker) pair that never touches the checker's log-in lock.

use webauthn_rs::prelude::PublicKeyCredential;

use crate::api::{AuthorisationCodeView, CodeUseView, Confirmation};
use crate::domain::{hong_kong, AuditAction, CodeMonth, DaRole, LoginId, RequestAction};
use crate::server::auth::admission::{admitted, NotAdmitted};
use crate::server::auth::notices::announce;
use crate::server::failure::{ApiFailure, DmsError, FieldProblem, InvalidInput};
use crate::server::mail::Notice;
use crate::server::security::authorisation_code::{code_for, matches, new_key};
use crate::server::security::passkeys::PasskeyAuthentication;
use crate::server::state::AppState;
use crate::server::store::{AuditEvent, Ceremony, Change, CodeAttempt, CodeUse, MAX_WRONG_CODES};

use super::DaActor;

/// This month's code of the calling checker, with the approvals it made at others' screens
/// since it was last renewed; a key is made on first use.
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
    code_view(state, checker.id, &key).await
}

/// The checker's code dies at once and a new one takes its place (issue 26): for a checker who
/// sees an approval they did not make, or who typed their code where someone could watch.
pub async fn renew_code(
    state: &AppState,
    checker: DaActor<'_>,
) -> Result<AuthorisationCodeView, ApiFailure> {
    if checker.role != DaRole::Checker {
        return Err(DmsError::FourEyes(crate::domain::FourEyesError::NotAChecker).into());
    }
    let key = new_key();
    let mut change = state.change().await?;
    change.renew_authorisation_key(checker.id, &key).await?;
    change
        .record(AuditEvent::own(
            checker.id,
            AuditAction::AuthorisationCodeRenewed,
        ))
        .await?;
    state.commit(change).await?;
    code_view(state, checker.id, &key).await
}

async fn code_view(
    state: &AppState,
    checker: &LoginId,
    key: &str,
) -> Result<AuthorisationCodeView, ApiFailure> {
    let month = CodeMonth::of(state.now());
    let uses = state
        .store
        .code_uses(checker, hong_kong::start_of(month.first_day()))
        .await?;
    let used_elsewhere = uses
        .into_iter()
        .map(|used| {
            let at = jiff::Timestamp::from_millisecond(used.used_at)?;
            Ok(CodeUseView {
                request_id: used.request_id,
                typed_by: used.typed_by,
                action: RequestAction::try_from(used.action.as_str()).ok(),
                subject: used.subject,
                at: hong_kong::format_date_time(at),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(AuthorisationCodeView {
        checker_id: checker.as_str().to_owned(),
        code: code_for(key, checker, month)?,
        month: month.label(),
        valid_until: hong_kong::format_date(month.last_day()),
        used_elsewhere,
    })
}

/// A code that authorised at someone else's screen: kept for the checker's page and mailed to
/// them at once, in the change that applies the approval (issue 26).
pub async fn record_use_elsewhere(
    change: &mut Change,
    checker: &LoginId,
    typed_by: &LoginId,
    request_id: &str,
    action: Option<RequestAction>,
    subject: &str,
) -> anyhow::Result<()> {
    if checker == typed_by {
        return Ok(());
    }
    let stored = action.map_or(CodeUse::EMAIL_BATCH, RequestAction::as_str);
    change
        .record_code_use(checker, request_id, typed_by, stored, subject)
        .await?;
    announce(
        change,
        checker,
        Notice::CodeUsedElsewhere {
            typed_by: typed_by.clone(),
            action,
            subject: subject.to_owned(),
        },
        None,
    )
    .await
}

/// The checker a confirmation names, proven by their code: a DA checker of the participant who
/// stands today as log-in asks (R26b), with this month's code. Codes are counted per (screen,
/// checker) pair: at most five are judged in 15 minutes, the sixth is refused unjudged (429), so
/// a maker can block only their own screen and never the checker's own session.
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
    let is_checker_here =
        |principal: &crate::domain::Principal| principal.is_da(caller.participant, DaRole::Checker);
    match admitted(state, &checker).await? {
        Ok(principal) if is_checker_here(&principal) => {}
        // The checker's authority follows their log-in: disabled or outside their dates, none.
        Err(NotAdmitted::Refused(principal, _)) if is_checker_here(&principal) => {
            return Err(InvalidInput::of("checker_id", FieldProblem::CheckerMayNotAuthorise).into())
        }
        _ => return Err(InvalidInput::of("checker_id", FieldProblem::NotAChecker).into()),
    }
    // In a checker's own session (the remote way), the code proves that checker only.
    if caller.role == DaRole::Checker && &checker != caller.id {
        return Err(InvalidInput::of("checker_id", FieldProblem::CheckerIsYou).into());
    }
    let now = state.now();
    let nth = match state
        .store
        .claim_code_attempt(caller.id, &checker, now)
        .await?
    {
        CodeAttempt::Judge { nth } => nth,
        CodeAttempt::Refused { until } => {
            return Err(DmsError::CodeBlocked {
                checker,
                until,
                now,
            }
            .into())
        }
    };
    let month = CodeMonth::of(now);
    let right = match state.store.authorisation_key(&checker).await? {
        Some(key) => matches(&key, &checker, month, &confirmation.authorisation_code)?,
        None => false,
    };
    let at_someone_elses_screen = caller.id != &checker;
    // Where the participant asks it, the checker at someone else's screen also proves their
    // own second factor; a wrong one counts as the wrong code it stands beside.
    let second_factor = if right && at_someone_elses_screen {
        checker_second_factor(state, caller, &checker, confirmation).await?
    } else {
        Ok(())
    };
    if right && second_factor.is_ok() {
        state
            .store
            .release_code_attempt(caller.id, &checker)
            .await?;
        return Ok(checker);
    }
    let mut change = state.change().await?;
    change
        .record(AuditEvent {
            actor: caller.id.as_str(),
            action: AuditAction::AuthorisationCodeWrong,
            subject: Some(checker.as_str()),
            detail: request_id,
        })
        .await?;
    // The checker hears of codes naming them refused elsewhere: at the first of a window, and
    // when the window's last one blocks that screen.
    if nth >= MAX_WRONG_CODES {
        change.block_code_attempts(caller.id, &checker).await?;
        change
            .record(AuditEvent {
                actor: caller.id.as_str(),
                action: AuditAction::AuthorisationCodeBlocked,
                subject: Some(checker.as_str()),
                detail: request_id,
            })
            .await?;
    }
    if at_someone_elses_screen && (nth == 1 || nth >= MAX_WRONG_CODES) {
        announce(
            &mut change,
            &checker,
            Notice::AuthorisationCodeRefused {
                typed_by: caller.id.clone(),
                blocked: nth >= MAX_WRONG_CODES,
            },
            None,
        )
        .await?;
    }
    state.commit(change).await?;
    Err(match second_factor {
        Err(problem) => InvalidInput::of("checker_otp", problem),
        Ok(()) => InvalidInput::of("authorisation_code", FieldProblem::WrongAuthorisationCode),
    }
    .into())
}

/// A DA checker of the caller's participant who stands today as log-in asks (R26b).
async fn admitted_checker(
    state: &AppState,
    caller: DaActor<'_>,
    checker: &LoginId,
) -> Result<(), ApiFailure> {
    let is_checker_here =
        |principal: &crate::domain::Principal| principal.is_da(caller.participant, DaRole::Checker);
    match admitted(state, checker).await? {
        Ok(principal) if is_checker_here(&principal) => Ok(()),
        // The checker's authority follows their log-in: disabled or outside their dates, none.
        Err(NotAdmitted::Refused(principal, _)) if is_checker_here(&principal) => {
            Err(InvalidInput::of("checker_id", FieldProblem::CheckerMayNotAuthorise).into())
        }
        _ => Err(InvalidInput::of("checker_id", FieldProblem::NotAChecker).into()),
    }
}

/// Issue 26: where `participant`'s policy asks it, the checker's own second factor at another
/// DA's screen: a one-time password from their app (each time step once) or their passkey's
/// answer to the challenge this screen asked for them. Never counted towards the checker's
/// log-in lock: a maker typing wrong ones must not lock the checker out.
async fn checker_second_factor(
    state: &AppState,
    caller: DaActor<'_>,
    checker: &LoginId,
    confirmation: &Confirmation,
) -> Result<Result<(), FieldProblem>, ApiFailure> {
    if !state
        .store
        .checker_factor_at_screen(caller.participant)
        .await?
    {
        return Ok(Ok(()));
    }
    if !confirmation.checker_passkey.trim().is_empty() {
        return checker_passkey(state, caller, checker, &confirmation.checker_passkey).await;
    }
    let typed = &confirmation.checker_otp;
    if typed.trim().is_empty() {
        return Ok(Err(FieldProblem::CheckerOtpRequired));
    }
    let code = match crate::domain::otp::OtpCode::parse(typed) {
        Ok(code) => code,
        Err(e) => return Ok(Err(e.into())),
    };
    let totp = state.store.totp_state(checker).await?;
    let Some(secret) = &totp.active else {
        return Ok(Err(FieldProblem::CheckerHasNoApp));
    };
    let Some(step) = secret.matching_step(&code, state.unix_seconds()) else {
        return Ok(Err(FieldProblem::CheckerOtpWrong));
    };
    if !state.store.accept_totp_step(checker, step).await? {
        return Ok(Err(FieldProblem::CheckerOtpWrong));
    }
    Ok(Ok(()))
}

/// A passkey ceremony a maker's screen started for one checker (issue 26): the checker it was
/// for travels with webauthn-rs's state, so that it answers for that checker only.
#[derive(serde::Serialize, serde::Deserialize)]
struct CheckerCeremony {
    checker: String,
    state: PasskeyAuthentication,
}

/// The options for the checker's own passkey at the caller's screen, where the participant's
/// policy asks for the checker's second factor.
pub async fn checker_passkey_challenge(
    state: &AppState,
    caller: DaActor<'_>,
    raw_checker: &str,
) -> Result<crate::api::PasskeyChallenge, ApiFailure> {
    let checker =
        LoginId::parse(raw_checker).map_err(|e| InvalidInput::of("checker_id", e.into()))?;
    admitted_checker(state, caller, &checker).await?;
    if !state
        .store
        .checker_factor_at_screen(caller.participant)
        .await?
    {
        return Err(InvalidInput::of("checker_id", FieldProblem::NotOffered).into());
    }
    let registered: Vec<_> = state
        .store
        .passkeys_of(&checker)
        .await?
        .into_iter()
        .map(|p| p.passkey)
        .collect();
    if registered.is_empty() {
        return Err(InvalidInput::of("checker_id", FieldProblem::CheckerHasNoPasskey).into());
    }
    let (options, ceremony) = state.passkeys.start_authentication(&registered)?;
    let ceremony = CheckerCeremony {
        checker: checker.as_str().to_owned(),
        state: ceremony,
    };
    let options = serde_json::to_string(&options).map_err(anyhow::Error::from)?;
    let ceremony = serde_json::to_string(&ceremony).map_err(anyhow::Error::from)?;
    let mut change = state.change().await?;
    change
        .begin_ceremony(
            &caller.session.token_hash,
            Ceremony::Authenticate,
            &ceremony,
        )
        .await?;
    state.commit(change).await?;
    Ok(crate::api::PasskeyChallenge { options })
}

async fn checker_passkey(
    state: &AppState,
    caller: DaActor<'_>,
    checker: &LoginId,
    answer: &str,
) -> Result<Result<(), FieldProblem>, ApiFailure> {
    let Ok(credential) = serde_json::from_str::<PublicKeyCredential>(answer) else {
        return Ok(Err(FieldProblem::Malformed));
    };
    let registered: Vec<_> = state
        .store
        .passkeys_of(checker)
        .await?
        .into_iter()
        .map(|p| p.passkey)
        .collect();
    let mut change = state.change().await?;
    let ceremony: Option<CheckerCeremony> = change
        .take_ceremony(&caller.session.token_hash, Ceremony::Authenticate)
        .await?
        .and_then(|stored| serde_json::from_str(&stored).ok());
    let verdict = match ceremony {
        Some(ceremony) if ceremony.checker == checker.as_str() => {
            match state
                .passkeys
                .finish_authentication(&credential, &ceremony.state, &registered)
            {
                Ok(used) => {
                    change.passkey_used(checker, &used).await?;
                    Ok(())
                }
                Err(_) => Err(FieldProblem::CheckerPasskeyRefused),
            }
        }
        _ => Err(FieldProblem::CheckerPasskeyNotAsked),
    };
    state.commit(change).await?;
    Ok(verdict)
}
