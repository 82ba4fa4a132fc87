//! Why a checker rejected a request (R8): read back by its maker and kept in the trail, so it
//! is free text that must be given, short enough to read at a glance.

use super::free_text::{FreeText, FreeTextError};

/// A reason holds at most this many characters.
pub const REASON_MAX: usize = 200;

/// Trimmed, 1 to [`REASON_MAX`] characters, none of them invisible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason(FreeText);

impl Reason {
    pub fn parse(raw: &str) -> Result<Self, FreeTextError> {
        FreeText::parse(raw, REASON_MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_trimmed_and_must_be_given() {
        assert_eq!(
            Reason::parse("  Wrong department  ").unwrap().as_str(),
            "Wrong department"
        );
        assert_eq!(Reason::parse(" \t "), Err(FreeTextError::Required));
    }

    #[test]
    fn a_reason_holds_at_most_two_hundred_characters() {
        assert!(Reason::parse(&"原".repeat(REASON_MAX)).is_ok());
        assert_eq!(
            Reason::parse(&"x".repeat(REASON_MAX + 1)),
            Err(FreeTextError::TooLong)
        );
    }

    #[test]
    fn a_reason_shows_as_it_reads() {
        assert_eq!(
            Reason::parse("fine\u{202e}enif"),
            Err(FreeTextError::Invisible)
        );
    }
}
