//! The DMS's API (`/api/dms/…`, seed Appendix A): every handler takes [`AsDa`], so only a DA
//! reaches it, and only for the DA's own participant; makers' and checkers' work is refused
//! outside service hours (R11).

use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};

use crate::api::{paths, UserListing, UserListingQuery, UserListingRow};
use crate::domain::hong_kong;
use crate::domain::service_hours::{opening, Opening};
use crate::server::http::error::{ApiFailure, DmsError, FieldProblem, InvalidInput, SessionError};
use crate::server::routes::extract::{ApiQuery, AsDa};
use crate::server::state::AppState;
use crate::server::store::{ListedProfile, ListingFilter, ListingPage, ListingSort};

/// R28: the listing is for DAs holding access level `EE`.
const LISTING_ACCESS: &str = "EE";
const PER_PAGE: u32 = 50;
const MAX_PER_PAGE: u32 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::DMS_USERS, get(users))
        .route(paths::DMS_USERS_CSV, get(users_csv))
}

/// R11: refused while the DMS is closed, naming when it opens.
async fn ensure_open(state: &AppState) -> Result<(), ApiFailure> {
    let calendar = state.store.holiday_calendar().await?;
    match opening(state.now(), &calendar) {
        Opening::Open => Ok(()),
        Opening::Closed { opens } => Err(DmsError::Closed { opens }.into()),
    }
}

fn has_access_level(da: &AsDa, level: &str) -> bool {
    matches!(&da.principal, crate::domain::Principal::Participant { roles, .. }
        if roles.da.as_ref().is_some_and(|d| d.access_levels.iter().any(|l| l == level)))
}

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

pub(super) fn parse_listing(
    query: &UserListingQuery,
) -> Result<(u32, u32, ListingPage), InvalidInput> {
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

pub(super) fn row(profile: ListedProfile) -> UserListingRow {
    UserListingRow {
        user_id: profile.user_id.as_str().to_owned(),
        name: format!("{} {}", profile.surname, profile.other_names)
            .trim()
            .to_owned(),
        email: profile.email,
        status: profile.status.as_str().to_owned(),
        otp_channel: profile.otp_channel,
        locked: profile.locked,
        enable_from: hong_kong::format_date(profile.enable_from),
        disable_after: profile.disable_after.map(hong_kong::format_date),
        last_login_at: profile.last_login_at.map(hong_kong::format_date_time),
        last_login_method: profile.last_login_method,
    }
}

/// The listing's "Download": the same rows, every page, as CSV (R28).
async fn users_csv(
    State(state): State<AppState>,
    da: AsDa,
    ApiQuery(query): ApiQuery<UserListingQuery>,
) -> Result<Response, ApiFailure> {
    if !has_access_level(&da, LISTING_ACCESS) {
        return Err(SessionError::NotPermitted.into());
    }
    ensure_open(&state).await?;
    let (_, _, listing) = parse_listing(&query)?;
    super::dms_csv::answer(state, da.participant, listing)
}

/// User Profile Listing (R28): every profile of the DA's participant, DAs included.
async fn users(
    State(state): State<AppState>,
    da: AsDa,
    ApiQuery(query): ApiQuery<UserListingQuery>,
) -> Result<Json<UserListing>, ApiFailure> {
    if !has_access_level(&da, LISTING_ACCESS) {
        return Err(SessionError::NotPermitted.into());
    }
    ensure_open(&state).await?;
    let (page, per_page, listing) = parse_listing(&query)?;
    let (total, profiles) = state
        .store
        .profile_listing(&da.participant, &listing, state.now())
        .await?;
    Ok(Json(UserListing {
        total,
        page,
        per_page,
        users: profiles.into_iter().map(row).collect(),
    }))
}
