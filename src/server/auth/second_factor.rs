//! The second factor behind its routes (R19–R24, R26a): a device registered and activated,
//! e-mail chosen, codes mailed and checked, recovery codes issued and spent, and the proof a
//! change of the factor needs. Handlers only read the request and word the answer.

use std::net::IpAddr;

use jiff::SignedDuration;

use crate::api::{DeviceProof, DeviceRegistration, OtpChannel, OtpSent};
use crate::domain::otp::{OtpCode, OtpPurpose, RecoveryCode, TotpSecret, RECOVERY_CODE_COUNT};
use crate::domain::{AuditAction, EmailAddress, LoginId};
use crate::i18n::Language;
use crate::server::auth::email_otp::{self, Issued};
use crate::server::auth::notices::announce;
use crate::server::auth::sign_in::{check_app_code, otp_failure, parse_otp, throttle};
use crate::server::failure::{
    ApiFailure, FieldProblem, InvalidInput, SecondFactorError, SessionError,
};
use crate::server::mail::Notice;
use crate::server::state::AppState;
use crate::server::store::{
    code_hash, AuditEvent, Change, CodeCheck, RecoveryCheck, SessionRecord,
};

const RECOVERY_PURPOSE: &str = "RECOVERY";

/// How long a device started with REGISTER DEVICE waits for its first code.
const PENDING_DEVICE_MINUTES: i64 = 10;

/// R26a: in a half session, a channel may be chosen only while the profile has none, and no
/// passkey either: a password alone never adds a second factor beside one in place. The one
/// exception is an e-mail user whose participant refuses e-mail OTP (issue 17), once this
/// session's e-mailed code was right: the app or a passkey then takes the e-mail's place.
pub async fn ensure_may_choose(
    state: &AppState,
    session: &SessionRecord,
    refusal: SecondFactorError,
) -> Result<(), ApiFailure> {
    let login_id = &session.login_id;
    let channel = state
        .store
        .profile_summary(login_id)
        .await?
        .and_then(|s| s.otp_channel);
    if state.store.has_passkeys(login_id).await? {
        return Err(refusal.into());
    }
    match channel {
        None => Ok(()),
        Some(OtpChannel::Email)
            if session.email_proven && !state.store.email_otp_allowed(login_id).await? =>
        {
            Ok(())
        }
        Some(_) => Err(refusal.into()),
    }
}

/// Ten new recovery codes in `change`, replacing any left; shown once, as the user reads them.
pub async fn issue_recovery_codes(
    change: &mut Change,
    id: &LoginId,
) -> anyhow::Result<Vec<String>> {
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODE_COUNT)
        .map(|_| RecoveryCode::from_random(rand::random()))
        .collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| code_hash(id, RECOVERY_PURPOSE, c.as_str()))
        .collect();
    change.replace_recovery_codes(id, &hashes).await?;
    Ok(codes.iter().map(RecoveryCode::display).collect())
}

/// A new secret, pending until a code from the app proves the scan; the device in use (if
/// any) keeps working until then.
pub async fn new_pending_device(
    change: &mut Change,
    login_id: &LoginId,
) -> Result<DeviceRegistration, ApiFailure> {
    let secret = TotpSecret::from_bytes(rand::random());
    let at = change.at();
    change.set_pending_totp(login_id, &secret, at).await?;
    Ok(DeviceRegistration {
        otpauth_uri: secret.otpauth_uri(login_id.as_str()),
        secret: secret.to_base32(),
    })
}

/// LOGIN USING VERIFICATION CODE: the first code from the app activates the pending device and
/// ten recovery codes replace any left. Answers the open change (device, codes, audit row,
/// notice), for the caller to end the log-in in and commit, and the codes, shown once.
pub async fn activate_pending_device(
    state: &AppState,
    spoken: Option<Language>,
    id: &LoginId,
    code: &OtpCode,
) -> Result<(Change, Vec<String>), ApiFailure> {
    let totp = state.store.totp_state(id).await?;
    let fresh = totp.pending_at.is_some_and(|at| {
        at + SignedDuration::from_mins(PENDING_DEVICE_MINUTES).as_millis() as i64
            >= state.now().as_millisecond()
    });
    let Some(pending) = totp.pending.filter(|_| fresh) else {
        return Err(SecondFactorError::DeviceNotPending.into());
    };
    let Some(step) = pending.matching_step(code, state.unix_seconds()) else {
        return Err(otp_failure(state, id, SecondFactorError::WrongCode).await?);
    };
    // The device, its recovery codes, the audit row, the notice and the end of the log-in
    // commit together.
    let mut change = state.change().await?;
    if !change.activate_totp(id, &pending, step).await? {
        return Err(SecondFactorError::DeviceNotPending.into());
    }
    let recovery_codes = issue_recovery_codes(&mut change, id).await?;
    let (action, notice) = if totp.active.is_some() {
        (AuditAction::DeviceReplaced, Notice::DeviceReplaced)
    } else {
        (AuditAction::DeviceRegistered, Notice::DeviceRegistered)
    };
    change.record(AuditEvent::own(id, action)).await?;
    announce(&mut change, id, notice, spoken).await?;
    Ok((change, recovery_codes))
}

