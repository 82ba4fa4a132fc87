use serde::{Deserialize, Serialize};

use super::redact::debug_redacting;

/// Step 8 of the seed's Appendix B: user ID and password. Fields are raw text: the server parses
/// them and answers with per-field messages.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub user_id: String,
    pub password: String,
}

/// The password was right; the second factor comes next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    pub user_id: String,
    pub next_step: NextStep,
    /// False where the participant refuses e-mail OTP (issue 17): SKIP THIS STEP is not
    /// offered, and an e-mail user registers the app or a passkey after this code.
    #[serde(default = "allowed")]
    pub email_otp_allowed: bool,
}

fn allowed() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// No OTP channel chosen yet: REGISTER DEVICE or SKIP THIS STEP (R19, R20).
    RegisterDevice,
    /// A code from the authenticator app (R21).
    AppOtp,
    /// A code e-mailed to the registered address (R21).
    EmailOtp,
    /// One of the user's passkeys (issue 17); the app or a recovery code stay as fallback.
    Passkey,
}

debug_redacting!(LoginRequest { user_id } redacts { password });

/// R25: the legacy smartcard log-in, modelled: user ID, the card's SRN and its PIN.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SmartcardLoginRequest {
    pub user_id: String,
    pub srn: String,
    pub pin: String,
}

debug_redacting!(SmartcardLoginRequest { user_id, srn } redacts { pin });
