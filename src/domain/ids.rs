//! Identifiers of participants and their people (R1–R3).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a text is not an identifier. Each case names what the person typing it can fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the ID is empty")]
    Empty,
    #[error("the ID has the wrong length")]
    WrongLength,
    #[error("the ID may contain only letters A-Z and digits 0-9")]
    BadCharacter,
    #[error("a participant ID begins with a letter")]
    MustStartWithLetter,
    #[error("this is a DA user ID, not a user ID")]
    IsDaSuffix,
    #[error("a DA user ID ends in X, Y or Z followed by a digit 1-9")]
    NotDaSuffix,
    #[error("an operator ID is an organisation, a hyphen and 2-8 letters or digits")]
    NotOperatorId,
}

const PARTICIPANT_LEN: usize = 6;
const SUFFIX_LEN: usize = 2;

/// Input from a form: surrounding spaces dropped, letters upper-cased, so that `b0123401 ` and
/// `B0123401` name the same user; everything else is checked strictly.
fn normalise(raw: &str) -> Result<String, IdError> {
    let text = raw.trim().to_ascii_uppercase();
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if !text
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(IdError::BadCharacter);
    }
    Ok(text)
}

fn is_da_suffix(suffix: &[u8]) -> bool {
    matches!(suffix, [b'X' | b'Y' | b'Z', b'1'..=b'9'])
}

/// R1: six upper-case alphanumerics beginning with a letter (`B01234`, `BNK999`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ParticipantId(String);

