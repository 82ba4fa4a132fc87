//! Wire types of the two-factor journeys (seed Appendix B; R17–R24).

use serde::{Deserialize, Serialize};

use super::redact::debug_redacting;
use crate::stored_names::stored_names;

/// "Forgot/Reset your Password", step 1: the user ID.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasswordResetStart {
    pub user_id: String,
}

/// The same answer whether or not the ID exists or has an e-mail (it says what to do if none
/// arrives), so the answer reveals nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OtpSent {
    /// When the code stops working, Hong Kong time, as shown to people.
    pub expires_at: String,
    pub valid_seconds: i64,
}

/// Step 2: the e-mailed OTP.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasswordResetVerify {
    pub user_id: String,
    pub otp: String,
}

/// Proof of the right OTP, good for one password change within minutes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasswordResetTicket {
    pub ticket: String,
}

/// Step 3: the new password, twice.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasswordResetComplete {
    pub ticket: String,
    pub password: String,
    pub confirmation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Done {
    pub done: bool,
}

/// REGISTER DEVICE: what the authenticator app needs.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DeviceRegistration {
    /// `otpauth://totp/…`, drawn as a QR code by the browser.
    pub otpauth_uri: String,
    /// The same key as base32 text, for manual entry.
    pub secret: String,
}

/// A code from the app or the e-mail.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OtpSubmission {
    pub otp: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecoverySubmission {
    pub code: String,
}

/// A fresh second factor of the present channel, before a new device is registered from
/// profile settings (R26a): a code from the present app or the e-mail, or a recovery code.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DeviceProof {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_code: Option<String>,
}

debug_redacting!(DeviceProof {} redacts { otp, recovery_code });

/// Where a signed-in person lands (R21).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Home {
    Terminal,
    Dms,
    /// The clearing house's operators.
    Operator,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SignedIn {
    pub home: Home,
    /// Unused recovery codes left, when one was just used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_codes_left: Option<i64>,
}

/// The device is active: shown once, the recovery codes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DeviceActivated {
    pub recovery_codes: Vec<String>,
    pub home: Home,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OtpChannel {
    App,
    Email,
}

stored_names!(OtpChannel {
    App => "APP",
    Email => "EMAIL",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoginMethod {
    Smartcard,
    AppOtp,
    EmailOtp,
    RecoveryCode,
    /// A passkey or security key (WebAuthn), issue 17.
    Passkey,
}

stored_names!(LoginMethod {
    Smartcard => "SMARTCARD",
    AppOtp => "APP_OTP",
    EmailOtp => "EMAIL_OTP",
    RecoveryCode => "RECOVERY_CODE",
    Passkey => "PASSKEY",
});

/// Who is signed in, for the home pages and the profile settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Me {
    pub user_id: String,
    pub surname: String,
    pub other_names: String,
    pub home: Home,
    pub otp_channel: Option<OtpChannel>,
    /// The log-in before this one, Hong Kong time; `None` on the first.
    pub previous_login_at: Option<String>,
    pub previous_login_method: Option<LoginMethod>,
    /// A DA's participant and fixed role, for the DMS header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub da: Option<DaSummary>,
    /// R16: business user groups; a DA holding some works in CCASS Terminal too.
    #[serde(default)]
    pub business_user_groups: Vec<String>,
    /// False where the participant refuses e-mail OTP (issue 17): no switch to e-mail.
    #[serde(default = "allowed")]
    pub email_otp_allowed: bool,
}

fn allowed() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DaSummary {
    pub participant_id: String,
    pub role: DaRoleName,
    /// Access levels such as `EE` (R28: the listing needs `EE`).
    pub access_levels: Vec<String>,
    /// The participant asks a checker at another DA's screen for a one-time password of their
    /// own second factor beside the code (issue 26).
    #[serde(default)]
    pub checker_factor_at_screen: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DaRoleName {
    Maker,
    Checker,
}

/// One message of the demo mailbox (`/dev/mailbox`, demo mode without SMTP only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MailboxEntry {
    pub at: String,
    pub to: String,
    pub subject: String,
    pub text: String,
}

debug_redacting!(PasswordResetVerify { user_id } redacts { otp });
debug_redacting!(PasswordResetTicket {} redacts { ticket });
debug_redacting!(PasswordResetComplete {} redacts { ticket, password, confirmation });
debug_redacting!(DeviceRegistration {} redacts { otpauth_uri, secret });
debug_redacting!(OtpSubmission {} redacts { otp });
debug_redacting!(RecoverySubmission {} redacts { code });
debug_redacting!(DeviceActivated { home } redacts { recovery_codes });
