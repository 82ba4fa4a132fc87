//! "Maintain User Profile" and "Authorisation" (seed Appendix A; R4–R10): Enquire User Profile,
//! the maker's requests, their confirmation, rejection and withdrawal, Pending Requests and
//! Get Authorisation Code. Each handler takes [`AsDa`]; the maker–checker rules live in
//! `server::maker_checker`.

use axum::extract::{Path, State};
use axum::Json;

use super::actor;
use super::ensure_open;
use crate::api::paths;
use crate::api::{
    AuthorisationCodeView, CheckerPasskeyChallenge, Confirmation, PasskeyChallenge,
    PendingRequests, ProfileForm, ProfileView, Rejection, RequestDraft, RequestView,
};
use crate::domain::settlement_agent::Reach;
use crate::domain::{hong_kong, DaRole, LoginId};
use crate::server::failure::{ApiFailure, DmsError, InvalidInput};
use crate::server::four_eyes;
use crate::server::maker_checker::decide::Requests;
use crate::server::maker_checker::{self, authorisation, changes_of, make};
use crate::server::routes::extract::{ApiJson, AsDa};
use crate::server::state::AppState;
use crate::server::store::{StoredProfile, StoredRequest};

/// A request as the screens show it to `caller`.
fn view(request: &StoredRequest, caller: &LoginId) -> RequestView {
    RequestView {
        request_id: request.request_id.clone(),
        action: request.action,
        user_id: request.target.as_str().to_owned(),
        maker_id: request.maker.as_str().to_owned(),
        made_by_me: &request.maker == caller,
        status: request.status,
        changes: changes_of(request),
        created_at: hong_kong::format_date_time(request.created_at),
        expires_at: hong_kong::format_date_time(request.expires_at),
        checker_id: request.checker.as_ref().map(|c| c.as_str().to_owned()),
        reason: request.reason.clone(),
        decided_at: request.decided_at.map(hong_kong::format_date_time),
    }
}

/// DMS requests as this DA reaches them.
fn requests(da: &AsDa) -> Requests<'_> {
    Requests::new(actor(da))
}

fn profile_view(profile: StoredProfile) -> ProfileView {
    ProfileView {
        user_id: profile.user_id.as_str().to_owned(),
        da_role: profile.da_role.map(|r| match r {
            DaRole::Maker => crate::api::DaRoleName::Maker,
            DaRole::Checker => crate::api::DaRoleName::Checker,
        }),
        form: ProfileForm::from_details(&profile.details),
        business_user_groups: profile.business_user_groups,
        access_levels: profile.access_levels,
        srn: profile.srn,
        certificate_expiry: profile.certificate_expiry.map(hong_kong::format_date),
        locked: profile.locked,
        otp_channel: profile.otp_channel,
        last_login_at: profile.last_login_at.map(hong_kong::format_date_time),
        last_login_method: profile.last_login_method,
        version: profile.version,
        pending_request: profile.pending_request,
    }
}

/// "Enquire User Profile": open at all hours (R11 names only the listing and the changes).
#[utoipa::path(
    get,
    path = paths::DMS_USER,
    tag = "dms",
    params(("user_id" = String, Path, description = "A user ID, e.g. B0123401.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Enquire User Profile.", body = ProfileView),
        AsDa, DmsError, InvalidInput
    )
)]
pub async fn enquire(
    State(state): State<AppState>,
    da: AsDa,
    Path(user_id): Path<String>,
) -> Result<Json<ProfileView>, ApiFailure> {
    let id = LoginId::parse(&user_id).map_err(|e| InvalidInput::of("user_id", e.into()))?;
    let owner = id.participant().ok_or(DmsError::UnknownUser)?;
    // R27: a settlement agent's users are the principal's DAs' to see; its DAs are not.
    let reach = state
        .store
        .reach(&da.participant, &owner)
        .await?
        .ok_or(DmsError::UnknownUser)?;
    let profile = state
        .store
        .participant_profile(&owner, &id)
        .await?
        .filter(|profile| reach == Reach::Own || profile.da_role.is_none())
        .ok_or(DmsError::UnknownUser)?;
    state
        .audit_read(
            &da.session.login_id,
            crate::domain::AuditAction::ProfileEnquired,
            Some(id.as_str()),
            "",
        )
        .await?;
    Ok(Json(profile_view(profile)))
}

/// A maker's request (R7), within service hours (R11).
#[utoipa::path(
    post,
    path = paths::DMS_REQUESTS,
    tag = "dms",
    request_body = RequestDraft,
    security(("session" = [])),
    responses(
        (status = 200, description = "The request, pending a checker (R7).", body = RequestView),
        AsDa, DmsError, InvalidInput
    )
)]
pub async fn make_request(
    State(state): State<AppState>,
    da: AsDa,
    ApiJson(draft): ApiJson<RequestDraft>,
) -> Result<Json<RequestView>, ApiFailure> {
    ensure_open(&state).await?;
    let made = make::make(&state, actor(&da), &draft).await?;
    Ok(Json(view(&made, &da.session.login_id)))
}

/// "Pending Requests": the participant's open requests, those the caller made marked.
#[utoipa::path(
    get,
    path = paths::DMS_REQUESTS,
    tag = "dms",
    security(("session" = [])),
    responses(
        (status = 200, description = "Pending Requests of the participant.", body = PendingRequests),
        AsDa, DmsError
    )
)]
pub async fn pending(
    State(state): State<AppState>,
    da: AsDa,
) -> Result<Json<PendingRequests>, ApiFailure> {
    let requests = state.store.pending_requests(&da.participant).await?;
    let me = &da.session.login_id;
    Ok(Json(PendingRequests {
        requests: requests.iter().map(|r| view(r, me)).collect(),
    }))
}

