//! What the audit trail records: one action per kind of change, stored by its name.

use serde::Serialize;

use super::maker_checker::RequestAction;
use super::profile_details::FieldChange;
use crate::stored_names::stored_names;

/// An action recorded in the audit trail, in the same transaction as the change it records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditAction {
    LoginPasswordVerified,
    LoginPasswordFailed,
    /// R25: a wrong SRN or PIN.
    SmartcardFailed,
    LoginCompleted,
    Logout,
    OtpFailed,
    AccountLocked,
    PasswordResetOtpSent,
    /// A reset asked for a profile without an e-mail: no code can reach it (R18).
    PasswordResetNoEmail,
    /// A reset asked for an ID without a profile, recorded so it costs what a real one does (R26c).
    PasswordResetUnknownId,
    PasswordReset,
    DeviceRegistered,
    DeviceReplaced,
    DeviceReplacementStarted,
    EmailOtpChosen,
    OtpChannelEmail,
    RecoveryCodeUsed,
    /// Passkeys (issue 17): one added or removed; one refused because its counter went back.
    PasskeyAdded,
    PasskeyRemoved,
    PasskeyCloneSuspected,
    /// An operator set which second factors a participant's users may use (issue 17).
    FactorPolicySet,
    /// Maker–checker (R7–R10), the detail holding the request and its before and after.
    RequestMade,
    RequestAuthorised,
    RequestRejected,
    RequestWithdrawn,
    RequestExpired,
    RequestStale,
    ProfileCreated,
    ProfileChanged,
    ProfileDeleted,
    UserUnlocked,
    SoftTokenReset,
    /// A wrong Authorisation Code typed for this checker, and the block after too many (R9).
    AuthorisationCodeWrong,
    AuthorisationCodeBlocked,
    /// The checker renewed their code at once, the old one dying (issue 26).
    AuthorisationCodeRenewed,
    /// The operator console (R6a, R12): four eyes among operators and what they change.
    OperatorRequestMade,
    OperatorRequestApproved,
    OperatorRequestRejected,
    OperatorRequestWithdrawn,
    OperatorRequestStale,
    DaCreated,
    DaDeleted,
    DaEmailSet,
    DaChanged,
    CardPinReset,
    PhaseMoved,
    OperatorAdded,
    OperatorRemoved,
    ParticipantCreated,
    LoginUnlocked,
    SecondFactorReset,
    HolidaysReplaced,
    /// The cut-over (R15): a profile without an e-mail archived; an archived one restored.
    ProfileArchived,
    ProfileRestored,
    /// R16: a user's business user groups put on a DA's profile.
    BusinessGroupsAdded,
    /// Table 1: DA group functions put on a user's profile.
    DaFunctionsAdded,
    /// Reads of personal data (issue 16): a listing page, a CSV download, one profile.
    ProfilesListed,
    ProfilesDownloaded,
    ProfileEnquired,
    /// The daily retention purge, with what it removed.
    RetentionPurge,
    /// The OpenID Provider's signing keys (issue 28): made, promoted to sign, retired.
    SigningKeyStaged,
    SigningKeyPromoted,
    SigningKeyRetired,
    /// The provider's clients: registered (at once from the command line, or under four eyes).
    ClientRegistered,
    ClientChanged,
    ClientSecretRotated,
    ClientDisabled,
    ClientEnabled,
    /// Operators' requests on a client, under four eyes (R6a).
    ClientRequestMade,
    ClientRequestApproved,
    ClientRequestRejected,
    ClientRequestWithdrawn,
    ClientRequestStale,
    /// An authorization code issued to a client; tokens issued for one (never the token); a
    /// code presented twice, whose tokens are then revoked.
    AuthorizationCodeIssued,
    TokensIssued,
    AuthorizationCodeReplayed,
    /// A back-channel logout delivered to a client, or given up after every retry.
    LogoutSent,
    LogoutFailed,
}