/// After "SKIP THIS STEP" and "Accept": e-mail becomes the channel and a code is sent (R20),
/// unless the participant refuses e-mail OTP (issue 17) or no address is registered.
pub async fn choose_email(
    state: &AppState,
    id: &LoginId,
    address: Option<IpAddr>,
) -> Result<OtpSent, ApiFailure> {
    // Issue 17: where e-mail OTP is refused, SKIP THIS STEP is not offered.
    if !state.store.email_otp_allowed(id).await? {
        return Err(SecondFactorError::EmailOtpNotAllowed.into());
    }
    let email = registered_email(state, id)
        .await?
        .ok_or(SecondFactorError::NoEmail)?;
    let mut change = state.change().await?;
    let purpose = OtpPurpose::Login;
    let issued = email_otp::issue(state, &mut change, id, Some(&email), purpose, address).await?;
    let sent = sent_or_limited(issued)?;
    change.set_channel(id, OtpChannel::Email).await?;
    let event = AuditEvent::own(id, AuditAction::EmailOtpChosen).detail("risk warning accepted");
    change.record(event).await?;
    state.commit(change).await?;
    Ok(sent)
}

/// A code was mailed, or the profile's OTP mails are capped: 429 with `Retry-After`.
fn sent_or_limited(issued: Issued) -> Result<OtpSent, SecondFactorError> {
    match issued {
        Issued::Sent(sent) => Ok(sent),
        Issued::Capped {
            retry_after_seconds,
        } => Err(SecondFactorError::TooManyCodes {
            retry_after_seconds,
        }),
    }
}

/// Mails an e-mail-channel user a new code for `purpose` (R23): refused for an app user, or
/// without a registered address; 429 past the cap on OTP mails.
pub async fn mail_code(
    state: &AppState,
    login_id: &LoginId,
    purpose: OtpPurpose,
    address: Option<IpAddr>,
) -> Result<OtpSent, ApiFailure> {
    let summary = state.store.profile_summary(login_id).await?;
    if summary.and_then(|s| s.otp_channel) != Some(OtpChannel::Email) {
        return Err(SecondFactorError::ChannelNotEmail.into());
    }
    let email = registered_email(state, login_id)
        .await?
        .ok_or(SecondFactorError::NoEmail)?;
    let mut change = state.change().await?;
    let issued =
        email_otp::issue(state, &mut change, login_id, Some(&email), purpose, address).await?;
    let sent = sent_or_limited(issued)?;
    state.commit(change).await?;
    Ok(sent)
}

/// An e-mailed code checked for `purpose`: a wrong one counts towards the lock only while a
/// code was live (R24).
pub async fn check_email_code(
    state: &AppState,
    login_id: &LoginId,
    purpose: OtpPurpose,
    code: &str,
) -> Result<(), ApiFailure> {
    match state
        .store
        .take_email_otp(login_id, purpose, code, state.now())
        .await?
    {
        CodeCheck::Accepted => Ok(()),
        CodeCheck::Wrong => Err(otp_failure(state, login_id, SecondFactorError::WrongCode).await?),
        CodeCheck::Expired => Err(SecondFactorError::Expired.into()),
        CodeCheck::NoneLive => Err(SecondFactorError::NoneLive.into()),
    }
}

/// A recovery code of the user: used up when right; a code used before is refused without
/// counting (R24). Answers the open change that used it (with its audit row and notice), for
/// the caller to carry on and commit, and how many codes are left.
pub async fn spend_recovery_code(
    state: &AppState,
    spoken: Option<Language>,
    login_id: &LoginId,
    raw: &str,
) -> Result<(Change, i64), ApiFailure> {
    let code = RecoveryCode::parse(raw).map_err(|e| InvalidInput::of("code", e.into()))?;
    let hash = code_hash(login_id, RECOVERY_PURPOSE, code.as_str());
    let mut change = state.change().await?;
    let at = change.at();
    match change.use_recovery_code(login_id, &hash, at).await? {
        RecoveryCheck::Accepted { left } => {
            let detail = left.to_string();
            let event = AuditEvent::own(login_id, AuditAction::RecoveryCodeUsed).detail(&detail);
            change.record(event).await?;
            let notice = Notice::RecoveryCodeUsed { left };
            announce(&mut change, login_id, notice, spoken).await?;
            Ok((change, left))
        }
        RecoveryCheck::AlreadyUsed => Err(SecondFactorError::WrongRecoveryCode.into()),
        RecoveryCheck::Wrong => {
            // The change only read: it ends before the failure is counted in one of its own.
            drop(change);
            Err(otp_failure(state, login_id, SecondFactorError::WrongRecoveryCode).await?)
        }
    }
}

