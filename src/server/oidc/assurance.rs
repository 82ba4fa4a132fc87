//! What a log-in proves, as `amr` (RFC 8176) and `acr` tell a relying party: the truth about
//! the factors used, and a level a client can ask for. The levels, lowest first:
//!
//! | `acr` | reached by | `amr` |
//! |---|---|---|
//! | `urn:ccass:acr:recovery-code` | password + a recovery code | `pwd`, `mfa` |
//! | `urn:ccass:acr:email-otp` | password + a code mailed to the user | `pwd`, `otp`, `mfa` |
//! | `urn:ccass:acr:app-otp` | password + the authenticator app's code | `pwd`, `otp`, `mfa` |
//! | `urn:ccass:acr:hardware` | password + a passkey; or smartcard + PIN | `pwd`, `hwk` (`swk` for a synced passkey), `mfa`; `sc`, `pin`, `mfa` |
//!
//! A recovery code is never reported as `otp`: it is a code written down once, not a one-time
//! password from a device.

use crate::api::LoginMethod;
pub use crate::domain::relying_party::Acr;

impl Acr {
    /// The level a completed log-in by `method` reaches.
    pub fn of(method: LoginMethod) -> Self {
        match method {
            LoginMethod::RecoveryCode => Self::RecoveryCode,
            LoginMethod::EmailOtp => Self::EmailOtp,
            LoginMethod::AppOtp => Self::AppOtp,
            LoginMethod::Passkey | LoginMethod::Smartcard => Self::Hardware,
        }
    }
}

/// RFC 8176 method references of a completed log-in; `synced` for a passkey that may live on
/// more than one device (backup eligible), which is then a software key.
pub fn amr(method: LoginMethod, synced: bool) -> Vec<&'static str> {
    match method {
        LoginMethod::RecoveryCode => vec!["pwd", "mfa"],
        LoginMethod::EmailOtp | LoginMethod::AppOtp => vec!["pwd", "otp", "mfa"],
        LoginMethod::Passkey if synced => vec!["pwd", "swk", "mfa"],
        LoginMethod::Passkey => vec!["pwd", "hwk", "mfa"],
        LoginMethod::Smartcard => vec!["sc", "pin", "mfa"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_rise_from_recovery_code_to_hardware() {
        assert!(Acr::RecoveryCode < Acr::EmailOtp);
        assert!(Acr::EmailOtp < Acr::AppOtp);
        assert!(Acr::AppOtp < Acr::Hardware);
        assert_eq!(Acr::of(LoginMethod::Smartcard), Acr::Hardware);
        assert_eq!(Acr::try_from("urn:ccass:acr:app-otp"), Ok(Acr::AppOtp));
    }

    #[test]
    fn a_recovery_code_is_never_an_otp() {
        assert!(!amr(LoginMethod::RecoveryCode, false).contains(&"otp"));
        assert_eq!(amr(LoginMethod::Passkey, false), ["pwd", "hwk", "mfa"]);
        assert_eq!(amr(LoginMethod::Passkey, true), ["pwd", "swk", "mfa"]);
        assert_eq!(amr(LoginMethod::Smartcard, false), ["sc", "pin", "mfa"]);
    }
}