stored_names!(AuditAction {
    LoginPasswordVerified => "LOGIN_PASSWORD_VERIFIED",
    LoginPasswordFailed => "LOGIN_PASSWORD_FAILED",
    SmartcardFailed => "SMARTCARD_FAILED",
    LoginCompleted => "LOGIN_COMPLETED",
    Logout => "LOGOUT",
    OtpFailed => "OTP_FAILED",
    AccountLocked => "ACCOUNT_LOCKED",
    PasswordResetOtpSent => "PASSWORD_RESET_OTP_SENT",
    PasswordResetNoEmail => "PASSWORD_RESET_NO_EMAIL",
    PasswordResetUnknownId => "PASSWORD_RESET_UNKNOWN_ID",
    PasswordReset => "PASSWORD_RESET",
    DeviceRegistered => "DEVICE_REGISTERED",
    DeviceReplaced => "DEVICE_REPLACED",
    DeviceReplacementStarted => "DEVICE_REPLACEMENT_STARTED",
    EmailOtpChosen => "EMAIL_OTP_CHOSEN",
    OtpChannelEmail => "OTP_CHANNEL_EMAIL",
    RecoveryCodeUsed => "RECOVERY_CODE_USED",
    PasskeyAdded => "PASSKEY_ADDED",
    PasskeyRemoved => "PASSKEY_REMOVED",
    PasskeyCloneSuspected => "PASSKEY_CLONE_SUSPECTED",
    FactorPolicySet => "FACTOR_POLICY_SET",
    RequestMade => "REQUEST_MADE",
    RequestAuthorised => "REQUEST_AUTHORISED",
    RequestRejected => "REQUEST_REJECTED",
    RequestWithdrawn => "REQUEST_WITHDRAWN",
    RequestExpired => "REQUEST_EXPIRED",
    RequestStale => "REQUEST_STALE",
    ProfileCreated => "PROFILE_CREATED",
    ProfileChanged => "PROFILE_CHANGED",
    ProfileDeleted => "PROFILE_DELETED",
    UserUnlocked => "USER_UNLOCKED",
    SoftTokenReset => "SOFT_TOKEN_RESET",
    AuthorisationCodeWrong => "AUTHORISATION_CODE_WRONG",
    AuthorisationCodeBlocked => "AUTHORISATION_CODE_BLOCKED",
    AuthorisationCodeRenewed => "AUTHORISATION_CODE_RENEWED",
    OperatorRequestMade => "OPERATOR_REQUEST_MADE",
    OperatorRequestApproved => "OPERATOR_REQUEST_APPROVED",
    OperatorRequestRejected => "OPERATOR_REQUEST_REJECTED",
    OperatorRequestWithdrawn => "OPERATOR_REQUEST_WITHDRAWN",
    OperatorRequestStale => "OPERATOR_REQUEST_STALE",
    DaCreated => "DA_CREATED",
    DaDeleted => "DA_DELETED",
    DaEmailSet => "DA_EMAIL_SET",
    DaChanged => "DA_CHANGED",
    CardPinReset => "CARD_PIN_RESET",
    PhaseMoved => "PHASE_MOVED",
    OperatorAdded => "OPERATOR_ADDED",
    OperatorRemoved => "OPERATOR_REMOVED",
    ParticipantCreated => "PARTICIPANT_CREATED",
    LoginUnlocked => "LOGIN_UNLOCKED",
    SecondFactorReset => "SECOND_FACTOR_RESET",
    HolidaysReplaced => "HOLIDAYS_REPLACED",
    ProfileArchived => "PROFILE_ARCHIVED",
    ProfileRestored => "PROFILE_RESTORED",
    BusinessGroupsAdded => "BUSINESS_GROUPS_ADDED",
    DaFunctionsAdded => "DA_FUNCTIONS_ADDED",
    ProfilesListed => "PROFILES_LISTED",
    ProfilesDownloaded => "PROFILES_DOWNLOADED",
    ProfileEnquired => "PROFILE_ENQUIRED",
    RetentionPurge => "RETENTION_PURGE",
    SigningKeyStaged => "SIGNING_KEY_STAGED",
    SigningKeyPromoted => "SIGNING_KEY_PROMOTED",
    SigningKeyRetired => "SIGNING_KEY_RETIRED",
    ClientRegistered => "CLIENT_REGISTERED",
    ClientChanged => "CLIENT_CHANGED",
    ClientSecretRotated => "CLIENT_SECRET_ROTATED",
    ClientDisabled => "CLIENT_DISABLED",
    ClientEnabled => "CLIENT_ENABLED",
    ClientRequestMade => "CLIENT_REQUEST_MADE",
    ClientRequestApproved => "CLIENT_REQUEST_APPROVED",
    ClientRequestRejected => "CLIENT_REQUEST_REJECTED",
    ClientRequestWithdrawn => "CLIENT_REQUEST_WITHDRAWN",
    ClientRequestStale => "CLIENT_REQUEST_STALE",
    AuthorizationCodeIssued => "AUTHORIZATION_CODE_ISSUED",
    TokensIssued => "TOKENS_ISSUED",
    AuthorizationCodeReplayed => "AUTHORIZATION_CODE_REPLAYED",
    LogoutSent => "LOGOUT_SENT",
    LogoutFailed => "LOGOUT_FAILED",
});

