//! A request's malformed fields, all reported at once (422), each with a reason of its own.

use std::collections::BTreeMap;

use super::documented::answers_with;
use super::Explain;
use crate::api::ErrorCode;
use crate::domain::otp::OtpError;
use crate::domain::password_policy::PolicyBreach;
use crate::domain::smartcard::CardError;
use crate::domain::{DetailError, EmailError, FreeText, IdError, PasskeyNameError, Reason};
use crate::i18n::{fill, Catalogue};

/// Why one field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Id(IdError),
    Email(EmailError),
    Otp(OtpError),
    Policy(PolicyBreach),
    TooLong,
    PasswordEmpty,
    /// One of the last five passwords (R17).
    PasswordReused,
    /// Profile settings need the present second factor before a new device (R26a).
    ProofNeeded,
    /// Not an instant the server can read.
    Instant,
    /// A test clock outside the years the server reasons about.
    ClockOutOfRange,
    /// Not one of the values the page offers (a sort column, a filter, a page number).
    NotOffered,
    /// A field of the profile form (R4).
    Detail(DetailError),
    /// R3: a profile with this ID exists.
    IdTaken,
    /// Maker–checker: the Checker ID is no DA checker of the participant.
    NotAChecker,
    /// The checker may not log in today (disabled, or outside their dates): nor may they
    /// authorise (R26b).
    CheckerMayNotAuthorise,
    /// Issue 26: the participant asks the checker's own one-time password at others' screens.
    CheckerOtpRequired,
    CheckerOtpWrong,
    /// The checker has no authenticator app: they approve in their own session.
    CheckerHasNoApp,
    CheckerHasNoPasskey,
    /// A passkey's answer with no challenge asked for this checker at this screen.
    CheckerPasskeyNotAsked,
    CheckerPasskeyRefused,
    /// In a checker's own session, the Checker ID is their own.
    CheckerIsYou,
    /// R9: not this checker's code for this month.
    WrongAuthorisationCode,
    ReasonRequired,
    /// R16: the DA ID names no DA profile of the participant.
    NotADa,
    /// R16: the user ID names no business user of the participant.
    NotAUserOfYours,
    /// Bulk e-mail: a file without rows, too long, or without a row that changes anything.
    BatchEmpty,
    BatchTooLong,
    BatchNothingToRegister,
    /// A new user's ID begins with another participant's ID.
    OtherParticipant,
    /// The ID names a participant that does not exist.
    UnknownParticipant,
    /// A row of an uploaded holiday calendar: its number and what is wrong.
    HolidayRow {
        row: usize,
        problem: HolidayRowProblem,
    },
    HolidaysEmpty,
    /// R25: an SRN or PIN as typed.
    Card(CardError),
    /// Not what the field carries (a passkey's answer that is no WebAuthn JSON).
    Malformed,
    /// A passkey's name.
    PasskeyName(PasskeyNameError),
    /// An application's address (issue 28).
    Uri(UriProblem),
    /// A secret rotation's grace beyond 30 days.
    GraceTooLong,
}

/// What is wrong with an address an application registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UriProblem {
    NotAbsolute,
    NotHttps,
    Fragment,
}

/// What is wrong with a row of an uploaded holiday calendar (R11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayRowProblem {
    BadDate,
    NoName,
    /// The name holds an invisible character (issue 26).
    InvisibleCharacter,
    Twice,
}

impl From<IdError> for FieldProblem {
    fn from(error: IdError) -> Self {
        Self::Id(error)
    }
}

impl From<EmailError> for FieldProblem {
    fn from(error: EmailError) -> Self {
        Self::Email(error)
    }
}

impl From<OtpError> for FieldProblem {
    fn from(error: OtpError) -> Self {
        Self::Otp(error)
    }
}

impl From<CardError> for FieldProblem {
    fn from(error: CardError) -> Self {
        Self::Card(error)
    }
}

impl From<PasskeyNameError> for FieldProblem {
    fn from(error: PasskeyNameError) -> Self {
        Self::PasskeyName(error)
    }
}

impl From<DetailError> for FieldProblem {
    fn from(error: DetailError) -> Self {
        match error {
            DetailError::Email(e) => Self::Email(e),
            DetailError::TooLong => Self::TooLong,
            other => Self::Detail(other),
        }
    }
}

