//! Wire types of the DMS (`/api/dms/…`), seed Appendix A.

use serde::{Deserialize, Serialize};

use super::{LoginMethod, OtpChannel};

/// What the User Profile Listing (R28) is asked for: a page, an order and filters. Raw text
/// from the query string; the server parses it and names a bad field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListingQuery {
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub per_page: Option<String>,
    /// `user_id` (the default), `name`, `email`, `status` or `last_login`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `asc` (the default) or `desc`.
    #[serde(default)]
    pub order: Option<String>,
    /// Comma separated: `no_email`, `locked`, `disabled`, `never_2fa`, `inactive_90_days`.
    #[serde(default)]
    pub filter: Option<String>,
}

/// One page of the participant's profiles, DAs included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListing {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub users: Vec<UserListingRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListingRow {
    pub user_id: String,
    pub name: String,
    pub email: Option<String>,
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    pub otp_channel: Option<OtpChannel>,
    pub locked: bool,
    /// Dates in the seed's style, `01-Jan-2027`.
    pub enable_from: String,
    pub disable_after: Option<String>,
    /// Hong Kong time, as shown to people.
    pub last_login_at: Option<String>,
    pub last_login_method: Option<LoginMethod>,
}
