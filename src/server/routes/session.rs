//! Who is signed in (R21's home pages).

use axum::extract::State;
use axum::Json;
use jiff::Timestamp;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{paths, ApplicationLink, Applications, DaRoleName, DaSummary, Me};
use crate::domain::{hong_kong, DaRole, ParticipantRoles, Principal};
use crate::server::failure::{ApiFailure, SessionError};
use crate::server::routes::extract::SignedIn;
use crate::server::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(applications))
}

#[utoipa::path(
    get,
    path = paths::SESSION,
    tag = "session",
    security(("session" = [])),
    responses(
        (status = 200, description = "Who is signed in.", body = Me),
        SignedIn
    )
)]
pub async fn me(
    State(state): State<AppState>,
    SignedIn { session, principal }: SignedIn,
) -> Result<Json<Me>, ApiFailure> {
    let da = match &principal {
        Principal::Participant {
            participant,
            roles: ParticipantRoles { da: Some(da), .. },
            ..
        } => Some(DaSummary {
            participant_id: participant.as_str().to_owned(),
            role: match da.role {
                DaRole::Maker => DaRoleName::Maker,
                DaRole::Checker => DaRoleName::Checker,
            },
            access_levels: da.access_levels.clone(),
            checker_factor_at_screen: state.store.checker_factor_at_screen(participant).await?,
        }),
        _ => None,
    };
    let summary = state
        .store
        .profile_summary(&session.login_id)
        .await?
        .ok_or(SessionError::Ended)?;
    Ok(Json(Me {
        user_id: session.login_id.as_str().to_owned(),
        surname: summary.surname,
        other_names: summary.other_names,
        home: summary.home,
        otp_channel: summary.otp_channel,
        previous_login_at: session
            .previous_login_at
            .and_then(|ms| Timestamp::from_millisecond(ms).ok())
            .map(hong_kong::format_date_time),
        previous_login_method: session.previous_login_method,
        da,
        business_user_groups: match &principal {
            Principal::Participant { roles, .. } => roles.business_user_groups.clone(),
            Principal::Operator { .. } => Vec::new(),
        },
        email_otp_allowed: summary.email_otp_allowed,
    }))
}

/// The launcher: every enabled application with a start address, so that a person who logs in
/// at CCASS Access directly still reaches theirs.
#[utoipa::path(
    get,
    path = paths::APPLICATIONS,
    tag = "session",
    security(("session" = [])),
    responses(
        (status = 200, description = "The applications behind the log-in, by name.", body = Applications),
        SignedIn
    )
)]
pub async fn applications(
    State(state): State<AppState>,
    _signed_in: SignedIn,
) -> Result<Json<Applications>, ApiFailure> {
    let applications = state
        .store
        .clients()
        .await?
        .into_iter()
        .filter(|client| client.enabled)
        .filter_map(|client| {
            let start = client.settings.start_url?;
            Some(ApplicationLink {
                name: client.settings.name.as_str().to_owned(),
                start_url: start.as_str().to_owned(),
            })
        })
        .collect();
    Ok(Json(Applications { applications }))
}
