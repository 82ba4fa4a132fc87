//! R9: a checker's Authorisation Code for a month is HMAC-SHA256 of the month under the
//! checker's own random key, so codes differ per checker and per month, renew by themselves on
//! the 1st (Hong Kong time), and are never stored: only the key is.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::{CodeMonth, LoginId};

/// Letters and digits that cannot be mistaken for one another when read off a screen.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// 8 symbols of 5 bits: 40 bits, beyond guessing under 5 tries per 15 minutes.
pub const CODE_LEN: usize = 8;

/// A new random key for a checker, as stored.
pub fn new_key() -> String {
    let bytes: [u8; 32] = rand::random();
    STANDARD_NO_PAD.encode(bytes)
}

/// The checker's code for `month`.
pub fn code_for(key: &str, checker: &LoginId, month: CodeMonth) -> anyhow::Result<String> {
    let key = STANDARD_NO_PAD
        .decode(key)
        .map_err(|e| anyhow::anyhow!("stored authorisation key of {checker}: {e}"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes keys of any length");
    mac.update(checker.as_str().as_bytes());
    mac.update(b"|");
    mac.update(month.label().as_bytes());
    let digest = mac.finalize().into_bytes();
    Ok(digest[..CODE_LEN]
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect())
}

/// Whether `typed` is the checker's code for `month`: spaces and case forgiven, compared in
/// constant time.
pub fn matches(
    key: &str,
    checker: &LoginId,
    month: CodeMonth,
    typed: &str,
) -> anyhow::Result<bool> {
    let expected = code_for(key, checker, month)?;
    let typed: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if typed.len() != expected.len() {
        return Ok(false);
    }
    let difference = typed
        .bytes()
        .zip(expected.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    Ok(difference == 0)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;

    fn month(at: &str) -> CodeMonth {
        CodeMonth::of(at.parse::<Timestamp>().unwrap())
    }

    #[test]
    fn r9_codes_differ_per_checker_and_per_month_and_renew_on_the_first() {
        let key = new_key();
        let y1 = LoginId::parse("B01234Y1").unwrap();
        let y2 = LoginId::parse("B01234Y2").unwrap();
        let nov = month("2026-11-15T04:00:00Z");
        let dec = month("2026-11-30T16:00:00Z"); // 00:00 on 1 Dec in Hong Kong
        let code = code_for(&key, &y1, nov).unwrap();
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(code, code_for(&key, &y2, nov).unwrap());
        assert_ne!(code, code_for(&key, &y1, dec).unwrap());
        assert_ne!(code, code_for(&new_key(), &y1, nov).unwrap());
        assert!(matches(&key, &y1, nov, &code.to_lowercase()).unwrap());
        assert!(
            !matches(&key, &y1, dec, &code).unwrap(),
            "last month's code fails"
        );
        assert!(
            !matches(&key, &y2, nov, &code).unwrap(),
            "another checker's code fails"
        );
        assert!(!matches(&key, &y1, nov, "").unwrap());
    }
}
