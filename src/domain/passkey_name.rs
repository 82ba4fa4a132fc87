//! The name a user gives a passkey (issue 17), so that settings can tell "Work laptop" from
//! "Security key" when one is to be removed.

/// Longest name kept, in characters.
pub const MAX_CHARS: usize = 40;
/// The name of a passkey given none.
pub const DEFAULT: &str = "Passkey";

/// A passkey's name: trimmed, 1–40 printable characters. Empty text gives [`DEFAULT`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasskeyName(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyNameError {
    #[error("a passkey's name has at most {MAX_CHARS} characters")]
    TooLong,
    #[error("a passkey's name has no control characters")]
    BadCharacter,
}

impl PasskeyName {
    pub fn parse(raw: &str) -> Result<Self, PasskeyNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Ok(Self(DEFAULT.to_owned()));
        }
        if name.chars().count() > MAX_CHARS {
            return Err(PasskeyNameError::TooLong);
        }
        if name.chars().any(super::free_text::is_invisible) {
            return Err(PasskeyNameError::BadCharacter);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_bounded_and_printable_and_defaults_when_empty() {
        assert_eq!(
            PasskeyName::parse("  Work laptop ").unwrap().as_str(),
            "Work laptop"
        );
        assert_eq!(PasskeyName::parse("").unwrap().as_str(), DEFAULT);
        assert_eq!(
            PasskeyName::parse("辦公室手提電腦").unwrap().as_str(),
            "辦公室手提電腦"
        );
        assert_eq!(
            PasskeyName::parse(&"x".repeat(41)),
            Err(PasskeyNameError::TooLong)
        );
        assert_eq!(
            PasskeyName::parse("a\u{7}b"),
            Err(PasskeyNameError::BadCharacter)
        );
    }
}
