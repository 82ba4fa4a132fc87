//! R26: a session ends after 15 minutes without a request or 8 hours after its log-in, however
//! it is reached (the API's cookie, the provider's cookie, an application's token).

use jiff::{SignedDuration, Timestamp};

use crate::server::config::Config;
use crate::server::store::SessionRecord;

/// The moment the session ends if nothing renews it: its idle limit or its absolute one.
pub fn ends_at(config: &Config, record: &SessionRecord) -> Timestamp {
    let idle = SignedDuration::from_mins(i64::from(config.session_idle_minutes));
    let limit = record
        .last_seen_at
        .saturating_add(idle.as_millis() as i64)
        .min(absolute_end(config, record).as_millisecond());
    Timestamp::from_millisecond(limit).unwrap_or(Timestamp::MIN)
}

/// The moment the session ends however active it is.
pub fn absolute_end(config: &Config, record: &SessionRecord) -> Timestamp {
    let absolute = SignedDuration::from_hours(i64::from(config.session_absolute_hours));
    let limit = record
        .created_at
        .saturating_add(absolute.as_millis() as i64);
    Timestamp::from_millisecond(limit).unwrap_or(Timestamp::MIN)
}

/// One of the limits has passed at `now`.
pub fn passed(config: &Config, record: &SessionRecord, now: Timestamp) -> bool {
    now > ends_at(config, record)
}

/// How stale a session's last-seen time may grow before a request renews it.
const TOUCH_EVERY_MS: i64 = 60_000;

/// Whether a use at `now` renews the idle timer: at most once a minute, so a session check is a
/// read, not a write per request, and the idle limit is kept to within that minute.
pub fn renew_due(record: &SessionRecord, now: Timestamp) -> bool {
    now.as_millisecond() - record.last_seen_at >= TOUCH_EVERY_MS
}
