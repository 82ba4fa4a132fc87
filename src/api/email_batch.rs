//! Wire types of bulk e-mail registration: the file checked row by row, the batch a checker
//! authorises once, and each row's outcome.

use serde::{Deserialize, Serialize};

use crate::domain::bulk_email::{RowOutcome, RowVerdict};
use crate::domain::RequestStatus;

/// The file as text (CSV: user ID, e-mail per row; a header row allowed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EmailBatchUpload {
    pub csv: String,
}

/// One row of the file as the check judged it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CheckedRow {
    /// Its line in the file.
    pub line: u32,
    pub user_id: String,
    pub email: String,
    pub before_email: Option<String>,
    /// Set for a valid row.
    pub verdict: Option<RowVerdict>,
    /// Why the row is not taken, in the reader's language.
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EmailBatchCheck {
    pub rows: Vec<CheckedRow>,
    /// Rows that would become part of the batch (new or changed).
    pub to_register: u32,
    pub unchanged: u32,
    pub errors: u32,
}

/// A row of a batch: its before, its after and, once decided, its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BatchRowView {
    pub line: u32,
    pub user_id: String,
    pub before_email: Option<String>,
    pub after_email: String,
    pub outcome: Option<RowOutcome>,
    /// The outcome in the reader's language.
    pub outcome_text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EmailBatchView {
    pub batch_id: String,
    pub status: RequestStatus,
    pub maker_id: String,
    pub made_by_me: bool,
    pub checker_id: Option<String>,
    pub reason: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    pub decided_at: Option<String>,
    pub rows: Vec<BatchRowView>,
    pub applied: u32,
    pub refused: u32,
}

/// A batch as Pending Requests lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EmailBatchSummary {
    pub batch_id: String,
    pub status: RequestStatus,
    pub maker_id: String,
    pub made_by_me: bool,
    pub rows: u32,
    pub created_at: String,
}
