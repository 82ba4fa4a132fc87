//! The operator console's API (`/api/operator/…`): every handler takes [`AsOperator`], so only
//! the clearing house's operators reach it; the work is in `server::console`.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::api::{
    paths, DaRoleName, DaSummaryRow, Done, HolidayCalendarView, HolidayRow, HolidayUpload,
    NewParticipantForm, OperatorNewUser, OperatorRequestDraft, OperatorRequestView,
    OperatorSummary, ParticipantSummary, Rejection,
};
use crate::domain::{hong_kong, LoginId, ParticipantId};
use crate::server::console::{direct, four_eyes};
use crate::server::http::error::{ApiFailure, ConsoleError, InvalidInput};
use crate::server::routes::extract::{ApiJson, AsOperator};
use crate::server::state::AppState;

/// A banner shows from this many days before the calendar's last holiday.
const CALENDAR_WARNING_DAYS: i64 = 60;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            paths::OPERATOR_PARTICIPANTS,
            get(participants).post(create_participant),
        )
        .route(paths::OPERATOR_PARTICIPANT_DAS, get(das))
        .route(paths::OPERATOR_DA, post(change_da))
        .route(paths::OPERATOR_DA_UNLOCK, post(unlock_da))
        .route(paths::OPERATOR_DA_CARD_PIN, post(reset_card_pin))
        .route(
            paths::OPERATOR_DA_BUSINESS_GROUPS,
            post(add_business_groups),
        )
        .route(
            paths::OPERATOR_DA_RESET_SOFT_TOKEN,
            post(reset_da_soft_token),
        )
        .route(paths::OPERATOR_USERS, post(create_user))
        .route(paths::OPERATOR_OPERATORS, get(operators))
        .route(paths::OPERATOR_OPERATOR_UNLOCK, post(unlock_operator))
        .route(paths::OPERATOR_REQUESTS, get(pending).post(make_request))
        .route(paths::OPERATOR_REQUEST_APPROVE, post(approve))
        .route(paths::OPERATOR_REQUEST_REJECT, post(reject))
        .route(paths::OPERATOR_REQUEST_WITHDRAW, post(withdraw))
        .route(
            paths::OPERATOR_HOLIDAYS,
            get(holidays).post(upload_holidays),
        )
}

fn done() -> Json<Done> {
    Json(Done { done: true })
}

async fn participants(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<Vec<ParticipantSummary>>, ApiFailure> {
    let rows = state.store.participants().await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| ParticipantSummary {
                participant_id: p.id.to_string(),
                name: p.name,
                kind: p.kind,
                profiles: p.profiles,
            })
            .collect(),
    ))
}

async fn create_participant(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(form): ApiJson<NewParticipantForm>,
) -> Result<Json<Done>, ApiFailure> {
    direct::create_participant(&state, &op.operator, &form).await?;
    Ok(done())
}

async fn das(
    State(state): State<AppState>,
    _operator: AsOperator,
    Path(participant): Path<String>,
) -> Result<Json<Vec<DaSummaryRow>>, ApiFailure> {
    let id = ParticipantId::parse(&participant)
        .map_err(|e| InvalidInput::of("participant_id", e.into()))?;
    if !state.store.participant_exists(&id).await? {
        return Err(ConsoleError::UnknownParticipant.into());
    }
    let rows = state.store.das_of(&id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| DaSummaryRow {
                user_id: r.user_id,
                role: match r.da_role.as_deref() {
                    Some("MAKER") => Some(DaRoleName::Maker),
                    Some("CHECKER") => Some(DaRoleName::Checker),
                    _ => None,
                },
                status: r.status,
                name: format!("{} {}", r.surname, r.other_names),
                surname: r.surname,
                other_names: r.other_names,
                enable_from: r.enable_from,
                disable_after: r.disable_after,
                email: r.email,
                locked: r.locked_at.is_some(),
            })
            .collect(),
    ))
}

