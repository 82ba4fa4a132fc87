use serde::{Deserialize, Serialize};

/// Body of `POST /api/test/clock` (only with `--test-clock`): set the time, move it, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetClock {
    /// An RFC 3339 instant, e.g. `2026-12-01T09:00:00+08:00`.
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub advance_seconds: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockReading {
    /// RFC 3339, UTC.
    pub now: String,
    /// The same instant as people in Hong Kong read it.
    pub hong_kong: String,
}
