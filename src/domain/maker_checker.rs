//! Maker–checker (R7, R8): a DA maker's request on a user profile takes effect only when a DA
//! checker of the same participant, never the maker, authorises it; and the Authorisation Code
//! that proves the checker (R9) belongs to one Hong Kong calendar month.

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use super::hong_kong;
use super::ids::LoginId;
use super::principal::DaRole;
use super::service_hours::{closing_of, HolidayCalendar};
use crate::stored_names::stored_names;

/// What a maker asks for (R7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestAction {
    Create,
    Change,
    Delete,
    Unlock,
    ResetSoftToken,
    /// R16: a user's business user groups put on a DA's profile (after the cut-over).
    AddBusinessGroups,
}

stored_names!(RequestAction {
    Create => "CREATE",
    Change => "CHANGE",
    Delete => "DELETE",
    Unlock => "UNLOCK",
    ResetSoftToken => "RESET_SOFT_TOKEN",
    AddBusinessGroups => "ADD_BUSINESS_GROUPS",
});

/// Where a request stands. Only a pending one can be decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestStatus {
    Pending,
    Authorised,
    Rejected,
    Withdrawn,
    /// Not decided within its service days.
    Expired,
    /// The profile changed after the request was made; it can no longer apply (R8).
    Stale,
}

stored_names!(RequestStatus {
    Pending => "PENDING",
    Authorised => "AUTHORISED",
    Rejected => "REJECTED",
    Withdrawn => "WITHDRAWN",
    Expired => "EXPIRED",
    Stale => "STALE",
});

/// A breach of the four-eyes rules, each a fact the DA can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FourEyesError {
    #[error("only a DA maker makes requests")]
    NotAMaker,
    #[error("only a DA checker authorises or rejects")]
    NotAChecker,
    #[error("the maker of a request cannot authorise it")]
    OwnRequest,
    #[error("only the maker withdraws a request")]
    NotTheMaker,
}

/// R7: a request is made by a maker.
pub fn may_make(role: DaRole) -> Result<(), FourEyesError> {
    match role {
        DaRole::Maker => Ok(()),
        DaRole::Checker => Err(FourEyesError::NotAMaker),
    }
}

/// R8: a checker, and not the request's maker, decides it.
pub fn may_decide(maker: &LoginId, checker: &LoginId, role: DaRole) -> Result<(), FourEyesError> {
    if maker == checker {
        return Err(FourEyesError::OwnRequest);
    }
    match role {
        DaRole::Checker => Ok(()),
        DaRole::Maker => Err(FourEyesError::NotAChecker),
    }
}

/// R6a: among operators, any other operator approves or rejects; never the maker.
pub fn may_approve(maker: &LoginId, approver: &LoginId) -> Result<(), FourEyesError> {
    if maker == approver {
        Err(FourEyesError::OwnRequest)
    } else {
        Ok(())
    }
}

/// R8: the maker, and only the maker, withdraws.
pub fn may_withdraw(maker: &LoginId, caller: &LoginId) -> Result<(), FourEyesError> {
    if maker == caller {
        Ok(())
    } else {
        Err(FourEyesError::NotTheMaker)
    }
}

/// A request not decided within this many service days expires.
pub const SERVICE_DAYS_TO_DECIDE: u32 = 5;

/// When a request made at `made` expires: the close of its fifth service day after the day it
/// was made (R11's hours; Sundays and holidays do not count).
pub fn expiry(made: Timestamp, calendar: &HolidayCalendar) -> Timestamp {
    let mut day = hong_kong::date(made);
    let mut counted = 0;
    let mut closing = None;
    // A year of holidays in a row is not a calendar this server meets.
    for _ in 0..400 {
        day = day.saturating_add(1.day());
        if let Some(close) = closing_of(day, calendar) {
            counted += 1;
            if counted == SERVICE_DAYS_TO_DECIDE {
                closing = Some(close);
                break;
            }
        }
    }
    let close: DateTime =
        closing.unwrap_or_else(|| day.to_datetime(jiff::civil::time(19, 0, 0, 0)));
    hong_kong::time_zone().to_timestamp(close).unwrap_or(made)
}

