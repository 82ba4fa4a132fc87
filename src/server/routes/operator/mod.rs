//! The operator console's API (`/api/operator/…`): every handler takes [`AsOperator`], so only
//! the clearing house's operators reach it; the work is in `server::operator`.

mod audit_search;
mod clients;
mod cut_over;
mod readiness;

use axum::extract::{Path, State};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::BusinessGroupsFrom;
use crate::api::CheckerPolicy;
use crate::api::DaChange;
use crate::api::{
    paths, DaRoleName, DaSummaryRow, Done, FactorPolicy, HolidayCalendarView, HolidayRow,
    HolidayUpload, NewParticipantForm, OperatorNewUser, OperatorRequestDraft, OperatorRequestView,
    OperatorSummary, ParticipantSummary, Rejection,
};
use crate::domain::{hong_kong, LoginId, ParticipantId};
use crate::server::failure::{ApiFailure, InvalidInput, OperatorError};
use crate::server::four_eyes;
use crate::server::operator::direct::{self, ParticipantPolicy};
use crate::server::operator::requests::{self, OperatorRequests};
use crate::server::routes::extract::{ApiJson, AsOperator};
use crate::server::state::AppState;

/// A banner shows from this many days before the calendar's last holiday.
const CALENDAR_WARNING_DAYS: i64 = 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(readiness::router())
        .merge(cut_over::router())
        .merge(audit_search::router())
        .merge(clients::router())
        .routes(routes!(participants, create_participant))
        .routes(routes!(das))
        .routes(routes!(set_factor_policy))
        .routes(routes!(set_checker_policy))
        .routes(routes!(change_da))
        .routes(routes!(unlock_da))
        .routes(routes!(reset_card_pin))
        .routes(routes!(add_business_groups))
        .routes(routes!(reset_da_soft_token))
        .routes(routes!(create_user))
        .routes(routes!(operators))
        .routes(routes!(unlock_operator))
        .routes(routes!(pending, make_request))
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(withdraw))
        .routes(routes!(holidays, upload_holidays))
}

fn done() -> Json<Done> {
    Json(Done { done: true })
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_PARTICIPANTS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "Every participant.", body = Vec<ParticipantSummary>),
        AsOperator
    )
)]
async fn participants(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<Vec<ParticipantSummary>>, ApiFailure> {
    let rows = state.store.participants().await?;
    let refusing = state.store.participants_refusing_email_otp().await?;
    let asking = state.store.participants_asking_checker_factor().await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| ParticipantSummary {
                email_otp_allowed: !refusing.contains(&p.id.to_string()),
                checker_factor_at_screen: asking.contains(&p.id.to_string()),
                participant_id: p.id.to_string(),
                name: p.name,
                kind: p.kind,
                profiles: p.profiles,
            })
            .collect(),
    ))
}

