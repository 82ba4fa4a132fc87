//! The console's applications (issue 28): the provider's clients, and the requests on them a
//! second operator decides (R6a).

use axum::extract::{Path, State};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{shown, Shown};
use crate::api::{paths, ClientRequestDraft, ClientView, OperatorRequestView, Rejection};
use crate::domain::{hong_kong, LoginId};
use crate::server::failure::{ApiFailure, InvalidInput, OperatorError};
use crate::server::four_eyes;
use crate::server::oidc::client_requests::{self, fields_of, ClientRequests};
use crate::server::routes::extract::{ApiJson, AsOperator};
use crate::server::state::AppState;
use crate::server::store::StoredClientRequest;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(clients))
        .routes(routes!(pending, make_request))
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(withdraw))
}

fn view(request: &StoredClientRequest, caller: &LoginId) -> OperatorRequestView {
    shown(
        Shown {
            request_id: &request.request_id,
            action: request.action.as_str(),
            subject: &request.client_id,
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

#[utoipa::path(
    get,
    path = paths::OPERATOR_CLIENTS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "The applications registered with the provider (issue 28).", body = Vec<ClientView>),
        AsOperator
    )
)]
async fn clients(
    State(state): State<AppState>,
    _operator: AsOperator,
) -> Result<Json<Vec<ClientView>>, ApiFailure> {
    let now = state.now();
    let mut views = Vec::new();
    for client in state.store.clients().await? {
        let grace = state
            .store
            .client_secret_grace(&client.client_id, now)
            .await?;
        views.push(ClientView {
            fields: fields_of(&client.settings),
            client_id: client.client_id,
            enabled: client.enabled,
            previous_secret_until: grace.map(hong_kong::format_date_time),
        });
    }
    Ok(Json(views))
}

#[utoipa::path(
    get,
    path = paths::OPERATOR_CLIENT_REQUESTS,
    tag = "operator",
    security(("session" = [])),
    responses(
        (status = 200, description = "Requests on applications waiting for a second operator (R6a).", body = Vec<OperatorRequestView>),
        AsOperator
    )
)]
async fn pending(
    State(state): State<AppState>,
    op: AsOperator,
) -> Result<Json<Vec<OperatorRequestView>>, ApiFailure> {
    let me = LoginId::Operator(op.operator.clone());
    let pending = state.store.pending_client_requests().await?;
    Ok(Json(pending.iter().map(|r| view(r, &me)).collect()))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_CLIENT_REQUESTS,
    tag = "operator",
    request_body = ClientRequestDraft,
    security(("session" = [])),
    responses(
        (status = 200, description = "The request, pending a second operator (R6a).", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn make_request(
    State(state): State<AppState>,
    op: AsOperator,
    ApiJson(draft): ApiJson<ClientRequestDraft>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let made = client_requests::make(&state, &op.operator, &draft).await?;
    Ok(Json(view(&made, &LoginId::Operator(op.operator.clone()))))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_CLIENT_REQUEST_APPROVE,
    tag = "operator",
    params(("request_id" = String, Path, description = "A request on an application.")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Approved and applied; a new client secret, for the approver alone, once.", body = OperatorRequestView),
        AsOperator, OperatorError, InvalidInput
    )
)]
async fn approve(
    State(state): State<AppState>,
    op: AsOperator,
    Path(request): Path<String>,
) -> Result<Json<OperatorRequestView>, ApiFailure> {
    let (approved, secret) = client_requests::approve(&state, &op.operator, &request).await?;
    let mut answer = view(&approved, &LoginId::Operator(op.operator.clone()));
    answer.client_secret = secret;
    Ok(Json(answer))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_CLIENT_REQUEST_REJECT,
    tag = "operator",
    params(("request_id" = String, Path, description = "A request on an application.")),
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
    let rejected = four_eyes::reject(&state, &ClientRequests, &request, &me, &reason).await?;
    Ok(Json(view(&rejected, &me)))
}

#[utoipa::path(
    post,
    path = paths::OPERATOR_CLIENT_REQUEST_WITHDRAW,
    tag = "operator",
    params(("request_id" = String, Path, description = "A request on an application.")),
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
    let withdrawn = four_eyes::withdraw(&state, &ClientRequests, &request, &me).await?;
    Ok(Json(view(&withdrawn, &me)))
}
