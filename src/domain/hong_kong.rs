//! Hong Kong time, in which the rules reason (service hours, month of an authorisation code,
//! enable-from dates). Hong Kong has kept UTC+8 without daylight saving since 1979, so a fixed
//! offset is exact and needs no time-zone database in the browser.

use jiff::civil::{Date, DateTime};
use jiff::tz::{self, TimeZone};
use jiff::Timestamp;

pub fn time_zone() -> TimeZone {
    TimeZone::fixed(tz::offset(8))
}

pub fn date_time(at: Timestamp) -> DateTime {
    time_zone().to_datetime(at)
}

pub fn date(at: Timestamp) -> Date {
    date_time(at).date()
}

/// The seed's date style on the profile screen, with a four-digit year: `01-Jan-2027`.
/// The instant a Hong Kong day begins (midnight there).
pub fn start_of(day: Date) -> Timestamp {
    day.to_zoned(time_zone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

pub fn format_date(date: Date) -> String {
    date.strftime("%d-%b-%Y").to_string()
}

/// Minutes precision, the zone named, as shown to people: `2026-11-26 08:05 HKT`.
pub fn format_date_time(at: Timestamp) -> String {
    format!("{} HKT", date_time(at).strftime("%Y-%m-%d %H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_utc_is_eight_in_the_morning_in_hong_kong() {
        let at: Timestamp = "2026-11-25T16:30:00Z".parse().unwrap();
        assert_eq!(date(at), jiff::civil::date(2026, 11, 26));
        assert_eq!(format_date_time(at), "2026-11-26 00:30 HKT");
    }

    #[test]
    fn dates_are_shown_in_the_seed_style() {
        assert_eq!(format_date(jiff::civil::date(2003, 1, 1)), "01-Jan-2003");
    }
}
