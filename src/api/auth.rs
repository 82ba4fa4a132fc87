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