impl ParticipantId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let text = normalise(raw)?;
        Self::from_normalised(&text)
    }

    fn from_normalised(text: &str) -> Result<Self, IdError> {
        if text.len() != PARTICIPANT_LEN {
            return Err(IdError::WrongLength);
        }
        if !text.as_bytes()[0].is_ascii_uppercase() {
            return Err(IdError::MustStartWithLetter);
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// R3: participant ID + two upper-case alphanumerics that are not a DA suffix (`B0123401`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserId(String);

impl UserId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let text = normalise(raw)?;
        if text.len() != PARTICIPANT_LEN + SUFFIX_LEN {
            return Err(IdError::WrongLength);
        }
        ParticipantId::from_normalised(&text[..PARTICIPANT_LEN])?;
        if is_da_suffix(&text.as_bytes()[PARTICIPANT_LEN..]) {
            return Err(IdError::IsDaSuffix);
        }
        Ok(Self(text))
    }

    pub fn participant(&self) -> ParticipantId {
        ParticipantId(self.0[..PARTICIPANT_LEN].to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// R2: participant ID + `X`, `Y` or `Z` + a digit 1–9 (`B01234X1`); assigned by the operator.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DaUserId(String);

impl DaUserId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let text = normalise(raw)?;
        if text.len() != PARTICIPANT_LEN + SUFFIX_LEN {
            return Err(IdError::WrongLength);
        }
        ParticipantId::from_normalised(&text[..PARTICIPANT_LEN])?;
        if !is_da_suffix(&text.as_bytes()[PARTICIPANT_LEN..]) {
            return Err(IdError::NotDaSuffix);
        }
        Ok(Self(text))
    }

    pub fn participant(&self) -> ParticipantId {
        ParticipantId(self.0[..PARTICIPANT_LEN].to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One of the clearing house's own staff (`HKEX-OP01`): letters, a hyphen, letters or digits.
/// R1–R3 allow no hyphen in a participant's IDs, so the two can never be the same text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OperatorId(String);

impl OperatorId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let text = raw.trim().to_ascii_uppercase();
        if text.is_empty() {
            return Err(IdError::Empty);
        }
        let Some((organisation, staff)) = text.split_once('-') else {
            return Err(IdError::NotOperatorId);
        };
        let letters =
            |s: &str| (2..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase());
        let alphanumerics = |s: &str| {
            (2..=8).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        };
        if letters(organisation) && alphanumerics(staff) {
            Ok(Self(text))
        } else {
            Err(IdError::NotOperatorId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whoever types an ID on a log-in page: a business user, a DA or an operator.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LoginId {
    User(UserId),
    Da(DaUserId),
    Operator(OperatorId),
}

impl LoginId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        if raw.contains('-') {
            return OperatorId::parse(raw).map(Self::Operator);
        }
        match DaUserId::parse(raw) {
            Ok(da) => Ok(Self::Da(da)),
            Err(IdError::NotDaSuffix) => UserId::parse(raw).map(Self::User),
            Err(other) => Err(other),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::User(id) => id.as_str(),
            Self::Da(id) => id.as_str(),
            Self::Operator(id) => id.as_str(),
        }
    }

    /// The participant whose profile this is; an operator belongs to none.
    pub fn participant(&self) -> Option<ParticipantId> {
        match self {
            Self::User(id) => Some(id.participant()),
            Self::Da(id) => Some(id.participant()),
            Self::Operator(_) => None,
        }
    }

    pub fn is_da(&self) -> bool {
        matches!(self, Self::Da(_))
    }
}

macro_rules! string_conversions {
    ($($ty:ty),*) => {$(
        impl TryFrom<String> for $ty {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
string_conversions!(ParticipantId, UserId, DaUserId, OperatorId);

impl fmt::Display for LoginId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r1_participant_ids_of_the_seed_parse() {
        assert_eq!(ParticipantId::parse("B01234").unwrap().as_str(), "B01234");
        assert_eq!(ParticipantId::parse("BNK999").unwrap().as_str(), "BNK999");
    }

    #[test]
    fn r1_participant_id_must_start_with_a_letter_and_have_six_characters() {
        assert_eq!(
            ParticipantId::parse("012345"),
            Err(IdError::MustStartWithLetter)
        );
        assert_eq!(ParticipantId::parse("B0123"), Err(IdError::WrongLength));
        assert_eq!(ParticipantId::parse("B012345"), Err(IdError::WrongLength));
        assert_eq!(ParticipantId::parse("B0-234"), Err(IdError::BadCharacter));
        assert_eq!(ParticipantId::parse("   "), Err(IdError::Empty));
    }

    #[test]
    fn r2_da_user_id_is_participant_plus_xyz_and_a_digit_one_to_nine() {
        for ok in ["B01234X1", "B01234Y5", "BNK999Z9"] {
            let id = DaUserId::parse(ok).unwrap();
            assert_eq!(id.as_str(), ok);
        }
        assert_eq!(
            DaUserId::parse("B01234X1").unwrap().participant().as_str(),
            "B01234"
        );
        assert_eq!(DaUserId::parse("B01234X0"), Err(IdError::NotDaSuffix));
        assert_eq!(DaUserId::parse("B01234W1"), Err(IdError::NotDaSuffix));
        assert_eq!(DaUserId::parse("B01234X"), Err(IdError::WrongLength));
    }

    #[test]
    fn r3_user_id_is_participant_plus_two_alphanumerics_that_are_not_a_da_suffix() {
        for ok in ["B0123401", "BNK99901", "B01234AB", "B01234X0", "B012340X"] {
            assert_eq!(UserId::parse(ok).unwrap().as_str(), ok);
        }
        assert_eq!(UserId::parse("B01234X1"), Err(IdError::IsDaSuffix));
        assert_eq!(UserId::parse("B012340"), Err(IdError::WrongLength));
        assert_eq!(UserId::parse("10123401"), Err(IdError::MustStartWithLetter));
        assert_eq!(UserId::parse("B01234_1"), Err(IdError::BadCharacter));
        assert_eq!(UserId::parse("B01234é1"), Err(IdError::BadCharacter));
    }

    #[test]
    fn ids_typed_in_lower_case_or_with_spaces_name_the_same_profile() {
        assert_eq!(UserId::parse(" b0123401 ").unwrap().as_str(), "B0123401");
        assert_eq!(DaUserId::parse("b01234x1").unwrap().as_str(), "B01234X1");
    }

    #[test]
    fn login_id_tells_a_da_from_a_user() {
        assert!(LoginId::parse("B01234X1").unwrap().is_da());
        assert!(!LoginId::parse("B0123401").unwrap().is_da());
        assert_eq!(LoginId::parse("B01"), Err(IdError::WrongLength));
        assert_eq!(LoginId::parse("hello world"), Err(IdError::BadCharacter));
        assert_eq!(
            LoginId::parse("BNK99901")
                .unwrap()
                .participant()
                .unwrap()
                .as_str(),
            "BNK999"
        );
    }

    #[test]
    fn operator_ids_have_a_hyphen_so_no_participant_id_is_one() {
        let id = LoginId::parse(" hkex-op01 ").unwrap();
        assert_eq!(
            id,
            LoginId::Operator(OperatorId::parse("HKEX-OP01").unwrap())
        );
        assert_eq!(id.participant(), None);
        assert_eq!(OperatorId::parse("HKEXOP01"), Err(IdError::NotOperatorId));
        assert_eq!(LoginId::parse("HKEX-"), Err(IdError::NotOperatorId));
        assert_eq!(LoginId::parse("H-OP01"), Err(IdError::NotOperatorId));
        assert_eq!(LoginId::parse("HKEX-OP_1"), Err(IdError::NotOperatorId));
        // Every participant ID form is hyphen-free.
        for id in ["B01234", "B0123401", "B01234X1"] {
            assert!(OperatorId::parse(id).is_err());
        }
    }

    #[test]
    fn ids_deserialise_only_when_valid() {
        let ok: UserId = serde_json::from_str("\"B0123401\"").unwrap();
        assert_eq!(ok.as_str(), "B0123401");
        assert!(serde_json::from_str::<UserId>("\"B01234X1\"").is_err());
    }
}
