//! What the audit trail records: one action per kind of change, stored by its name.

use std::fmt;

/// An action recorded in the audit trail, in the same transaction as the change it records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditAction {
    LoginPasswordVerified,
    LoginPasswordFailed,
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
}

impl AuditAction {
    pub const ALL: [Self; 16] = [
        Self::LoginPasswordVerified,
        Self::LoginPasswordFailed,
        Self::LoginCompleted,
        Self::Logout,
        Self::OtpFailed,
        Self::AccountLocked,
        Self::PasswordResetOtpSent,
        Self::PasswordResetNoEmail,
        Self::PasswordResetUnknownId,
        Self::PasswordReset,
        Self::DeviceRegistered,
        Self::DeviceReplaced,
        Self::DeviceReplacementStarted,
        Self::EmailOtpChosen,
        Self::OtpChannelEmail,
        Self::RecoveryCodeUsed,
    ];

    /// The name stored in `audit_events.action`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LoginPasswordVerified => "LOGIN_PASSWORD_VERIFIED",
            Self::LoginPasswordFailed => "LOGIN_PASSWORD_FAILED",
            Self::LoginCompleted => "LOGIN_COMPLETED",
            Self::Logout => "LOGOUT",
            Self::OtpFailed => "OTP_FAILED",
            Self::AccountLocked => "ACCOUNT_LOCKED",
            Self::PasswordResetOtpSent => "PASSWORD_RESET_OTP_SENT",
            Self::PasswordResetNoEmail => "PASSWORD_RESET_NO_EMAIL",
            Self::PasswordResetUnknownId => "PASSWORD_RESET_UNKNOWN_ID",
            Self::PasswordReset => "PASSWORD_RESET",
            Self::DeviceRegistered => "DEVICE_REGISTERED",
            Self::DeviceReplaced => "DEVICE_REPLACED",
            Self::DeviceReplacementStarted => "DEVICE_REPLACEMENT_STARTED",
            Self::EmailOtpChosen => "EMAIL_OTP_CHOSEN",
            Self::OtpChannelEmail => "OTP_CHANNEL_EMAIL",
            Self::RecoveryCodeUsed => "RECOVERY_CODE_USED",
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored name that is no action of this version: a corrupt or foreign row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownAuditAction(pub String);

impl fmt::Display for UnknownAuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown audit action {:?}", self.0)
    }
}

impl std::error::Error for UnknownAuditAction {}

impl TryFrom<&str> for AuditAction {
    type Error = UnknownAuditAction;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == raw)
            .ok_or_else(|| UnknownAuditAction(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_stored_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::try_from(action.as_str()), Ok(action));
        }
        assert!(AuditAction::try_from("SOMETHING_ELSE").is_err());
    }
}
