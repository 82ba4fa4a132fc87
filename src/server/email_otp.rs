//! Issuing an e-mailed OTP (R17, R20, R23): a fresh code replaces the old, is stored hashed,
//! and is mailed with its expiry in Hong Kong time and the requesting address.

use std::net::IpAddr;

use jiff::SignedDuration;

use super::mail::{otp_mail, OtpMailFacts, OtpPurpose};
use super::state::AppState;
use crate::api::OtpSent;
use crate::domain::otp::{OtpCode, EMAIL_OTP_VALID_SECONDS};
use crate::domain::{hong_kong, EmailAddress};

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

pub async fn issue(
    state: &AppState,
    login_id: &str,
    to: &EmailAddress,
    purpose: OtpPurpose,
    requested_from: Option<IpAddr>,
) -> anyhow::Result<OtpSent> {
    let now = state.now();
    let expires_at = now + validity();
    let code = OtpCode::from_random(rand::random());
    state
        .store
        .put_email_otp(login_id, purpose, code.as_str(), expires_at)
        .await?;
    let mail = otp_mail(OtpMailFacts {
        to,
        user_id: login_id,
        code: code.as_str(),
        purpose,
        expires_at,
        requested_from,
    });
    state.mailer.send(mail, now).await?;
    Ok(sent_answer(state))
}
