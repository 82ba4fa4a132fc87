//! The part of a user profile a DA maintains (R4): the "Change User Profile - Detail" screen
//! without the ID, parsed from the form as a whole so every bad field is named at once.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::email::{EmailAddress, EmailError};
use super::free_text::{FreeText, FreeTextError};
use super::profile::ProfileStatus;
use crate::stored_names::stored_names;

/// Names hold at most this many characters (the Terminal's profile columns).
pub const NAME_MAX: usize = 40;

/// R4: "Clearing House Options": Cash is HKSCC; the CCMS houses beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClearingHouse {
    Cash,
    Hkcc,
    Seoch,
}

stored_names!(ClearingHouse {
    Cash => "CASH",
    Hkcc => "HKCC",
    Seoch => "SEOCH",
});

/// Why one field of the profile form was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DetailError {
    #[error("the field is required")]
    Required,
    #[error("the text is too long")]
    TooLong,
    #[error("the text has a character a profile cannot hold")]
    BadCharacter,
    #[error("the e-mail address is not valid")]
    Email(EmailError),
    #[error("the date is not a date")]
    NotADate,
    #[error("disable-after is before enable-from")]
    DisableBeforeEnable,
    #[error("not one of the offered values")]
    NotOffered,
}

/// The form as typed: text for every field, as the wire carries it. Nothing else: a DA never
/// sets access levels or DA group functions (R13), so a body naming them is refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileForm {
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    pub surname: String,
    pub other_names: String,
    /// Empty: no e-mail registered.
    pub email: String,
    /// ISO dates (`2027-01-01`), as a date input gives them.
    pub enable_from: String,
    pub disable_after: String,
    /// `CASH`, `HKCC`, `SEOCH`.
    pub clearing_houses: Vec<String>,
}

/// A valid set of the DA-maintained fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDetails {
    pub status: ProfileStatus,
    pub surname: String,
    pub other_names: String,
    pub email: Option<EmailAddress>,
    pub enable_from: Date,
    pub disable_after: Option<Date>,
    pub clearing_houses: Vec<ClearingHouse>,
}

/// One field of [`ProfileDetails`], by the name the form and the wire use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DetailField {
    Status,
    Surname,
    OtherNames,
    Email,
    EnableFrom,
    DisableAfter,
    ClearingHouses,
    /// Shown in a request's changes only (R16); no form sets it.
    BusinessUserGroups,
}

impl DetailField {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Surname => "surname",
            Self::OtherNames => "other_names",
            Self::Email => "email",
            Self::EnableFrom => "enable_from",
            Self::DisableAfter => "disable_after",
            Self::ClearingHouses => "clearing_houses",
            Self::BusinessUserGroups => "business_user_groups",
        }
    }
}

/// A field's value before and after a request, as text for the screen and the audit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: DetailField,
    pub before: String,
    pub after: String,
}

/// Notes a field's problem and hands back its value, if any.
fn check<T>(
    problems: &mut Vec<(DetailField, DetailError)>,
    field: DetailField,
    result: Result<T, DetailError>,
) -> Option<T> {
    result.map_err(|e| problems.push((field, e))).ok()
}

impl From<FreeTextError> for DetailError {
    fn from(error: FreeTextError) -> Self {
        match error {
            FreeTextError::Required => Self::Required,
            FreeTextError::TooLong => Self::TooLong,
            FreeTextError::Invisible => Self::BadCharacter,
        }
    }
}

fn name(raw: &str) -> Result<String, DetailError> {
    Ok(FreeText::parse(raw, NAME_MAX)?.into_string())
}

fn date(raw: &str) -> Result<Option<Date>, DetailError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| DetailError::NotADate)
}

impl ProfileForm {
    /// The form showing `details`, for the change screen to start from.
    pub fn from_details(details: &ProfileDetails) -> Self {
        Self {
            status: details.status.as_str().to_owned(),
            surname: details.surname.clone(),
            other_names: details.other_names.clone(),
            email: details
                .email
                .as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
            enable_from: details.enable_from.to_string(),
            disable_after: details
                .disable_after
                .map(|d| d.to_string())
                .unwrap_or_default(),
            clearing_houses: details
                .clearing_houses
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
        }
    }
}

