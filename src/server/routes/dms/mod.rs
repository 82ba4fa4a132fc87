//! The DMS's API (`/api/dms/…`, seed Appendix A): every handler takes [`AsDa`], so only a DA
//! reaches it, and only for the DA's own participant; makers' and checkers' work is refused
//! outside service hours (R11).

mod audit;
mod csv;
mod email_batch;
mod listing;
mod maintain;
mod readiness;

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::listing::parse_listing;
use crate::api::{paths, UserListing, UserListingQuery, UserListingRow};
use crate::domain::service_hours::{opening, Opening};
use crate::domain::{hong_kong, AuditAction};
use crate::server::failure::InvalidInput;
use crate::server::failure::{ApiFailure, DmsError, SessionError};
use crate::server::maker_checker::DaActor;
use crate::server::routes::extract::{ApiQuery, AsDa};
use crate::server::state::AppState;
use crate::server::store::ListedProfile;

/// R28: the listing is for DAs holding access level `EE`.
const LISTING_ACCESS: &str = "EE";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(users))
        .routes(routes!(users_csv))
        .routes(routes!(maintain::enquire))
        .routes(routes!(maintain::pending, maintain::make_request))
        .routes(routes!(maintain::request))
        .routes(routes!(maintain::confirm))
        .routes(routes!(maintain::reject))
        .routes(routes!(maintain::withdraw))
        .routes(routes!(maintain::authorisation_code))
        .routes(routes!(maintain::renew_authorisation_code))
        .routes(routes!(maintain::checker_passkey_challenge))
        .routes(routes!(audit::trail))
        .routes(routes!(readiness::own))
        .merge(email_batch::router())
}

/// R11: refused while the DMS is closed, naming when it opens.
pub(super) async fn ensure_open(state: &AppState) -> Result<(), ApiFailure> {
    let calendar = state.store.holiday_calendar().await?;
    match opening(state.now(), &calendar) {
        Opening::Open => Ok(()),
        Opening::Closed { opens } => Err(DmsError::Closed { opens }.into()),
    }
}

/// The listing's "Download": the same rows, every page, as CSV (R28).
#[utoipa::path(
    get,
    path = paths::DMS_USERS_CSV,
    tag = "dms",
    params(UserListingQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The listing, every page, as CSV (R28).", body = String, content_type = "text/csv"),
        AsDa, DmsError, InvalidInput
    )
)]
async fn users_csv(
    State(state): State<AppState>,
    da: AsDa,
    ApiQuery(query): ApiQuery<UserListingQuery>,
) -> Result<Response, ApiFailure> {
    if !da.principal.holds_access_level(LISTING_ACCESS) {
        return Err(SessionError::NotPermitted.into());
    }
    ensure_open(&state).await?;
    let (_, _, listing) = parse_listing(&query)?;
    let with_agents = !state.store.agents_of(&da.participant).await?.is_empty();
    let detail = serde_json::to_string(&query).unwrap_or_default();
    state
        .audit_read(
            &da.session.login_id,
            AuditAction::ProfilesDownloaded,
            None,
            &detail,
        )
        .await?;
    Ok(csv::answer(state, da.participant, with_agents, listing))
}

/// User Profile Listing (R28): every profile of the DA's participant, DAs included, and the
/// users of its settlement agents (R27).
#[utoipa::path(
    get,
    path = paths::DMS_USERS,
    tag = "dms",
    params(UserListingQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "One page of the User Profile Listing (R28).", body = UserListing),
        AsDa, DmsError, InvalidInput
    )
)]
async fn users(
    State(state): State<AppState>,
    da: AsDa,
    ApiQuery(query): ApiQuery<UserListingQuery>,
) -> Result<Json<UserListing>, ApiFailure> {
    if !da.principal.holds_access_level(LISTING_ACCESS) {
        return Err(SessionError::NotPermitted.into());
    }
    ensure_open(&state).await?;
    let (page, per_page, listing) = parse_listing(&query)?;
    let with_agents = !state.store.agents_of(&da.participant).await?.is_empty();
    let (total, profiles) = state
        .store
        .profile_listing(&da.participant, with_agents, &listing, state.now())
        .await?;
    let detail = serde_json::to_string(&query).unwrap_or_default();
    state.audit_read_after(&da.session.login_id, AuditAction::ProfilesListed, detail);
    Ok(Json(UserListing {
        total,
        page,
        per_page,
        users: profiles.into_iter().map(row).collect(),
    }))
}

/// The DA acting, as the services know them.
fn actor(da: &AsDa) -> DaActor<'_> {
    DaActor {
        id: &da.session.login_id,
        session: &da.session,
        participant: &da.participant,
        role: da.role,
    }
}

/// A profile as the listing and its CSV show it.
fn row(profile: ListedProfile) -> UserListingRow {
    UserListingRow {
        user_id: profile.user_id.as_str().to_owned(),
        name: format!("{} {}", profile.surname, profile.other_names)
            .trim()
            .to_owned(),
        email: profile.email,
        status: profile.status.as_str().to_owned(),
        otp_channel: profile.otp_channel,
        passkeys: u32::try_from(profile.passkeys).unwrap_or(0),
        locked: profile.locked,
        enable_from: hong_kong::format_date(profile.enable_from),
        disable_after: profile.disable_after.map(hong_kong::format_date),
        last_login_at: profile.last_login_at.map(hong_kong::format_date_time),
        last_login_method: profile.last_login_method,
    }
}