/// R9: the Hong Kong calendar month an Authorisation Code belongs to. Codes renew at 00:00 on
/// the 1st, Hong Kong time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodeMonth {
    first: Date,
}

impl CodeMonth {
    pub fn of(at: Timestamp) -> Self {
        Self {
            first: hong_kong::date(at).first_of_month(),
        }
    }

    /// `2026-12`: the text a code is derived from.
    pub fn label(self) -> String {
        self.first.strftime("%Y-%m").to_string()
    }

    /// The first day the code is valid.
    pub fn first_day(self) -> Date {
        self.first
    }

    /// The last day the code is valid, for the screen.
    pub fn last_day(self) -> Date {
        self.first.last_of_month()
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn id(raw: &str) -> LoginId {
        LoginId::parse(raw).unwrap()
    }

    fn hkt(text: &str) -> Timestamp {
        let local: DateTime = text.parse().unwrap();
        hong_kong::time_zone().to_timestamp(local).unwrap()
    }

    #[test]
    fn r7_only_a_maker_makes_requests() {
        assert_eq!(may_make(DaRole::Maker), Ok(()));
        assert_eq!(may_make(DaRole::Checker), Err(FourEyesError::NotAMaker));
    }

    #[test]
    fn r8_maker_and_checker_are_different_das() {
        let (maker, checker) = (id("B01234X1"), id("B01234Y1"));
        assert_eq!(may_decide(&maker, &checker, DaRole::Checker), Ok(()));
        assert_eq!(
            may_decide(&maker, &maker, DaRole::Checker),
            Err(FourEyesError::OwnRequest)
        );
        assert_eq!(
            may_decide(&maker, &id("B01234X2"), DaRole::Maker),
            Err(FourEyesError::NotAChecker)
        );
        assert_eq!(may_withdraw(&maker, &maker), Ok(()));
        let (op1, op2) = (id("HKEX-OP01"), id("HKEX-OP02"));
        assert_eq!(may_approve(&op1, &op2), Ok(()));
        assert_eq!(may_approve(&op1, &op1), Err(FourEyesError::OwnRequest));
        assert_eq!(
            may_withdraw(&maker, &checker),
            Err(FourEyesError::NotTheMaker)
        );
    }

    #[test]
    fn r9_the_code_month_turns_at_midnight_hong_kong_time() {
        let before = CodeMonth::of(hkt("2026-11-30T23:59:59"));
        let after = CodeMonth::of(hkt("2026-12-01T00:00:00"));
        assert_eq!(before.label(), "2026-11");
        assert_eq!(after.label(), "2026-12");
        assert_eq!(after.last_day(), date(2026, 12, 31));
        // 16:00 UTC on 30 November is already December in Hong Kong.
        let utc: Timestamp = "2026-11-30T16:00:00Z".parse().unwrap();
        assert_eq!(CodeMonth::of(utc), after);
    }

    #[test]
    fn requests_expire_at_the_close_of_the_fifth_service_day() {
        let calendar = HolidayCalendar::new([date(2026, 12, 25), date(2026, 12, 26)]);
        // Tuesday 1 Dec: Wed, Thu, Fri, Sat (closes 13:00), Mon 7 Dec.
        assert_eq!(
            expiry(hkt("2026-12-01T10:00"), &calendar),
            hkt("2026-12-07T19:00")
        );
        // Made on Wednesday 2 Dec: Thu, Fri, Sat, Mon, Tue 8 Dec.
        assert_eq!(
            expiry(hkt("2026-12-02T10:00"), &calendar),
            hkt("2026-12-08T19:00")
        );
        // Over Christmas (Fri and Sat holidays): Tue 22 → Wed, Thu, Mon 28, Tue, Wed 30.
        assert_eq!(
            expiry(hkt("2026-12-22T10:00"), &calendar),
            hkt("2026-12-30T19:00")
        );
        // A Saturday's close is 13:00: made Mon 30 Nov → Tue..Fri, Sat 5 Dec.
        assert_eq!(
            expiry(hkt("2026-11-30T10:00"), &calendar),
            hkt("2026-12-05T13:00")
        );
    }
}
