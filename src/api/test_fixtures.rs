use serde::{Deserialize, Serialize};

use super::redact::debug_redacting;

/// Body of `POST /api/test/participants` (only with `--test-fixtures`): a participant of its own
/// for one test, so that tests can run side by side without sharing anyone's password or lock.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTestParticipant {
    pub profiles: Vec<TestProfileSpec>,
    /// Makes it the settlement agent of this participant (R27).
    #[serde(default)]
    pub principal: Option<String>,
}

/// One profile of a test participant; the server chooses its ID, password and e-mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestProfileSpec {
    pub role: TestRole,
    /// A password is set (a first log-in has none until "Forgot/Reset your Password").
    #[serde(default = "yes")]
    pub password: bool,
    #[serde(default = "yes")]
    pub email: bool,
    /// The e-mail is at a webmail domain (gmail.com) rather than the participant's own.
    #[serde(default)]
    pub webmail: bool,
    /// A (modelled) smartcard is issued: an SRN of its own, a PIN, a certificate valid to the
    /// end of 2027 (R25).
    #[serde(default)]
    pub smartcard: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestRole {
    User,
    DaMaker,
    DaChecker,
    /// One of the clearing house's operators (belongs to no participant).
    Operator,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestParticipant {
    pub participant_id: String,
    /// In the order asked for.
    pub profiles: Vec<TestAccount>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestAccount {
    pub user_id: String,
    pub password: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub srn: Option<String>,
    #[serde(default)]
    pub pin: Option<String>,
}

debug_redacting!(TestAccount { user_id, email, srn } redacts { password, pin });
