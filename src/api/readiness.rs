//! Wire types of the readiness report (R29): the seed's checklist counted per participant.

use serde::{Deserialize, Serialize};

use crate::domain::readiness::Readiness;

/// One participant's counts, or the total (empty ID and name).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReadinessRow {
    pub participant_id: String,
    pub name: String,
    /// Its profiles, DAs included.
    pub profiles: i64,
    pub with_email: i64,
    pub without_email: i64,
    /// Logged in by password and a second factor at least once.
    pub two_factor: i64,
    /// Logged in, but only ever by smartcard.
    pub smartcard_only: i64,
    pub never_logged_in: i64,
}

impl ReadinessRow {
    /// A participant's counts as the report shows them.
    pub fn of(participant_id: &str, name: &str, counts: Readiness) -> Self {
        Self {
            participant_id: participant_id.to_owned(),
            name: name.to_owned(),
            profiles: counts.profiles,
            with_email: counts.with_email(),
            without_email: counts.without_email,
            two_factor: counts.two_factor,
            smartcard_only: counts.smartcard_only,
            never_logged_in: counts.never_logged_in(),
        }
    }
}

/// The report as the operator reads it: every participant and the total.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReadinessReport {
    pub participants: Vec<ReadinessRow>,
    pub total: ReadinessRow,
    /// When it was counted, Hong Kong time.
    pub counted_at: String,
}
