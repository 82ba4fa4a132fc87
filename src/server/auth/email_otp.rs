//! Issuing an e-mailed OTP (R17, R20, R23): a fresh code replaces the old, is stored hashed,
//! and its mail is recorded in the outbox in the same transaction; the request never waits for
//! SMTP, so its timing tells nothing (R26c). At most five OTP mails per profile per 15 minutes.

use std::net::IpAddr;
use std::sync::LazyLock;

use jiff::{SignedDuration, Timestamp};

use crate::api::OtpSent;
use crate::domain::otp::OtpPurpose;
use crate::domain::otp::{OtpCode, EMAIL_OTP_VALID_SECONDS};
use crate::domain::LoginId;
use crate::domain::{hong_kong, EmailAddress};
use crate::server::mail::{otp_mail, OtpMailFacts};
use crate::server::state::AppState;
use crate::server::store::{new_row_id, Change, MailKind};

/// OTP mails per profile (not per inbox: R5 lets profiles share one) in [`MAIL_CAP_WINDOW`].
pub const MAIL_CAP: i64 = 5;
pub const MAIL_CAP_WINDOW: SignedDuration = SignedDuration::from_mins(15);

/// The address a mail that goes nowhere is composed for.
static NOBODY: LazyLock<EmailAddress> = LazyLock::new(|| {
    EmailAddress::parse("nobody@ccass-access.example.com").expect("a valid address")
});

pub fn validity() -> SignedDuration {
    SignedDuration::from_secs(EMAIL_OTP_VALID_SECONDS)
}

/// What the caller is told: when a code (if one was sent) stops working.
pub fn sent_answer(state: &AppState) -> OtpSent {
    OtpSent {
        expires_at: hong_kong::format_date_time(state.now() + validity()),
        valid_seconds: EMAIL_OTP_VALID_SECONDS,
    }
}

#[derive(Debug)]
pub enum Issued {
    Sent(OtpSent),
    /// The cap is reached; no new code until `retry_after_seconds` have passed.
    Capped {
        retry_after_seconds: u64,
    },
}

/// Issues a code for `login_id`. With `to`, the code is mailed; without (an unknown ID, or one
/// with no e-mail), a code nobody receives is kept all the same, so that the next steps answer
/// exactly as they would for a real account (R26c). The code and its mail are part of `change`.
pub async fn issue(
    state: &AppState,
    change: &mut Change,
    login_id: &LoginId,
    to: Option<&EmailAddress>,
    purpose: OtpPurpose,
    requested_from: Option<IpAddr>,
) -> anyhow::Result<Issued> {
    let now = state.now();
    if let Some(retry_after_seconds) = cap_reached(change, login_id, now).await? {
        return Ok(Issued::Capped {
            retry_after_seconds,
        });
    }
    let expires_at = now + validity();
    let code = OtpCode::from_random(rand::random());
    // A code nobody receives is stored in a form no six digits can match.
    let stored = match to {
        Some(_) => code.as_str().to_owned(),
        None => format!("unreceivable-{}", new_row_id()),
    };
    // The mail is composed whether or not it goes out, so both cost the same (R26c).
    let composed = otp_mail(OtpMailFacts {
        to: to.unwrap_or(&NOBODY),
        user_id: login_id.as_str(),
        code: code.as_str(),
        purpose,
        expires_at,
        requested_from,
    });
    let mail = to.map(|_| composed.into_outbox(MailKind::Otp, Some(login_id.as_str())));
    change
        .put_email_otp(
            login_id,
            purpose,
            &stored,
            expires_at,
            mail.as_ref().map(|m| (m, now)),
        )
        .await?;
    Ok(Issued::Sent(sent_answer(state)))
}

/// Seconds until the profile may be mailed another OTP, when its cap is reached.
async fn cap_reached(
    change: &mut Change,
    login_id: &LoginId,
    now: Timestamp,
) -> anyhow::Result<Option<u64>> {
    let (mails, oldest) = change
        .otp_mails_since(login_id, now - MAIL_CAP_WINDOW)
        .await?;
    if mails < MAIL_CAP {
        return Ok(None);
    }
    let oldest = oldest.unwrap_or(now.as_millisecond());
    let opens = oldest + MAIL_CAP_WINDOW.as_millis() as i64;
    let wait_ms = (opens - now.as_millisecond()).max(1000);
    Ok(Some(u64::try_from(wait_ms).unwrap_or(1000).div_ceil(1000)))
}
