//! What every handler can reach.

use std::sync::Arc;

use jiff::Timestamp;

use super::clock::{AdjustableClock, Clock};
use super::config::Config;
use super::mail::sender::OutboxSignal;
use super::mail::Mailer;
use super::store::Store;
use super::throttle::Throttle;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Present only with `--test-clock`: the same clock, settable.
    pub test_clock: Option<Arc<AdjustableClock>>,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Wakes the background sender when a request has recorded mail.
    pub outbox: OutboxSignal,
    pub throttle: Arc<Throttle>,
}

impl AppState {
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Now as Unix seconds, the time base of TOTP.
    pub fn unix_seconds(&self) -> u64 {
        u64::try_from(self.now().as_second()).unwrap_or_default()
    }
}
