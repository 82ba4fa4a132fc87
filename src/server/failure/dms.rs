//! Why a DMS request is refused, beyond the log-in's reasons.

use jiff::civil::DateTime;
use jiff::Timestamp;

use super::documented::answers_with;
use super::Explain;
use crate::api::ErrorCode;
use crate::domain::table_one::NotInThisPhase;
use crate::domain::{hong_kong, FourEyesError, LoginId, RequestStatus};
use crate::i18n::{fill, Catalogue};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DmsError {
    /// R11: outside service hours; opens at this Hong Kong date and time.
    Closed {
        opens: DateTime,
    },
    /// No such profile in the DA's participant (another participant's included, R26).
    UnknownUser,
    UnknownRequest,
    UnknownBatch,
    /// R6: DAs read DA profiles but never change them.
    DaProfileReadOnly,
    FourEyes(FourEyesError),
    /// R13: Table 1 does not open this function to this actor in this phase.
    NotInPhase(NotInThisPhase),
    /// R8: one pending request per profile.
    AlreadyPending,
    NotPending {
        status: RequestStatus,
    },
    /// R8: the profile moved on after the request was made.
    Stale,
    /// The maker's screen shows an older version of the profile than the stored one.
    MovedOn,
    Expired,
    NothingChanged,
    NotLocked,
    /// R27: a settlement agent's user, of whom the principal's DAs maintain the e-mail alone.
    AgentEmailOnly,
    /// R9: too many wrong codes for this checker.
    CodeBlocked {
        checker: LoginId,
        until: Timestamp,
        now: Timestamp,
    },
}

impl From<FourEyesError> for DmsError {
    fn from(error: FourEyesError) -> Self {
        Self::FourEyes(error)
    }
}

// The codes of `code` below, for the API contract.
answers_with!(DmsError: OutsideServiceHours, NotFound, Forbidden, Conflict, InvalidInput, TooManyRequests);

impl Explain for DmsError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Closed { .. } => ErrorCode::OutsideServiceHours,
            Self::UnknownUser | Self::UnknownRequest | Self::UnknownBatch => ErrorCode::NotFound,
            Self::DaProfileReadOnly
            | Self::FourEyes(_)
            | Self::NotInPhase(_)
            | Self::AgentEmailOnly => ErrorCode::Forbidden,
            Self::AlreadyPending
            | Self::NotPending { .. }
            | Self::Stale
            | Self::MovedOn
            | Self::Expired
            | Self::NotLocked => ErrorCode::Conflict,
            Self::NothingChanged => ErrorCode::InvalidInput,
            Self::CodeBlocked { .. } => ErrorCode::TooManyRequests,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        let m = &t.maintain;
        match self {
            Self::Closed { opens } => {
                let opens = opens.strftime("%Y-%m-%d %H:%M").to_string();
                fill(t.errors.outside_service_hours, &[("opens", &opens)])
            }
            Self::UnknownUser => m.unknown_user.to_owned(),
            Self::UnknownRequest => m.unknown_request.to_owned(),
            Self::UnknownBatch => t.bulk_email.unknown_batch.to_owned(),
            Self::DaProfileReadOnly => m.da_profile_read_only.to_owned(),
            Self::AgentEmailOnly => m.agent_email_only.to_owned(),
            Self::FourEyes(e) => match e {
                FourEyesError::NotAMaker => m.not_a_maker,
                FourEyesError::NotAChecker => m.not_a_checker,
                FourEyesError::OwnRequest => m.own_request,
                FourEyesError::NotTheMaker => m.not_the_maker,
            }
            .to_owned(),
            Self::NotInPhase(refusal) => t.not_in_phase(*refusal),
            Self::AlreadyPending => m.already_pending.to_owned(),
            Self::NotPending { status } => {
                fill(m.not_pending, &[("status", t.request_status(*status))])
            }
            Self::Stale => m.stale.to_owned(),
            Self::MovedOn => m.moved_on.to_owned(),
            Self::Expired => m.expired.to_owned(),
            Self::NothingChanged => m.nothing_changed.to_owned(),
            Self::NotLocked => m.not_locked.to_owned(),
            Self::CodeBlocked { checker, until, .. } => fill(
                m.code_blocked,
                &[
                    ("checker", checker.as_str()),
                    ("until", &hong_kong::format_date_time(*until)),
                ],
            ),
        }
    }

    fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::CodeBlocked { until, now, .. } => {
                Some(until.duration_since(*now).as_secs().max(1) as u64)
            }
            _ => None,
        }
    }
}
