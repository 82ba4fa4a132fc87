//! Bulk e-mail registration (beyond the seed, which makes DAs repeat Appendix A for every user):
//! a file of user IDs and e-mails, each row judged on its own, the valid ones authorised once
//! as one batch and judged again, row by row, when they are applied.

use serde::{Deserialize, Serialize};

use super::{EmailAddress, EmailError, IdError};

/// Rows one file may hold.
pub const MAX_ROWS: usize = 5_000;

/// What a valid row would do to the profile's e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RowVerdict {
    /// The profile has no e-mail yet.
    New,
    /// It replaces another address.
    Changed,
    /// The address is registered already: nothing to do, not part of the batch.
    Unchanged,
}

impl RowVerdict {
    pub fn of(before: Option<&EmailAddress>, after: &EmailAddress) -> Self {
        match before {
            None => Self::New,
            Some(old) if old.as_str().eq_ignore_ascii_case(after.as_str()) => Self::Unchanged,
            Some(_) => Self::Changed,
        }
    }

    /// Only rows that change something become part of the batch.
    pub fn changes(self) -> bool {
        self != Self::Unchanged
    }
}

/// Why a row of the file is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// Not two cells: a user ID and an e-mail.
    Malformed,
    BadId(IdError),
    BadEmail(EmailError),
    /// The same user ID on an earlier row.
    Twice,
    /// A user of neither the DA's participant nor its settlement agents (R26, R27).
    NotYours,
    NoSuchUser,
    /// R6: DA profiles are the operator's.
    DaProfile,
    /// R8: the profile has a request pending already (alone or in another batch).
    Pending,
}

/// Why a row of an authorised batch was not applied: judged again at authorisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RowRefusal {
    /// The profile changed after the batch was made (R8), or went.
    Stale,
    /// Another request on the profile is pending.
    Pending,
}

/// One row's outcome once the batch is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RowOutcome {
    Applied,
    Refused(RowRefusal),
}

/// A file's records: a first row naming the columns is skipped, blank rows too. Each row
/// keeps its line number so that a message can point at it.
pub fn rows_of(records: Vec<(usize, Vec<String>)>) -> Vec<(usize, Vec<String>)> {
    records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .enumerate()
        .filter(|(n, (_, cells))| !(*n == 0 && is_header(cells)))
        .map(|(_, row)| row)
        .collect()
}

fn is_header(cells: &[String]) -> bool {
    cells
        .first()
        .map(|c| c.trim().to_ascii_lowercase().replace([' ', '_', '-'], ""))
        .is_some_and(|c| c == "userid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> EmailAddress {
        EmailAddress::parse(raw).unwrap()
    }

    #[test]
    fn a_rows_verdict_says_what_it_would_do() {
        let new = email("a.chan@broker.example.com");
        assert_eq!(RowVerdict::of(None, &new), RowVerdict::New);
        assert_eq!(
            RowVerdict::of(Some(&email("old@broker.example.com")), &new),
            RowVerdict::Changed
        );
        assert_eq!(
            RowVerdict::of(Some(&email("A.Chan@Broker.example.com")), &new),
            RowVerdict::Unchanged
        );
        assert!(!RowVerdict::Unchanged.changes() && RowVerdict::New.changes());
    }

    #[test]
    fn a_header_row_and_blank_rows_are_skipped_and_lines_are_kept() {
        let cells = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
        let rows = rows_of(vec![
            (1, cells("User ID", "E-mail")),
            (2, cells("B0123401", "a@b.example.com")),
            (3, cells("", " ")),
            (4, cells("B0123402", "c@d.example.com")),
        ]);
        assert_eq!(
            rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
            [2, 4]
        );
        let without_header = rows_of(vec![(1, cells("B0123401", "a@b.example.com"))]);
        assert_eq!(without_header.len(), 1);
    }
}
