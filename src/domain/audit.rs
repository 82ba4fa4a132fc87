//! What the audit trail records: one action per kind of change, stored by its name.

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
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_stored_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::try_from(action.as_str()), Ok(*action));
        }
        assert!(AuditAction::try_from("SOMETHING_ELSE").is_err());
    }
}
