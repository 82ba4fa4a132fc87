//! Why a one-time password, a recovery code or a device step is refused (R19–R23, R26a).

use super::documented::answers_with;
use super::Explain;
use crate::api::ErrorCode;
use crate::i18n::Catalogue;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactorError {
    /// A wrong code while one was live: counted towards the lock (R24).
    WrongCode,
    /// A right code sent again within its step (R23).
    Replayed,
    Expired,
    /// No code is live: none was sent, or the last was used.
    NoneLive,
    WrongRecoveryCode,
    DeviceNotPending,
    DeviceAlreadyRegistered,
    SkipNotOffered,
    ChannelNotEmail,
    ChannelAlreadyEmail,
    /// No e-mail is registered to send a code to.
    NoEmail,
    /// The passkey's answer did not verify (another origin, another credential, a bad
    /// signature): counted towards the lock (R24).
    PasskeyRefused,
    /// The passkey's counter went backwards: it may have been cloned. Counted and audited.
    PasskeyPossibleClone,
    /// No passkey ceremony is under way in this session, or it is too old.
    PasskeyNotStarted,
    /// The user has no passkey to log in with.
    NoPasskey,
    /// That credential is registered already.
    PasskeyAlreadyRegistered,
    /// No passkey of the user's has that ID.
    UnknownPasskey,
    /// The participant refuses e-mail OTP (issue 17): no e-mail channel is chosen or used.
    EmailOtpNotAllowed,
    /// The e-mailed code was right, but the participant refuses e-mail OTP: an app or a
    /// passkey is to be registered in this log-in.
    RegisterInsteadOfEmail,
    /// R23: too many codes mailed in a short time.
    TooManyCodes {
        retry_after_seconds: u64,
    },
}

// The codes of `code` below, for the API contract.
answers_with!(SecondFactorError: InvalidOtp, Conflict, SecondFactorRequired, NotFound, TooManyRequests);

impl Explain for SecondFactorError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::WrongCode
            | Self::Replayed
            | Self::Expired
            | Self::NoneLive
            | Self::WrongRecoveryCode
            | Self::PasskeyRefused
            | Self::PasskeyPossibleClone => ErrorCode::InvalidOtp,
            Self::UnknownPasskey => ErrorCode::NotFound,
            Self::DeviceNotPending
            | Self::DeviceAlreadyRegistered
            | Self::SkipNotOffered
            | Self::ChannelNotEmail
            | Self::ChannelAlreadyEmail
            | Self::NoEmail
            | Self::PasskeyNotStarted
            | Self::NoPasskey
            | Self::PasskeyAlreadyRegistered
            | Self::EmailOtpNotAllowed => ErrorCode::Conflict,
            Self::RegisterInsteadOfEmail => ErrorCode::SecondFactorRequired,
            Self::TooManyCodes { .. } => ErrorCode::TooManyRequests,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        match self {
            Self::WrongCode => t.two_factor.otp_wrong,
            Self::Replayed => t.two_factor.otp_replayed,
            Self::Expired => t.two_factor.otp_expired,
            Self::NoneLive => t.two_factor.otp_none_live,
            Self::WrongRecoveryCode => t.two_factor.recovery_wrong,
            Self::DeviceNotPending => t.two_factor.device_not_pending,
            Self::DeviceAlreadyRegistered => t.two_factor.device_already_registered,
            Self::SkipNotOffered => t.two_factor.skip_not_offered,
            Self::ChannelNotEmail => t.two_factor.channel_not_email,
            Self::ChannelAlreadyEmail => t.two_factor.channel_already_email,
            Self::NoEmail => t.two_factor.no_email_for_otp,
            Self::PasskeyRefused => t.two_factor.passkey_refused,
            Self::PasskeyPossibleClone => t.two_factor.passkey_possible_clone,
            Self::PasskeyNotStarted => t.two_factor.passkey_not_started,
            Self::NoPasskey => t.two_factor.no_passkey,
            Self::PasskeyAlreadyRegistered => t.two_factor.passkey_already_registered,
            Self::UnknownPasskey => t.two_factor.unknown_passkey,
            Self::EmailOtpNotAllowed => t.two_factor.email_otp_not_allowed,
            Self::RegisterInsteadOfEmail => t.two_factor.register_instead_of_email,
            Self::TooManyCodes { .. } => t.errors.too_many_codes,
        }
        .to_owned()
    }

    fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::TooManyCodes {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        }
    }
}