async fn change_da(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
    ApiJson(change): ApiJson<crate::api::DaChange>,
) -> Result<Json<Done>, ApiFailure> {
    direct::change_da(&state, &op.operator, &da, &change).await?;
    Ok(done())
}

async fn add_business_groups(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
    ApiJson(from): ApiJson<crate::api::BusinessGroupsFrom>,
) -> Result<Json<Done>, ApiFailure> {
    direct::add_business_groups(&state, &op.operator, &da, &from.user_id).await?;
    Ok(done())
}

async fn reset_card_pin(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
) -> Result<Json<crate::api::NewCardPin>, ApiFailure> {
    Ok(Json(
        direct::reset_card_pin(&state, &op.operator, &da).await?,
    ))
}

async fn unlock_da(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
) -> Result<Json<Done>, ApiFailure> {
    direct::unlock_da(&state, &op.operator, &da).await?;
    Ok(done())
}

async fn reset_da_soft_token(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
) -> Result<Json<Done>, ApiFailure> {
    direct::reset_da_soft_token(&state, &op.operator, &da).await?;
    Ok(done())
}

async fn create_user(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(form): ApiJson<OperatorNewUser>,
) -> Result<Json<Done>, ApiFailure> {
    direct::create_user(&state, &op.operator, &form).await?;
    Ok(done())
}

async fn operators(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<Vec<OperatorSummary>>, ApiFailure> {
    Ok(Json(
        state
            .store
            .operators()
            .await?
            .into_iter()
            .map(|o| OperatorSummary {
                operator_id: o.operator_id,
                name: o.name,
                email: o.email,
                status: o.status,
                locked: o.locked_at.is_some(),
            })
            .collect(),
    ))
}

async fn unlock_operator(
    State(state): State<AppState>,
    op: AsOperator,
    Path(operator): Path<String>,
) -> Result<Json<Done>, ApiFailure> {
    direct::unlock_operator(&state, &op.operator, &operator).await?;
    Ok(done())
}

async fn pending(
    State(state): State<AppState>,
    op: AsOperator,
) -> Result<Json<Vec<OperatorRequestView>>, ApiFailure> {
    let me = LoginId::Operator(op.operator.clone());
    Ok(Json(
        state
            .store
            .pending_operator_requests()
            .await?
            .iter()
            .map(|r| four_eyes::view(r, &me))
            .collect(),
    ))
}

async fn make_request(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(draft): ApiJson<OperatorRequestDraft>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    Ok(Json(four_eyes::make(&state, &op.operator, &draft).await?))
}

async fn approve(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    Ok(Json(
        four_eyes::approve(&state, &op.operator, &request).await?,
    ))
}

async fn reject(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
    ApiJson(rejection): ApiJson<Rejection>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    Ok(Json(
        four_eyes::reject(&state, &op.operator, &request, &rejection.reason).await?,
    ))
}

async fn withdraw(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    Ok(Json(
        four_eyes::withdraw(&state, &op.operator, &request).await?,
    ))
}

async fn holidays(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<HolidayCalendarView>, ApiFailure> {
    let holidays = state.store.holidays().await?;
    let today = hong_kong::date(state.now());
    let ends_soon = holidays.last().and_then(|last| {
        let warn_from = last
            .day
            .checked_sub(jiff::Span::new().days(CALENDAR_WARNING_DAYS))
            .ok()?;
        (today >= warn_from).then(|| hong_kong::format_date(last.day))
    });
    Ok(Json(HolidayCalendarView {
        holidays: holidays
            .into_iter()
            .map(|h| HolidayRow {
                day: h.day.to_string(),
                name: h.name,
            })
            .collect(),
        ends_soon,
    }))
}

async fn upload_holidays(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(upload): ApiJson<HolidayUpload>,
) -> Result<Json<Done>, ApiFailure> {
    direct::replace_holidays(&state, &op.operator, &upload.csv).await?;
    Ok(done())
}
