//! Why a DMS request is refused, beyond the log-in's reasons.

use jiff::civil::DateTime;

use super::Explain;
use crate::api::ErrorCode;
use crate::i18n::{fill, Catalogue};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DmsError {
    /// R11: outside service hours; opens at this Hong Kong date and time.
    Closed { opens: DateTime },
}

impl Explain for DmsError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Closed { .. } => ErrorCode::OutsideServiceHours,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        match self {
            Self::Closed { opens } => {
                let opens = opens.strftime("%Y-%m-%d %H:%M").to_string();
                fill(t.errors.outside_service_hours, &[("opens", &opens)])
            }
        }
    }
}