/// Issue 17: whether the participant's users may receive one-time passwords by e-mail.
#[utoipa::path(
    post,
    path = paths::OPERATOR_PARTICIPANT_FACTOR_POLICY,
    tag = "operator",
    params(("participant_id" = String, Path, description = "A participant ID.")),
    request_body = FactorPolicy,
    security(("session" = [])),
    responses(
        (status = 200, description = "The policy is set and audited.", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn set_factor_policy(
    State(state): State<AppState>,
    op: AsOperator,
    Path(participant): Path<String>,
    ApiJson(policy): ApiJson<FactorPolicy>,
) -> Result<Json<Done>, ApiFailure> {
    let policy = ParticipantPolicy::EmailOtpAllowed(policy.email_otp_allowed);
    direct::set_policy(&state, &op.operator, &participant, policy).await?;
    Ok(done())
}

/// Issue 26: whether the participant's checkers, at another DA's screen, give a one-time
/// password of their own second factor beside the Authorization Code.
#[utoipa::path(
    post,
    path = paths::OPERATOR_PARTICIPANT_CHECKER_POLICY,
    tag = "operator",
    params(("participant_id" = String, Path, description = "A participant ID.")),
    request_body = CheckerPolicy,
    security(("session" = [])),
    responses(
        (status = 200, description = "The policy is set and audited.", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn set_checker_policy(
    State(state): State<AppState>,
    op: AsOperator,
    Path(participant): Path<String>,
    ApiJson(policy): ApiJson<CheckerPolicy>,
) -> Result<Json<Done>, ApiFailure> {
    let policy = ParticipantPolicy::CheckerFactorAtScreen(policy.second_factor_at_screen);
    direct::set_policy(&state, &op.operator, &participant, policy).await?;
    Ok(done())
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_PARTICIPANTS,
    tag = "operator",
    request_body = NewParticipantForm,
    security(("session" = [])),
    responses(
        (status = 200, description = "The participant is created.", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn create_participant(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(form): ApiJson<NewParticipantForm>,
) -> Result<Json<Done>, ApiFailure> {
    direct::create_participant(&state, &op.operator, &form).await?;
    Ok(done())
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_PARTICIPANT_DAS,
    tag = "operator",
    params(("participant_id" = String, Path, description = "A participant ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The participant's DA profiles.", body = Vec<DaSummaryRow>),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn das(
    State(state): State<AppState>,
    _operator: AsOperator,
    Path(participant): Path<String>,
) -> Result<Json<Vec<DaSummaryRow>>, ApiFailure> {
    let id = ParticipantId::parse(&participant)
        .map_err(|e| InvalidInput::of("participant_id", e.into()))?;
    if !state.store.participant_exists(&id).await? {
        return Err(OperatorError::UnknownParticipant.into());
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

#[utoipa::path(
    post,
    path = paths::OPERATOR_DA,
    tag = "operator",
    params(("da_id" = String, Path, description = "A DA's user ID.")),
    request_body = DaChange,
    security(("session" = [])),
    responses(
        (status = 200, description = "The DA's names, status and dates are changed (R6).", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn change_da(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
    ApiJson(change): ApiJson<crate::api::DaChange>,
) -> Result<Json<Done>, ApiFailure> {
    direct::change_da(&state, &op.operator, &da, &change).await?;
    Ok(done())
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_DA_BUSINESS_GROUPS,
    tag = "operator",
    params(("da_id" = String, Path, description = "A DA's user ID.")),
    request_body = BusinessGroupsFrom,
    security(("session" = [])),
    responses(
        (status = 200, description = "The user's business groups are put on the DA (R16).", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn add_business_groups(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
    ApiJson(from): ApiJson<crate::api::BusinessGroupsFrom>,
) -> Result<Json<Done>, ApiFailure> {
    direct::add_business_groups(&state, &op.operator, &da, &from.user_id).await?;
    Ok(done())
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_DA_CARD_PIN,
    tag = "operator",
    params(("da_id" = String, Path, description = "A DA's user ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "A request for a new smartcard PIN (R25), pending a second operator, who alone sees the PIN when approving (issue 26).", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn reset_card_pin(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da_id): Path<String>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let draft = OperatorRequestDraft::ResetCardPin { da_id };
    made(&state, &op, &draft).await
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_DA_UNLOCK,
    tag = "operator",
    params(("da_id" = String, Path, description = "A DA's user ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The DA is unlocked.", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn unlock_da(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
) -> Result<Json<Done>, ApiFailure> {
    direct::unlock_da(&state, &op.operator, &da).await?;
    Ok(done())
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_DA_RESET_SOFT_TOKEN,
    tag = "operator",
    params(("da_id" = String, Path, description = "A DA's user ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The DA's device is removed.", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn reset_da_soft_token(
    State(state): State<AppState>,
    op: AsOperator,
    Path(da): Path<String>,
) -> Result<Json<Done>, ApiFailure> {
    direct::reset_da_soft_token(&state, &op.operator, &da).await?;
    Ok(done())
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_USERS,
    tag = "operator",
    request_body = OperatorNewUser,
    security(("session" = [])),
    responses(
        (status = 200, description = "The user is created (R13).", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn create_user(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(form): ApiJson<OperatorNewUser>,
) -> Result<Json<Done>, ApiFailure> {
    direct::create_user(&state, &op.operator, &form).await?;
    Ok(done())
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_OPERATORS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "Every operator.", body = Vec<OperatorSummary>),
        AsOperator
    )
)]
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

#[utoipa::path(
    post,
    path = paths::OPERATOR_OPERATOR_UNLOCK,
    tag = "operator",
    params(("operator_id" = String, Path, description = "An operator ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The operator is unlocked.", body = Done),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn unlock_operator(
    State(state): State<AppState>,
    op: AsOperator,
    Path(operator): Path<String>,
) -> Result<Json<Done>, ApiFailure> {
    direct::unlock_operator(&state, &op.operator, &operator).await?;
    Ok(done())
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_REQUESTS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "Requests waiting for a second operator (R6a).", body = Vec<OperatorRequestView>),
        AsOperator
    )
)]
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
            .map(|r| view(r, &me))
            .collect(),
    ))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_REQUESTS,
    tag = "operator",
    request_body = OperatorRequestDraft,
    security(("session" = [])),
    responses(
        (status = 200, description = "The request, pending a second operator (R6a).", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn make_request(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(draft): ApiJson<OperatorRequestDraft>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    made(&state, &op, &draft).await
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_REQUEST_APPROVE,
    tag = "operator",
    params(("request_id" = String, Path, description = "An operator request ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Approved and applied.", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn approve(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let (approved, pin) = requests::approve(&state, &op.operator, &request).await?;
    let mut answer = view(&approved, &LoginId::Operator(op.operator.clone()));
    // The new PIN goes to the approver alone, in this answer.
    answer.card_pin = pin.map(|pin| crate::api::NewCardPin {
        da_id: approved.subject.clone(),
        pin,
    });
    Ok(Json(answer))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_REQUEST_REJECT,
    tag = "operator",
    params(("request_id" = String, Path, description = "An operator request ID.")),
    request_body = Rejection,
    security(("session" = [])),
    responses(
        (status = 200, description = "Rejected.", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn reject(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
    ApiJson(rejection): ApiJson<Rejection>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let reason = crate::server::failure::reason(&rejection.reason)?;
    let me = LoginId::Operator(op.operator.clone());
    let rejected = four_eyes::reject(&state, &OperatorRequests, &request, &me, &reason).await?;
    Ok(Json(view(&rejected, &me)))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_REQUEST_WITHDRAW,
    tag = "operator",
    params(("request_id" = String, Path, description = "An operator request ID.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Withdrawn by its maker.", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn withdraw(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let me = LoginId::Operator(op.operator.clone());
    let withdrawn = four_eyes::withdraw(&state, &OperatorRequests, &request, &me).await?;
    Ok(Json(view(&withdrawn, &me)))
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_HOLIDAYS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "The holiday calendar (R11).", body = HolidayCalendarView),
        AsOperator
    )
)]
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

#[utoipa::path(
    post,
    path = paths::OPERATOR_HOLIDAYS,
    tag = "operator",
    request_body = HolidayUpload,
    security(("session" = [])),
    responses(
        (status = 200, description = "A request to replace the calendar, pending a second operator (issue 26).", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn upload_holidays(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(upload): ApiJson<HolidayUpload>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let draft = OperatorRequestDraft::ReplaceHolidays { csv: upload.csv };
    made(&state, &op, &draft).await
}

/// Records the operator's request for a second operator and answers it as the console shows it.
async fn made(
    state: &AppState,
    op: &AsOperator,
    draft: &OperatorRequestDraft,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let made = requests::make(state, &op.operator, draft).await?;
    Ok(Json(view(&made, &LoginId::Operator(op.operator.clone()))))
}

/// A request as the console shows it to `caller`.
fn view(
    request: &crate::server::store::StoredOperatorRequest,
    caller: &LoginId,
) -> OperatorRequestView {
    shown(
        Shown {
            request_id: &request.request_id,
            action: request.action.as_str(),
            subject: &request.subject,
            before: request.before.as_ref(),
            after: request.after.as_ref(),
            maker: &request.maker,
            status: request.status,
            checker: request.checker.as_ref(),
            reason: request.reason.as_deref(),
            created_at: request.created_at,
            decided_at: request.decided_at,
        },
        caller,
    )
}

/// What the console shows of any request for a second operator, whatever its kind.
struct Shown<'a> {
    request_id: &'a str,
    action: &'a str,
    subject: &'a str,
    before: Option<&'a serde_json::Value>,
    after: Option<&'a serde_json::Value>,
    maker: &'a LoginId,
    status: crate::api::RequestStatus,
    checker: Option<&'a LoginId>,
    reason: Option<&'a str>,
    created_at: jiff::Timestamp,
    decided_at: Option<jiff::Timestamp>,
}

/// A request as `caller` reads it: each field it changes, before and after, as text.
fn shown(request: Shown<'_>, caller: &LoginId) -> OperatorRequestView {
    use serde_json::Value;
    let empty = serde_json::json!({});
    let (before, after) = (
        request.before.unwrap_or(&empty),
        request.after.unwrap_or(&empty),
    );
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let mut fields: Vec<&String> = before
        .as_object()
        .into_iter()
        .chain(after.as_object())
        .flat_map(|o| o.keys())
        .collect();
    fields.sort();
    fields.dedup();
    let changes = fields
        .into_iter()
        .map(|field| crate::api::ValueChange {
            field: field.clone(),
            before: text(before.get(field)),
            after: text(after.get(field)),
        })
        .filter(|c| c.before != c.after)
        .collect();
    OperatorRequestView {
        request_id: request.request_id.to_owned(),
        action: request.action.to_owned(),
        subject: request.subject.to_owned(),
        changes,
        maker_id: request.maker.as_str().to_owned(),
        made_by_me: request.maker == caller,
        status: request.status,
        checker_id: request.checker.map(|c| c.as_str().to_owned()),
        reason: request.reason.map(str::to_owned),
        created_at: hong_kong::format_date_time(request.created_at),
        decided_at: request.decided_at.map(hong_kong::format_date_time),
        card_pin: None,
        client_secret: None,
    }
}
