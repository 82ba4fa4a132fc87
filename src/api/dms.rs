//! Wire types of the DMS (`/api/dms/…`), seed Appendix A.

use serde::{Deserialize, Serialize};

use super::{DaRoleName, LoginMethod, OtpChannel};
pub use crate::domain::{
    DetailField as DetailFieldName, FieldChange, ProfileForm, RequestAction, RequestStatus,
};
use crate::stored_names::stored_names;

/// The columns the User Profile Listing (R28) sorts by, by their names in the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingSort {
    UserId,
    Name,
    Email,
    Status,
    LastLogin,
}

stored_names!(ListingSort {
    UserId => "user_id",
    Name => "name",
    Email => "email",
    Status => "status",
    LastLogin => "last_login",
});

/// The listing's filters, by their names in the query: the profiles the seed's clean-up needs
/// to finish or to remove.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingFilter {
    NoEmail,
    Locked,
    Disabled,
    /// No log-in by 2FA on record: never logged in, or last by smartcard.
    Never2fa,
    /// No log-in for 90 days (the seed asks DAs to remove inactive accounts).
    Inactive90Days,
}

stored_names!(ListingFilter {
    NoEmail => "no_email",
    Locked => "locked",
    Disabled => "disabled",
    Never2fa => "never_2fa",
    Inactive90Days => "inactive_90_days",
});

/// What the User Profile Listing (R28) is asked for: a page, an order and filters. Raw text
/// from the query string; the server parses it and names a bad field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct UserListingQuery {
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub per_page: Option<String>,
    /// A [`ListingSort`]: `user_id` (the default), `name`, `email`, `status` or `last_login`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `asc` (the default) or `desc`.
    #[serde(default)]
    pub order: Option<String>,
    /// Comma separated [`ListingFilter`]s: `no_email`, `locked`, `disabled`, `never_2fa`,
    /// `inactive_90_days`.
    #[serde(default)]
    pub filter: Option<String>,
}

/// One page of the participant's profiles, DAs included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserListing {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub users: Vec<UserListingRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UserListingRow {
    pub user_id: String,
    pub name: String,
    pub email: Option<String>,
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    pub otp_channel: Option<OtpChannel>,
    /// Passkeys registered (issue 17): with the channel, the profile's second factors.
    #[serde(default)]
    pub passkeys: u32,
    pub locked: bool,
    /// Dates in the seed's style, `01-Jan-2027`.
    pub enable_from: String,
    pub disable_after: Option<String>,
    /// Hong Kong time, as shown to people.
    pub last_login_at: Option<String>,
    pub last_login_method: Option<LoginMethod>,
}

/// A profile as "Enquire User Profile" and "Change User Profile - Detail" show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ProfileView {
    pub user_id: String,
    /// Set for a DA profile, which a DA reads but never changes (R6).
    pub da_role: Option<DaRoleName>,
    /// The fields a DA maintains, as the form shows them.
    pub form: ProfileForm,
    pub business_user_groups: Vec<String>,
    pub access_levels: Vec<String>,
    pub srn: Option<String>,
    /// The seed's style, `01-Jan-2027`.
    pub certificate_expiry: Option<String>,
    pub locked: bool,
    pub otp_channel: Option<OtpChannel>,
    /// Hong Kong time, as shown to people.
    pub last_login_at: Option<String>,
    pub last_login_method: Option<LoginMethod>,
    /// The version a request on this profile is made on (R8).
    pub version: i64,
    /// The request waiting for a checker on this profile, if any.
    pub pending_request: Option<String>,
}

/// What a DA maker asks for (R7). Text as typed; the server parses it and names bad fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestDraft {
    Create {
        user_id: String,
        profile: ProfileForm,
    },
    Change {
        user_id: String,
        version: i64,
        profile: ProfileForm,
    },
    Delete {
        user_id: String,
        version: i64,
    },
    Unlock {
        user_id: String,
        version: i64,
    },
    ResetSoftToken {
        user_id: String,
        version: i64,
    },
    /// R16 (after the cut-over): the business user groups of `from_user_id` put on the DA
    /// profile `da_id` (at its `version`).
    AddBusinessGroups {
        da_id: String,
        from_user_id: String,
        version: i64,
    },
}

/// A request with its before and after, as the maker's screen and Pending Requests show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RequestView {
    pub request_id: String,
    pub action: RequestAction,
    pub user_id: String,
    pub maker_id: String,
    /// The caller made it.
    pub made_by_me: bool,
    pub status: RequestStatus,
    pub changes: Vec<FieldChange>,
    /// Hong Kong time, as shown to people.
    pub created_at: String,
    pub expires_at: String,
    pub checker_id: Option<String>,
    pub reason: Option<String>,
    pub decided_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PendingRequests {
    pub requests: Vec<RequestView>,
}

/// The checker's part, typed at the maker's screen (the seed's way) or in the checker's own
/// session (R7, R9).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Confirmation {
    pub checker_id: String,
    pub authorisation_code: String,
    /// A one-time password from the checker's own authenticator app, where the participant's
    /// policy asks for it at another DA's screen (issue 26); empty otherwise.
    #[serde(default)]
    pub checker_otp: String,
    /// Instead of `checker_otp`: the checker's passkey's answer (WebAuthn JSON) to the challenge
    /// of [`paths::DMS_CHECKER_PASSKEY_CHALLENGE`](super::paths::DMS_CHECKER_PASSKEY_CHALLENGE).
    #[serde(default)]
    pub checker_passkey: String,
}

super::redact::debug_redacting!(Confirmation { checker_id } redacts { authorisation_code, checker_otp, checker_passkey });

/// Whose passkey a maker's screen asks for (issue 26).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CheckerPasskeyChallenge {
    pub checker_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Rejection {
    pub reason: String,
}

/// "Get Authorisation Code" (R9): this month's code of the calling checker.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuthorisationCodeView {
    pub checker_id: String,
    pub code: String,
    /// `2026-12`.
    pub month: String,
    /// The seed's style, `31-Dec-2026`.
    pub valid_until: String,
    /// This month's approvals made with this code at other DAs' screens since it was last
    /// renewed, newest first (issue 26): each one the checker did not make is a reason to renew.
    #[serde(default)]
    pub used_elsewhere: Vec<CodeUseView>,
}

super::redact::debug_redacting!(AuthorisationCodeView { checker_id, month, valid_until, used_elsewhere } redacts { code });

/// An approval made with a checker's code at another DA's screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CodeUseView {
    /// The request's ID, or the e-mail batch's.
    pub request_id: String,
    /// The DA at whose screen the code was typed.
    pub typed_by: String,
    /// The request's action; none for an e-mail batch.
    pub action: Option<RequestAction>,
    /// The user ID the request was about, or the batch's participant.
    pub subject: String,
    /// Hong Kong time, `2026-12-01 10:00`.
    pub at: String,
}

/// A page of the participant's audit trail, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditTrail {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub events: Vec<AuditEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Hong Kong time, as shown to people.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub detail: String,
}

/// The operator's search of the whole audit trail (issue 16): each criterion narrows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct AuditSearch {
    #[serde(default)]
    pub participant: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    /// Hong Kong dates, `YYYY-MM-DD`, both included.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct AuditQuery {
    #[serde(default)]
    pub page: Option<String>,
}
