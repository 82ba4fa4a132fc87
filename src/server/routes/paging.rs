//! A list's page number from the address: a whole number from 1, the first page when absent.

use crate::server::failure::FieldProblem;

/// The furthest page an address may ask for.
const LAST_PAGE: u32 = 1_000_000;

pub fn page_number(raw: Option<&str>) -> Result<u32, FieldProblem> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=LAST_PAGE).contains(n))
            .ok_or(FieldProblem::NotOffered),
    }
}

/// The rows before `page` when each page holds `per_page`.
pub fn offset(page: u32, per_page: u32) -> i64 {
    i64::from(page.saturating_sub(1)) * i64::from(per_page)
}