impl FieldProblem {
    fn message(self, t: &Catalogue) -> String {
        match self {
            Self::Id(e) => t.id_error(e).to_owned(),
            Self::Email(e) => t.email_error(e).to_owned(),
            Self::Otp(e) => t.otp_error(e).to_owned(),
            Self::Policy(breach) => {
                fill(t.password.policy_unmet, &[("rule", t.policy_rule(breach))])
            }
            Self::TooLong => t.errors.field_too_long.to_owned(),
            Self::PasswordEmpty => t.errors.password_empty.to_owned(),
            Self::PasswordReused => t.errors.password_reused.to_owned(),
            Self::ProofNeeded => t.errors.proof_needed.to_owned(),
            Self::Instant => t.errors.invalid_input.to_owned(),
            Self::ClockOutOfRange => t.errors.clock_out_of_range.to_owned(),
            Self::NotOffered => t.errors.not_offered.to_owned(),
            Self::Detail(e) => match e {
                DetailError::Required => t.maintain.field_required,
                DetailError::TooLong => t.errors.field_too_long,
                DetailError::BadCharacter => t.maintain.bad_character,
                DetailError::Email(e) => t.email_error(e),
                DetailError::NotADate => t.maintain.not_a_date,
                DetailError::DisableBeforeEnable => t.maintain.disable_before_enable,
                DetailError::NotOffered => t.errors.not_offered,
            }
            .to_owned(),
            Self::IdTaken => t.maintain.id_taken.to_owned(),
            Self::NotAChecker => t.maintain.checker_unknown.to_owned(),
            Self::CheckerIsYou => t.maintain.checker_is_you.to_owned(),
            Self::CheckerMayNotAuthorise => t.maintain.checker_may_not_authorise.to_owned(),
            Self::CheckerOtpRequired => t.maintain.checker_otp_required.to_owned(),
            Self::CheckerOtpWrong => t.maintain.checker_otp_wrong.to_owned(),
            Self::CheckerHasNoApp => t.maintain.checker_has_no_app.to_owned(),
            Self::CheckerHasNoPasskey => t.maintain.checker_has_no_passkey.to_owned(),
            Self::CheckerPasskeyNotAsked => t.maintain.checker_passkey_not_asked.to_owned(),
            Self::CheckerPasskeyRefused => t.maintain.checker_passkey_refused.to_owned(),
            Self::WrongAuthorisationCode => t.maintain.code_wrong.to_owned(),
            Self::ReasonRequired => t.maintain.reason_required.to_owned(),
            Self::OtherParticipant => t.maintain.id_not_yours.to_owned(),
            Self::BatchEmpty => t.bulk_email.empty.to_owned(),
            Self::NotADa => t.maintain.not_a_da_of_yours.to_owned(),
            Self::NotAUserOfYours => t.maintain.not_a_user_of_yours.to_owned(),
            Self::BatchTooLong => fill(
                t.bulk_email.too_many,
                &[("max", &crate::domain::bulk_email::MAX_ROWS.to_string())],
            ),
            Self::BatchNothingToRegister => t.bulk_email.nothing_to_register.to_owned(),
            Self::UnknownParticipant => t.operator.unknown_participant.to_owned(),
            Self::HolidayRow { row, problem } => {
                let problem = match problem {
                    HolidayRowProblem::BadDate => t.operator.holiday_bad_date,
                    HolidayRowProblem::NoName => t.operator.holiday_no_name,
                    HolidayRowProblem::Twice => t.operator.holiday_twice,
                    HolidayRowProblem::InvisibleCharacter => t.operator.holiday_invisible,
                };
                fill(
                    t.operator.holiday_row,
                    &[("row", &row.to_string()), ("problem", problem)],
                )
            }
            Self::HolidaysEmpty => t.operator.holiday_empty.to_owned(),
            Self::Malformed => t.errors.invalid_input.to_owned(),
            Self::PasskeyName(PasskeyNameError::TooLong) => t.errors.field_too_long.to_owned(),
            Self::PasskeyName(PasskeyNameError::BadCharacter) => {
                t.maintain.bad_character.to_owned()
            }
            Self::Uri(problem) => match problem {
                UriProblem::NotAbsolute => t.provider.uri_not_absolute,
                UriProblem::NotHttps => t.provider.uri_not_https,
                UriProblem::Fragment => t.provider.uri_fragment,
            }
            .to_owned(),
            Self::GraceTooLong => t.provider.grace_too_long.to_owned(),
            Self::Card(e) => match e {
                CardError::SrnEmpty => t.errors.card_srn_empty,
                CardError::SrnMalformed => t.errors.card_srn_malformed,
                CardError::PinMalformed => t.errors.card_pin_malformed,
            }
            .to_owned(),
        }
    }
}

/// Collects per-field problems of one request, so the user sees all of them at once.
#[derive(Debug, Default)]
pub struct InvalidInput {
    /// The first problem of each field, keyed by the request's field name.
    fields: BTreeMap<&'static str, FieldProblem>,
}

impl InvalidInput {
    pub fn new() -> Self {
        Self::default()
    }

    /// A request with this one problem.
    pub fn of(field: &'static str, problem: FieldProblem) -> Self {
        let mut errors = Self::new();
        errors.add(field, problem);
        errors
    }

    pub fn add(&mut self, field: &'static str, problem: FieldProblem) {
        self.fields.entry(field).or_insert(problem);
    }

    /// Records the error of a parse and hands back its value, if any.
    pub fn check<T, E: Into<FieldProblem>>(
        &mut self,
        field: &'static str,
        result: Result<T, E>,
    ) -> Option<T> {
        result.map_err(|e| self.add(field, e.into())).ok()
    }

    /// Adds another request's problems (the first of each field stays).
    pub fn merge(&mut self, other: Self) {
        for (field, problem) in other.fields {
            self.add(field, problem);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn finish(self) -> Result<(), Self> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// A free-text field parsed (issue 26: no invisible characters, NFC), or its problem named.
pub fn free_text(
    field: &'static str,
    raw: &str,
    max_chars: usize,
) -> Result<FreeText, InvalidInput> {
    FreeText::parse(raw, max_chars)
        .map_err(|e| InvalidInput::of(field, DetailError::from(e).into()))
}

/// A reason for a rejection (R8), or the field named with what is wrong with it.
pub fn reason(raw: &str) -> Result<Reason, InvalidInput> {
    Reason::parse(raw).map_err(|e| {
        let problem = match DetailError::from(e) {
            DetailError::Required => FieldProblem::ReasonRequired,
            other => other.into(),
        };
        InvalidInput::of("reason", problem)
    })
}

// The codes of `code` below, for the API contract.
answers_with!(InvalidInput: InvalidInput);

impl Explain for InvalidInput {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }
    fn message(&self, t: &Catalogue) -> String {
        t.errors.invalid_input.to_owned()
    }
    fn fields(&self, t: &Catalogue) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|(field, problem)| ((*field).to_owned(), problem.message(t)))
            .collect()
    }
}
