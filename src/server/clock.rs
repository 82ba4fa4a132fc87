//! The server's clock, injectable so that tests drive time (OTP expiry, service hours, the month
//! of an authorisation code) instead of sleeping.

use std::sync::atomic::{AtomicI64, Ordering};

use jiff::{SignedDuration, Timestamp};

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// Real time shifted by an offset that tests set; time keeps moving from wherever it was set.
#[derive(Default)]
pub struct AdjustableClock {
    offset_ms: AtomicI64,
}

impl AdjustableClock {
    pub fn set(&self, at: Timestamp) {
        let offset = at.as_millisecond() - Timestamp::now().as_millisecond();
        self.offset_ms.store(offset, Ordering::SeqCst);
    }

    /// A clock that resumes an offset kept from before (a restarted test server).
    pub fn with_offset_ms(offset_ms: i64) -> Self {
        Self {
            offset_ms: AtomicI64::new(offset_ms),
        }
    }

    /// How far this clock is from real time, to be kept across a restart.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }

    pub fn advance(&self, by: SignedDuration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_ms.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for AdjustableClock {
    fn now(&self) -> Timestamp {
        let offset = SignedDuration::from_millis(self.offset_ms.load(Ordering::SeqCst));
        Timestamp::now()
            .saturating_add(offset)
            .expect("offset is not a calendar unit")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjustable_clock_can_be_set_and_advanced() {
        let clock = AdjustableClock::default();
        let target: Timestamp = "2027-01-04T01:00:00Z".parse().unwrap();
        clock.set(target);
        assert!((clock.now().as_second() - target.as_second()).abs() <= 1);
        clock.advance(SignedDuration::from_secs(301));
        assert!((clock.now().as_second() - target.as_second() - 301).abs() <= 1);
    }
}