#[utoipa::path(
    get,
    path = paths::DMS_REQUEST,
    tag = "dms",
    params(("request_id" = String, Path, description = "A request ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "One request.", body = RequestView),
        AsDa, DmsError
    )
)]
pub async fn request(
    State(state): State<AppState>,
    da: AsDa,
    Path(request_id): Path<String>,
) -> Result<Json<RequestView>, ApiFailure> {
    let request = state
        .store
        .request(&da.participant, &request_id)
        .await?
        .ok_or(DmsError::UnknownRequest)?;
    Ok(Json(view(&request, &da.session.login_id)))
}

/// "Confirm" with Checker ID + Authorization Code (R7–R10).
#[utoipa::path(
    post,
    path = paths::DMS_REQUEST_CONFIRM,
    tag = "dms",
    params(("request_id" = String, Path, description = "A request ID.")),
    request_body = Confirmation,
    security(("session" = [])),
    responses(
        (status = 200, description = "Authorised and applied (R7, R9).", body = RequestView),
        AsDa, DmsError, InvalidInput
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    da: AsDa,
    Path(request_id): Path<String>,
    ApiJson(confirmation): ApiJson<Confirmation>,
) -> Result<Json<RequestView>, ApiFailure> {
    ensure_open(&state).await?;
    Ok(Json(view(
        &maker_checker::confirm(
            &state,
            actor(&da),
            &requests(&da),
            &request_id,
            &confirmation,
        )
        .await?,
        &da.session.login_id,
    )))
}

#[utoipa::path(
    post,
    path = paths::DMS_REQUEST_REJECT,
    tag = "dms",
    params(("request_id" = String, Path, description = "A request ID.")),
    request_body = Rejection,
    security(("session" = [])),
    responses(
        (status = 200, description = "Rejected.", body = RequestView),
        AsDa, DmsError, InvalidInput
    )
)]
pub async fn reject(
    State(state): State<AppState>,
    da: AsDa,
    Path(request_id): Path<String>,
    ApiJson(rejection): ApiJson<Rejection>,
) -> Result<Json<RequestView>, ApiFailure> {
    ensure_open(&state).await?;
    let reason = crate::server::failure::reason(&rejection.reason)?;
    Ok(Json(view(
        &four_eyes::reject(
            &state,
            &requests(&da),
            &request_id,
            &da.session.login_id,
            &reason,
        )
        .await?,
        &da.session.login_id,
    )))
}

#[utoipa::path(
    post,
    path = paths::DMS_REQUEST_WITHDRAW,
    tag = "dms",
    params(("request_id" = String, Path, description = "A request ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Withdrawn by its maker.", body = RequestView),
        AsDa, DmsError
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    da: AsDa,
    Path(request_id): Path<String>,
) -> Result<Json<RequestView>, ApiFailure> {
    ensure_open(&state).await?;
    Ok(Json(view(
        &four_eyes::withdraw(&state, &requests(&da), &request_id, &da.session.login_id).await?,
        &da.session.login_id,
    )))
}

/// "Get Authorisation Code" (R9): a checker's code of this month, at all hours.
#[utoipa::path(
    get,
    path = paths::DMS_AUTHORISATION_CODE,
    tag = "dms",
    security(("session" = [])),
    responses(
        (status = 200, description = "Get Authorisation Code: the checker's code of the month (R9).", body = AuthorisationCodeView),
        AsDa, DmsError
    )
)]
pub async fn authorisation_code(
    State(state): State<AppState>,
    da: AsDa,
) -> Result<Json<AuthorisationCodeView>, ApiFailure> {
    Ok(Json(authorisation::current_code(&state, actor(&da)).await?))
}

/// At a maker's screen, the options for the checker's own passkey, where the participant asks
/// for the checker's second factor beside the code (issue 26).
#[utoipa::path(
    post,
    path = paths::DMS_CHECKER_PASSKEY_CHALLENGE,
    tag = "dms",
    request_body = CheckerPasskeyChallenge,
    security(("session" = [])),
    responses(
        (status = 200, description = "The options for navigator.credentials.get, for the checker's passkey.", body = PasskeyChallenge),
        AsDa, DmsError, InvalidInput
    )
)]
pub async fn checker_passkey_challenge(
    State(state): State<AppState>,
    da: AsDa,
    ApiJson(asked): ApiJson<CheckerPasskeyChallenge>,
) -> Result<Json<PasskeyChallenge>, ApiFailure> {
    Ok(Json(
        authorisation::checker_passkey_challenge(&state, actor(&da), &asked.checker_id).await?,
    ))
}

/// A checker renews their code at once, at all hours: the old one dies (issue 26).
#[utoipa::path(
    post,
    path = paths::DMS_AUTHORISATION_CODE_RENEW,
    tag = "dms",
    security(("session" = [])),
    responses(
        (status = 200, description = "The checker's new code; the old one no longer authorises.", body = AuthorisationCodeView),
        AsDa, DmsError
    )
)]
pub async fn renew_authorisation_code(
    State(state): State<AppState>,
    da: AsDa,
) -> Result<Json<AuthorisationCodeView>, ApiFailure> {
    Ok(Json(authorisation::renew_code(&state, actor(&da)).await?))
}