pub async fn registered_email(
    state: &AppState,
    login_id: &LoginId,
) -> anyhow::Result<Option<EmailAddress>> {
    let record = state.store.find_login(login_id).await?;
    Ok(record
        .and_then(|r| r.email)
        .and_then(|e| EmailAddress::parse(&e).ok()))
}

/// The channel the user has now.
pub async fn present_channel(
    state: &AppState,
    login_id: &LoginId,
) -> Result<Option<OtpChannel>, ApiFailure> {
    Ok(state
        .store
        .profile_summary(login_id)
        .await?
        .ok_or(SessionError::Ended)?
        .otp_channel)
}

/// R26a: the present second factor, proven afresh, opens a change of it: a code from the app,
/// or from the e-mail (sent by `send_proof_code`), or a recovery code, which is spent in the
/// change answered (the codes checked by other means are used up on their own: a replay must
/// fail even if what follows does).
pub async fn prove_present_factor(
    state: &AppState,
    spoken: Option<Language>,
    id: &LoginId,
    address: Option<IpAddr>,
    proof: &DeviceProof,
) -> Result<Change, ApiFailure> {
    let otp = proof.otp.as_deref().filter(|s| !s.trim().is_empty());
    let recovery = proof
        .recovery_code
        .as_deref()
        .filter(|s| !s.trim().is_empty());
    if otp.is_none() && recovery.is_none() {
        return Err(InvalidInput::of("otp", FieldProblem::ProofNeeded).into());
    }
    throttle(state, id, address).await?;
    Ok(match (present_channel(state, id).await?, otp, recovery) {
        (Some(OtpChannel::App), Some(otp), _) => {
            check_app_code(state, id, &parse_otp(otp)?).await?;
            state.change().await?
        }
        (Some(OtpChannel::Email), Some(otp), _) => {
            let code = parse_otp(otp)?;
            check_email_code(state, id, OtpPurpose::ChannelSwitch, code.as_str()).await?;
            state.change().await?
        }
        // A user whose only factor is a passkey proves it with a recovery code.
        (Some(OtpChannel::App) | None, None, Some(code)) => {
            spend_recovery_code(state, spoken, id, code).await?.0
        }
        _ => {
            return Err(InvalidInput::of("otp", FieldProblem::ProofNeeded).into());
        }
    })
}

/// R22: from the app to e-mail, proven by a fresh code from the app (the present channel),
/// where the participant allows e-mail OTP and an address is registered.
pub async fn switch_to_email(
    state: &AppState,
    spoken: Option<Language>,
    id: &LoginId,
    code: &OtpCode,
    address: Option<IpAddr>,
) -> Result<(), ApiFailure> {
    throttle(state, id, address).await?;
    if present_channel(state, id).await? != Some(OtpChannel::App) {
        return Err(SecondFactorError::ChannelAlreadyEmail.into());
    }
    if !state.store.email_otp_allowed(id).await? {
        return Err(SecondFactorError::EmailOtpNotAllowed.into());
    }
    if registered_email(state, id).await?.is_none() {
        return Err(SecondFactorError::NoEmail.into());
    }
    check_app_code(state, id, code).await?;
    let mut change = state.change().await?;
    change.set_channel(id, OtpChannel::Email).await?;
    change
        .record(AuditEvent::own(id, AuditAction::OtpChannelEmail))
        .await?;
    let notice = Notice::ChannelChangedToEmail;
    announce(&mut change, id, notice, spoken).await?;
    state.commit(change).await?;
    Ok(())
}

/// A new device (a replaced phone, or the switch from e-mail to the app), once the present
/// second factor is proven (R26a); the device in use keeps working until the new one is
/// confirmed.
pub async fn start_replacement(
    state: &AppState,
    spoken: Option<Language>,
    id: &LoginId,
    address: Option<IpAddr>,
    proof: &DeviceProof,
) -> Result<DeviceRegistration, ApiFailure> {
    let mut change = prove_present_factor(state, spoken, id, address, proof).await?;
    change
        .record(AuditEvent::own(id, AuditAction::DeviceReplacementStarted))
        .await?;
    let registration = new_pending_device(&mut change, id).await?;
    state.commit(change).await?;
    Ok(registration)
}
