//! One-time passwords (R19, R23): the code people type, TOTP per RFC 6238 with one step of
//! drift, and the recovery codes shown once after a device is registered.

use crate::stored_names::stored_names;
use std::fmt;

use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const OTP_DIGITS: usize = 6;
pub const TOTP_STEP_SECONDS: u64 = 30;
/// R23: an e-mailed OTP is good for five minutes.
pub const EMAIL_OTP_VALID_SECONDS: i64 = 5 * 60;
pub const ISSUER: &str = "CCASS Access";
pub const RECOVERY_CODE_COUNT: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OtpError {
    #[error("the one-time password is empty")]
    Empty,
    #[error("a one-time password has exactly 6 digits")]
    Malformed,
}

/// Six digits, as typed: spaces are dropped (apps show `123 456`).
#[derive(Clone, PartialEq, Eq)]
pub struct OtpCode(String);

impl OtpCode {
    pub fn parse(raw: &str) -> Result<Self, OtpError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err(OtpError::Empty);
        }
        if digits.len() != OTP_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(OtpError::Malformed);
        }
        Ok(Self(digits))
    }

    /// A code from six random decimal digits drawn by the caller (the server's RNG).
    pub fn from_random(value: u32) -> Self {
        Self(format!("{:06}", value % 1_000_000))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for OtpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OtpCode(..)")
    }
}

/// The shared secret of an authenticator app: 160 bits, as RFC 4226 recommends for SHA-1.
#[derive(Clone)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    pub fn from_bytes(bytes: [u8; 20]) -> Self {
        Self(bytes.to_vec())
    }

    pub fn from_base32(text: &str) -> Option<Self> {
        let bytes = Secret::try_from_base32(text).ok()?.as_bytes().to_vec();
        (bytes.len() >= 16).then_some(Self(bytes))
    }

    pub fn to_base32(&self) -> String {
        Secret::new(self.0.clone().into_boxed_slice()).to_base32()
    }

    fn totp(&self, account: &str) -> Totp {
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(OTP_DIGITS as u8)
            .with_skew(1)
            .with_step_duration(TOTP_STEP_SECONDS)
            .with_secret(self.0.clone())
            .with_issuer(Some(ISSUER))
            .with_account_name(account)
            .build()
            .expect("160-bit secret, 6 digits, 30 s and an account without ':' are valid")
    }

    /// R19: `otpauth://totp/CCASS%20Access:B0123401?secret=…&issuer=CCASS%20Access`; SHA1, 6
    /// digits and 30 s are the defaults every RFC 6238 app assumes.
    pub fn otpauth_uri(&self, account: &str) -> String {
        self.totp(account).to_url().expect("account name is set")
    }

    pub fn code_at(&self, unix_seconds: u64) -> String {
        self.totp("x").generate(unix_seconds).to_string()
    }

    /// R23: the time step the code belongs to, accepting one step of drift either way, or
    /// `None`. The caller refuses a step at or before the last one accepted (replay).
    pub fn matching_step(&self, code: &OtpCode, unix_seconds: u64) -> Option<u64> {
        self.totp("x").check(code.as_str(), unix_seconds)
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

/// R23: a step is accepted once per user: only steps after the last accepted one count.
pub fn is_replay(step: u64, last_accepted: Option<u64>) -> bool {
    last_accepted.is_some_and(|last| step <= last)
}

const RECOVERY_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const RECOVERY_LEN: usize = 10;

/// What an e-mailed OTP is for: a code of one purpose never serves another (R17, R20, R22).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtpPurpose {
    PasswordReset,
    Login,
    ChannelSwitch,
}

stored_names!(OtpPurpose {
    PasswordReset => "PASSWORD_RESET",
    Login => "LOGIN",
    ChannelSwitch => "CHANNEL_SWITCH",
});

/// A single-use code for when the phone is lost: ten characters without look-alikes,
/// shown as `ABCDE-23456`.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(String);

impl RecoveryCode {
    pub fn from_random(bytes: [u8; RECOVERY_LEN]) -> Self {
        Self(
            bytes
                .iter()
                .map(|b| RECOVERY_ALPHABET[usize::from(*b) % 32] as char)
                .collect(),
        )
    }

