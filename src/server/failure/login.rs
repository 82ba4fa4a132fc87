//! Why a log-in (or a step of one) is refused (R4a, R12, R24, R26b, R26c).

use super::documented::answers_with;
use super::Explain;
use crate::api::ErrorCode;
use crate::domain::lockout::{unlocker, Unlocker};
use crate::domain::{hong_kong, LoginId, LoginRefusal};
use crate::i18n::{fill, Catalogue};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginError {
    /// The ID and password do not match a profile; the same for an unknown ID (R26c).
    InvalidCredentials,
    /// R24: the message names who can unlock, by the ID's form.
    Locked { unlocker: Unlocker },
    /// R4a: disabled, or outside the dates it may log in.
    Refused(LoginRefusal),
    /// R12: before the parallel run, only smartcards log in.
    TwoFactorNotOpen,
    /// R24: too many attempts in a short time.
    Throttled { retry_after_seconds: u64 },
    /// R25: the user ID, SRN and PIN do not match a card; the same for an unknown ID.
    InvalidCard,
    /// R12, R15: smartcard log-in ended with the parallel run.
    SmartcardEnded,
    /// R25: the card's certificate expired on this day.
    CertificateExpired { on: jiff::civil::Date },
}

impl LoginError {
    /// The lock of `login_id`. It follows from the ID's form, so an ID without an account gets
    /// the very answer a real one would (R26c).
    pub fn locked(login_id: &LoginId) -> Self {
        Self::Locked {
            unlocker: unlocker(login_id),
        }
    }
}

// The codes of `code` below, for the API contract.
answers_with!(LoginError: InvalidCredentials, LoginNotAllowed, AccountLocked, TooManyRequests);

impl Explain for LoginError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidCredentials | Self::InvalidCard => ErrorCode::InvalidCredentials,
            Self::SmartcardEnded | Self::CertificateExpired { .. } => ErrorCode::LoginNotAllowed,
            Self::Locked { .. } => ErrorCode::AccountLocked,
            Self::Refused(_) | Self::TwoFactorNotOpen => ErrorCode::LoginNotAllowed,
            Self::Throttled { .. } => ErrorCode::TooManyRequests,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        match *self {
            Self::InvalidCredentials => t.errors.invalid_credentials.to_owned(),
            Self::Locked { unlocker } => t.locked_until_unlocked_by(unlocker).to_owned(),
            Self::Refused(LoginRefusal::Disabled) => t.errors.profile_disabled.to_owned(),
            Self::Refused(LoginRefusal::NotYetEnabled { from }) => fill(
                t.errors.profile_not_yet_enabled,
                &[("date", &hong_kong::format_date(from))],
            ),
            Self::Refused(LoginRefusal::Expired { after }) => fill(
                t.errors.profile_expired,
                &[("date", &hong_kong::format_date(after))],
            ),
            Self::TwoFactorNotOpen => t.errors.two_factor_not_open.to_owned(),
            Self::Throttled { .. } => t.errors.too_many_attempts.to_owned(),
            Self::InvalidCard => t.errors.invalid_card.to_owned(),
            Self::SmartcardEnded => t.errors.smartcard_ended.to_owned(),
            Self::CertificateExpired { on } => fill(
                t.errors.certificate_expired,
                &[("date", &hong_kong::format_date(on))],
            ),
        }
    }

    fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::Throttled {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        }
    }
}
