//! The legacy smartcard (R25), as modelled: a smartcard reference number (SRN) and a PIN,
//! checked against the profile, refused after the certificate's expiry date; only before the
//! end of the parallel run (R12).

use std::fmt;

use jiff::civil::Date;

/// Why an SRN or PIN as typed cannot be one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("the SRN is empty")]
    SrnEmpty,
    #[error("an SRN has 4 to 20 letters, digits or hyphens")]
    SrnMalformed,
    #[error("a PIN has 6 to 8 digits")]
    PinMalformed,
}

/// A smartcard reference number, upper-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Srn(String);

impl Srn {
    pub fn parse(raw: &str) -> Result<Self, CardError> {
        let text = raw.trim().to_ascii_uppercase();
        if text.is_empty() {
            return Err(CardError::SrnEmpty);
        }
        let ok = (4..=20).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok {
            Ok(Self(text))
        } else {
            Err(CardError::SrnMalformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Srn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A PIN as typed: 6 to 8 digits. Never shown, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct CardPin(String);

impl CardPin {
    pub fn parse(raw: &str) -> Result<Self, CardError> {
        let text = raw.trim();
        if (6..=8).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(text.to_owned()))
        } else {
            Err(CardError::PinMalformed)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CardPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CardPin(…)")
    }
}

/// R25: a card whose certificate expired on `expiry` no longer logs in after that day.
pub fn certificate_valid(expiry: Date, today: Date) -> bool {
    today <= expiry
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn r25_srn_and_pin_are_parsed_strictly() {
        assert_eq!(Srn::parse(" srn-0012 ").unwrap().as_str(), "SRN-0012");
        assert_eq!(Srn::parse(""), Err(CardError::SrnEmpty));
        assert_eq!(Srn::parse("a b c d"), Err(CardError::SrnMalformed));
        assert!(CardPin::parse("123456").is_ok());
        assert_eq!(CardPin::parse("12345"), Err(CardError::PinMalformed));
        assert_eq!(CardPin::parse("12345a"), Err(CardError::PinMalformed));
        assert_eq!(
            format!("{:?}", CardPin::parse("123456").unwrap()),
            "CardPin(…)"
        );
    }

    #[test]
    fn r25_the_certificate_is_good_through_its_expiry_day() {
        assert!(certificate_valid(date(2027, 12, 31), date(2027, 12, 31)));
        assert!(!certificate_valid(date(2027, 12, 31), date(2028, 1, 1)));
    }
}
