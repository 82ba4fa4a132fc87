//! The listing's query read into a page of the store, and a stored profile as a listing row:
//! shared by the listing and its CSV.

use crate::api::UserListingQuery;
use crate::server::failure::{FieldProblem, InvalidInput};
use crate::server::store::{ListingFilter, ListingPage, ListingSort};

const PER_PAGE: u32 = 50;
const MAX_PER_PAGE: u32 = 200;

/// A page number or size from the query: a whole number within `1..=max`.
fn number(raw: Option<&str>, default: u32, max: u32) -> Result<u32, FieldProblem> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or(FieldProblem::NotOffered),
    }
}

pub fn parse_listing(query: &UserListingQuery) -> Result<(u32, u32, ListingPage), InvalidInput> {
    let mut errors = InvalidInput::new();
    let page = errors.check("page", number(query.page.as_deref(), 1, 1_000_000));
    let per_page = errors.check(
        "per_page",
        number(query.per_page.as_deref(), PER_PAGE, MAX_PER_PAGE),
    );
    let sort = match query.sort.as_deref().filter(|s| !s.is_empty()) {
        None => Some(ListingSort::UserId),
        Some(raw) => errors.check(
            "sort",
            ListingSort::try_from(raw).map_err(|_| FieldProblem::NotOffered),
        ),
    };
    let descending = match query.order.as_deref().filter(|s| !s.is_empty()) {
        None | Some("asc") => Some(false),
        Some("desc") => Some(true),
        Some(_) => errors.check::<bool, _>("order", Err(FieldProblem::NotOffered)),
    };
    let mut filters = Vec::new();
    for raw in query
        .filter
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
    {
        if raw.is_empty() {
            continue;
        }
        if let Some(filter) = errors.check(
            "filter",
            ListingFilter::try_from(raw).map_err(|_| FieldProblem::NotOffered),
        ) {
            filters.push(filter);
        }
    }
    errors.finish()?;
    let (page, per_page) = (page.expect("checked"), per_page.expect("checked"));
    Ok((
        page,
        per_page,
        ListingPage {
            sort: sort.expect("checked"),
            descending: descending.expect("checked"),
            filters,
            limit: i64::from(per_page),
            offset: i64::from(page - 1) * i64::from(per_page),
        },
    ))
}
