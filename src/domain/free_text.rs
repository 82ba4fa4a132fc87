//! Text a person types that others read back: names, reasons, participant names. What exists
//! displays as it reads: no control or format characters (a right-to-left override, a zero-width
//! space, a byte-order mark) and no line or paragraph separators, which could make a name show
//! differently in the listing, Pending Requests, the CSV and mails than what was approved. On the
//! server it is stored NFC-normalised, so the same name typed two ways is one name. Private-use
//! and newly assigned characters stay allowed: HKSCS characters in Hong Kong names need them.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Why a free text was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeTextError {
    Required,
    TooLong,
    /// A control or format character, or a line or paragraph separator.
    Invisible,
}

/// Trimmed, non-empty, at most `max_chars` characters, none of them invisible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeText(String);

impl FreeText {
    pub fn parse(raw: &str, max_chars: usize) -> Result<Self, FreeTextError> {
        let text = normalised(raw.trim());
        if text.is_empty() {
            return Err(FreeTextError::Required);
        }
        if text.chars().count() > max_chars {
            return Err(FreeTextError::TooLong);
        }
        if text.chars().any(is_invisible) {
            return Err(FreeTextError::Invisible);
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// General categories Cc and Cf, and the line and paragraph separators (Zl, Zp).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

// The server stores NFC; the SPA checks the same characters without carrying the tables.
#[cfg(feature = "server")]
fn normalised(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(not(feature = "server"))]
fn normalised(text: &str) -> String {
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_are_kept() {
        for name in ["CHAN", "Tai Man", "陳大文", "O'Brien-Smith", "Zoë"] {
            assert_eq!(FreeText::parse(name, 50).unwrap().as_str(), name);
        }
    }

    #[test]
    fn hkscs_private_use_and_unassigned_characters_stay_allowed() {
        // HKSCS characters mapped to the private use area by older systems, and a code point
        // not assigned in this crate's Unicode version.
        for name in ["\u{E000}大文", "陳\u{F8FF}", "\u{2B740}明", "\u{31350}"] {
            assert!(FreeText::parse(name, 50).is_ok(), "{name:?}");
        }
    }

    #[test]
    fn format_control_and_separator_characters_are_refused() {
        for bad in [
            "CHAN\u{202E}NAHC",
            "\u{2066}CHAN",
            "CH\u{200B}AN",
            "\u{FEFF}CHAN",
            "CHAN\u{0007}",
            "CHAN\u{2028}WONG",
            "CHAN\u{2029}WONG",
            "CHAN\u{00AD}",
            "CHAN\nWONG",
        ] {
            assert_eq!(
                FreeText::parse(bad, 50),
                Err(FreeTextError::Invisible),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn empty_and_long_text_is_refused() {
        assert_eq!(FreeText::parse("   ", 50), Err(FreeTextError::Required));
        assert_eq!(FreeText::parse("abc", 2), Err(FreeTextError::TooLong));
    }

    #[cfg(feature = "server")]
    #[test]
    fn text_is_stored_nfc() {
        let decomposed = "Zoe\u{0308}";
        assert_eq!(FreeText::parse(decomposed, 50).unwrap().as_str(), "Zoë");
    }
}