    /// Accepts the code as shown, with or without the hyphen, in either case.
    pub fn parse(raw: &str) -> Result<Self, OtpError> {
        let text: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if text.is_empty() {
            return Err(OtpError::Empty);
        }
        if text.len() != RECOVERY_LEN || !text.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
            return Err(OtpError::Malformed);
        }
        Ok(Self(text))
    }

    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890"; its 8-digit values end in
    /// the 6 digits our codes use.
    const RFC6238_SEED: &[u8; 20] = b"12345678901234567890";

    #[test]
    fn r23_rfc6238_test_vectors_for_sha1() {
        let secret = TotpSecret::from_bytes(*RFC6238_SEED);
        for (time, eight_digits) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(secret.code_at(time), eight_digits[2..], "T = {time}");
        }
    }

    #[test]
    fn r23_rfc4226_hotp_test_vectors_are_the_totp_values_of_counters() {
        // RFC 4226 Appendix D: HOTP(secret, counter) for counters 0-9. TOTP at T = 30 * counter
        // is HOTP of that counter.
        let secret = TotpSecret::from_bytes(*RFC6238_SEED);
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(
                secret.code_at(counter as u64 * 30),
                *code,
                "counter {counter}"
            );
        }
    }

    #[test]
    fn r23_one_step_of_drift_is_accepted_two_are_not() {
        let secret = TotpSecret::from_bytes([7; 20]);
        let now = 1_800_000_000;
        let code = |t| OtpCode::parse(&secret.code_at(t)).unwrap();
        let step = now / 30;
        assert_eq!(secret.matching_step(&code(now), now), Some(step));
        assert_eq!(secret.matching_step(&code(now - 30), now), Some(step - 1));
        assert_eq!(secret.matching_step(&code(now + 30), now), Some(step + 1));
        assert_eq!(secret.matching_step(&code(now - 60), now), None);
        assert_eq!(secret.matching_step(&code(now + 60), now), None);
    }

    #[test]
    fn r23_a_step_is_accepted_once() {
        assert!(!is_replay(100, None));
        assert!(!is_replay(101, Some(100)));
        assert!(is_replay(100, Some(100)));
        assert!(is_replay(99, Some(100)));
    }

    #[test]
    fn r19_otpauth_uri_names_issuer_account_and_secret() {
        let secret = TotpSecret::from_bytes(*RFC6238_SEED);
        let uri = secret.otpauth_uri("B0123401");
        assert!(
            uri.starts_with("otpauth://totp/CCASS%20Access:B0123401?"),
            "{uri}"
        );
        assert!(
            uri.contains(&format!("secret={}", secret.to_base32())),
            "{uri}"
        );
        assert!(uri.contains("issuer=CCASS%20Access"), "{uri}");
        assert_eq!(secret.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(
            TotpSecret::from_base32(&secret.to_base32())
                .unwrap()
                .to_base32(),
            secret.to_base32()
        );
    }

    #[test]
    fn otp_codes_are_six_digits() {
        assert_eq!(OtpCode::parse(" 123 456 ").unwrap().as_str(), "123456");
        assert_eq!(OtpCode::parse(""), Err(OtpError::Empty));
        for bad in ["12345", "1234567", "12345a", "١٢٣٤٥٦"] {
            assert_eq!(OtpCode::parse(bad), Err(OtpError::Malformed), "{bad}");
        }
        assert_eq!(OtpCode::from_random(42).as_str(), "000042");
        assert_eq!(OtpCode::from_random(4_000_123).as_str(), "000123");
    }

    #[test]
    fn recovery_codes_read_back_however_they_are_typed() {
        let code = RecoveryCode::from_random([0, 1, 2, 3, 4, 5, 6, 7, 8, 31]);
        assert_eq!(code.display(), "ABCDE-FGHJ9");
        assert_eq!(RecoveryCode::parse("abcde fghj9").unwrap(), code);
        assert_eq!(RecoveryCode::parse("ABCDE-FGHJ9").unwrap(), code);
        assert_eq!(RecoveryCode::parse("ABCDE-FGHJ0"), Err(OtpError::Malformed));
        assert_eq!(RecoveryCode::parse("-"), Err(OtpError::Empty));
    }
}