/// What the trail keeps of a pending item: the detail of each of its events. The trail is kept
/// seven years and hash-chained, so these field names are the trail's own, not the screens':
/// they change only with a new record type.
pub trait AuditRecord: Serialize {
    /// The record as the trail stores it.
    #[cfg(feature = "server")]
    fn detail(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A DMS request on a user profile (R7): what it asks, who made it, why it was rejected.
#[derive(Serialize)]
pub struct RequestRecord<'a> {
    pub request: &'a str,
    pub action: RequestAction,
    pub maker: &'a str,
    pub changes: Vec<FieldChange>,
    pub reason: Option<&'a str>,
}

impl AuditRecord for RequestRecord<'_> {}

/// A batch of e-mail registrations (issue 13): the batch, how many rows, why it was rejected.
#[derive(Serialize)]
pub struct BatchRecord<'a> {
    pub batch: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

impl AuditRecord for BatchRecord<'_> {}

/// One row of a batch as its checker's authorisation found it.
#[derive(Serialize)]
pub struct BatchRowRecord<'a, O: Serialize> {
    pub batch: &'a str,
    pub line: i64,
    pub before: Option<&'a str>,
    pub after: &'a str,
    pub outcome: O,
}

impl<O: Serialize> AuditRecord for BatchRowRecord<'_, O> {}

/// An operator's request (R6a): its action, its subject before and after, why it was rejected.
#[derive(Serialize)]
pub struct OperatorRequestRecord<'a, V: Serialize> {
    pub request: &'a str,
    pub action: &'a str,
    pub before: Option<&'a V>,
    pub after: Option<&'a V>,
    pub reason: Option<&'a str>,
}

impl<V: Serialize> AuditRecord for OperatorRequestRecord<'_, V> {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trail's field names are fixed: a rename here would change what auditors read.
    #[cfg(feature = "server")]
    #[test]
    fn records_keep_the_trails_field_names() {
        let request = RequestRecord {
            request: "R1",
            action: RequestAction::Delete,
            maker: "B01234DA0001",
            changes: Vec::new(),
            reason: Some("Left the firm"),
        };
        assert_eq!(
            request.detail(),
            r#"{"request":"R1","action":"DELETE","maker":"B01234DA0001","changes":[],"reason":"Left the firm"}"#
        );
        let batch = BatchRecord {
            batch: "B1",
            rows: Some(3),
            reason: None,
        };
        assert_eq!(batch.detail(), r#"{"batch":"B1","rows":3}"#);
        let operator = OperatorRequestRecord::<u8> {
            request: "O1",
            action: "MOVE_PHASE",
            before: Some(&1),
            after: Some(&2),
            reason: None,
        };
        assert_eq!(
            operator.detail(),
            r#"{"request":"O1","action":"MOVE_PHASE","before":1,"after":2,"reason":null}"#
        );
    }

    #[test]
    fn every_action_reads_back_from_its_stored_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::try_from(action.as_str()), Ok(*action));
        }
        assert!(AuditAction::try_from("SOMETHING_ELSE").is_err());
    }
}
