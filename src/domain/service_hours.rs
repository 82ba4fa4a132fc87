//! R11: the DMS serves makers and checkers 07:00–19:00 Monday to Friday and 09:00–13:00 on
//! Saturday, Hong Kong time; never on a Sunday or a Hong Kong general holiday.

use std::collections::BTreeSet;

use jiff::civil::{time, Date, DateTime, Time, Weekday};
use jiff::{Timestamp, ToSpan};

use super::hong_kong;

/// Hong Kong's general holidays, as the operator loads them; days past its last are taken for
/// ordinary days (the server warns as that day nears).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    days: BTreeSet<Date>,
}

impl HolidayCalendar {
    pub fn new(days: impl IntoIterator<Item = Date>) -> Self {
        Self {
            days: days.into_iter().collect(),
        }
    }

    pub fn is_holiday(&self, day: Date) -> bool {
        self.days.contains(&day)
    }

    /// The last holiday the calendar knows of: beyond it, it knows nothing.
    pub fn last_day(&self) -> Option<Date> {
        self.days.last().copied()
    }
}

/// Whether the DMS serves now, and if not, when it next will.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    Open,
    /// Closed; opens at this Hong Kong date and time.
    Closed {
        opens: DateTime,
    },
}

/// The hours a day is served, if any: `[start, end)`.
fn hours(day: Date, calendar: &HolidayCalendar) -> Option<(Time, Time)> {
    if calendar.is_holiday(day) {
        return None;
    }
    match day.weekday() {
        Weekday::Sunday => None,
        Weekday::Saturday => Some((time(9, 0, 0, 0), time(13, 0, 0, 0))),
        _ => Some((time(7, 0, 0, 0), time(19, 0, 0, 0))),
    }
}

/// When a service day closes (Hong Kong time), or `None` on a day the DMS does not serve.
pub fn closing_of(day: Date, calendar: &HolidayCalendar) -> Option<DateTime> {
    hours(day, calendar).map(|(_, end)| day.to_datetime(end))
}

pub fn opening(at: Timestamp, calendar: &HolidayCalendar) -> Opening {
    let now = hong_kong::date_time(at);
    let today = now.date();
    if let Some((start, end)) = hours(today, calendar) {
        if now.time() >= start && now.time() < end {
            return Opening::Open;
        }
        if now.time() < start {
            return Opening::Closed {
                opens: today.to_datetime(start),
            };
        }
    }
    // Every week has a working day, unless a year of holidays says otherwise.
    let mut day = today;
    for _ in 0..400 {
        day = day.saturating_add(1.day());
        if let Some((start, _)) = hours(day, calendar) {
            return Opening::Closed {
                opens: day.to_datetime(start),
            };
        }
    }
    Opening::Closed {
        opens: day.to_datetime(time(7, 0, 0, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// `2026-12-01 07:00` read as Hong Kong time.
    fn hkt(text: &str) -> Timestamp {
        let local: DateTime = text.parse().unwrap();
        hong_kong::time_zone().to_timestamp(local).unwrap()
    }

    fn calendar() -> HolidayCalendar {
        // Christmas 2026 is a Friday, the day after it a Saturday.
        HolidayCalendar::new([date(2026, 12, 25), date(2026, 12, 26)])
    }

    fn is_open(text: &str) -> bool {
        opening(hkt(text), &calendar()) == Opening::Open
    }

    #[test]
    fn r11_weekdays_are_served_from_seven_to_nineteen() {
        // 2026-12-01 is a Tuesday.
        assert!(!is_open("2026-12-01T06:59"));
        assert!(is_open("2026-12-01T07:00"));
        assert!(is_open("2026-12-01T18:59"));
        assert!(!is_open("2026-12-01T19:00"));
    }

    #[test]
    fn r11_saturdays_from_nine_to_thirteen_and_never_sundays_or_holidays() {
        assert!(!is_open("2026-12-05T08:59"));
        assert!(is_open("2026-12-05T09:00"));
        assert!(is_open("2026-12-05T12:59"));
        assert!(!is_open("2026-12-05T13:00"));
        assert!(!is_open("2026-12-06T10:00"), "Sunday");
        assert!(!is_open("2026-12-25T10:00"), "Christmas Day");
    }

    #[test]
    fn r11_closed_says_when_it_opens_next() {
        let opens = |text| match opening(hkt(text), &calendar()) {
            Opening::Closed { opens } => opens.to_string(),
            Opening::Open => "open".into(),
        };
        assert_eq!(opens("2026-12-01T06:59"), "2026-12-01T07:00:00");
        assert_eq!(opens("2026-12-01T19:00"), "2026-12-02T07:00:00");
        assert_eq!(opens("2026-12-05T13:00"), "2026-12-07T07:00:00");
        // Thursday evening before Christmas: Friday and Saturday are holidays, Sunday closed.
        assert_eq!(opens("2026-12-24T20:00"), "2026-12-28T07:00:00");
    }
}