impl ProfileDetails {
    /// Every field checked; the problems of all bad fields at once.
    pub fn parse(form: &ProfileForm) -> Result<Self, Vec<(DetailField, DetailError)>> {
        let mut problems = Vec::new();
        let p = &mut problems;
        let status = check(
            p,
            DetailField::Status,
            ProfileStatus::try_from(form.status.trim()).map_err(|_| DetailError::NotOffered),
        );
        let surname = check(p, DetailField::Surname, name(&form.surname));
        let other_names = check(p, DetailField::OtherNames, name(&form.other_names));
        let email = check(
            p,
            DetailField::Email,
            match form.email.trim() {
                "" => Ok(None),
                raw => EmailAddress::parse(raw)
                    .map(Some)
                    .map_err(DetailError::Email),
            },
        );
        let enable_from = check(
            p,
            DetailField::EnableFrom,
            date(&form.enable_from).and_then(|d| d.ok_or(DetailError::Required)),
        );
        let disable_after = check(p, DetailField::DisableAfter, date(&form.disable_after));
        let mut houses = Vec::new();
        for raw in &form.clearing_houses {
            match ClearingHouse::try_from(raw.trim()) {
                Ok(house) if !houses.contains(&house) => houses.push(house),
                Ok(_) => {}
                Err(_) => {
                    check::<()>(p, DetailField::ClearingHouses, Err(DetailError::NotOffered));
                }
            }
        }
        if houses.is_empty() && form.clearing_houses.is_empty() {
            check::<()>(p, DetailField::ClearingHouses, Err(DetailError::Required));
        }
        houses.sort();
        let p = &mut problems;
        if let (Some(from), Some(Some(after))) = (enable_from, disable_after) {
            if after < from {
                check::<()>(
                    p,
                    DetailField::DisableAfter,
                    Err(DetailError::DisableBeforeEnable),
                );
            }
        }
        match (
            status,
            surname,
            other_names,
            email,
            enable_from,
            disable_after,
        ) {
            (
                Some(status),
                Some(surname),
                Some(other_names),
                Some(email),
                Some(enable_from),
                Some(disable_after),
            ) if problems.is_empty() => Ok(Self {
                status,
                surname,
                other_names,
                email,
                enable_from,
                disable_after,
                clearing_houses: houses,
            }),
            _ => Err(problems),
        }
    }

    /// The fields that differ from `before`, in the screen's order.
    pub fn changes_from(&self, before: &Self) -> Vec<FieldChange> {
        let (b, a) = (before.texts(), self.texts());
        b.into_iter()
            .zip(a)
            .filter(|((_, x), (_, y))| x != y)
            .map(|((field, before), (_, after))| FieldChange {
                field,
                before,
                after,
            })
            .collect()
    }

    /// Every field as its form text, for a new profile (all "after", nothing before).
    pub fn as_new(&self) -> Vec<FieldChange> {
        self.texts()
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(field, after)| FieldChange {
                field,
                before: String::new(),
                after,
            })
            .collect()
    }

    fn texts(&self) -> [(DetailField, String); 7] {
        let form = ProfileForm::from_details(self);
        [
            (DetailField::Status, form.status),
            (DetailField::Surname, form.surname),
            (DetailField::OtherNames, form.other_names),
            (DetailField::Email, form.email),
            (DetailField::EnableFrom, form.enable_from),
            (DetailField::DisableAfter, form.disable_after),
            (DetailField::ClearingHouses, form.clearing_houses.join(",")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProfileForm {
        ProfileForm {
            status: "ENABLED".into(),
            surname: "TAI MAN".into(),
            other_names: "CHAN".into(),
            email: "abc@abc.com.hk".into(),
            enable_from: "2003-01-01".into(),
            disable_after: String::new(),
            clearing_houses: vec!["CASH".into()],
        }
    }

    #[test]
    fn r4_the_seed_screen_parses_and_round_trips() {
        let details = ProfileDetails::parse(&form()).unwrap();
        assert_eq!(details.email.as_ref().unwrap().as_str(), "abc@abc.com.hk");
        assert_eq!(details.clearing_houses, vec![ClearingHouse::Cash]);
        assert_eq!(ProfileForm::from_details(&details), form());
    }

    #[test]
    fn r4_every_bad_field_is_named_at_once() {
        let bad = ProfileForm {
            status: "MAYBE".into(),
            surname: " ".into(),
            other_names: "X".repeat(NAME_MAX + 1),
            email: "not-an-address".into(),
            enable_from: "2027-02-30".into(),
            disable_after: "soon".into(),
            clearing_houses: vec!["GOLD".into()],
        };
        let problems = ProfileDetails::parse(&bad).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                DetailField::Status,
                DetailField::Surname,
                DetailField::OtherNames,
                DetailField::Email,
                DetailField::EnableFrom,
                DetailField::DisableAfter,
                DetailField::ClearingHouses,
            ]
        );
    }

    #[test]
    fn r4_disable_after_may_not_precede_enable_from() {
        let f = ProfileForm {
            disable_after: "2002-12-31".into(),
            ..form()
        };
        assert_eq!(
            ProfileDetails::parse(&f).unwrap_err(),
            vec![(DetailField::DisableAfter, DetailError::DisableBeforeEnable)]
        );
        let same_day = ProfileForm {
            disable_after: "2003-01-01".into(),
            ..form()
        };
        assert!(ProfileDetails::parse(&same_day).is_ok());
    }

    #[test]
    fn r4_an_empty_email_means_none_registered() {
        let f = ProfileForm {
            email: "  ".into(),
            ..form()
        };
        assert_eq!(ProfileDetails::parse(&f).unwrap().email, None);
    }

    #[test]
    fn changes_name_only_the_fields_that_differ() {
        let before = ProfileDetails::parse(&form()).unwrap();
        let after = ProfileDetails::parse(&ProfileForm {
            email: "tai.man@broker.com.hk".into(),
            ..form()
        })
        .unwrap();
        assert_eq!(
            after.changes_from(&before),
            vec![FieldChange {
                field: DetailField::Email,
                before: "abc@abc.com.hk".into(),
                after: "tai.man@broker.com.hk".into(),
            }]
        );
        assert!(before.changes_from(&before).is_empty());
    }
}
