//! Wire types of the operator console (`/api/operator/…`).

use serde::{Deserialize, Serialize};

/// One participant as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantSummary {
    pub participant_id: String,
    pub name: String,
    /// `CLEARING`, `CUSTODIAN`, `STOCK_PLEDGEE`, `CLEARING_AGENCY` or `DESIGNATED_BANK`.
    pub kind: String,
    /// Its profiles, DAs included.
    pub profiles: i64,
}
