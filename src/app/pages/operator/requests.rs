//! Requests waiting for a second operator (R6a): each with its before and after; another
//! operator approves or rejects it, its maker may withdraw it. Operators' own requests and the
//! requests on applications (issue 28) are two desks of one shape.

use leptos::prelude::*;

use crate::api::{paths, OperatorRequestView, Rejection};
use crate::app::client::{use_api, Empty};
use crate::app::components::{AlertMessage, ChangesTable, OperatorShell, StatusMessage, TextField};
use crate::app::form::use_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::{fill, Catalogue};

fn action_name(t: &'static Catalogue, action: &str) -> &'static str {
    let (c, p) = (&t.operator, &t.provider);
    match action {
        "CREATE_DA" => c.action_create_da,
        "DELETE_DA" => c.action_delete_da,
        "SET_DA_EMAIL" => c.action_set_da_email,
        "MOVE_PHASE" => c.action_move_phase,
        "ADD_OPERATOR" => c.action_add_operator,
        "RESTORE_PROFILE" => t.cut_over.action_restore_profile,
        "ADD_DA_FUNCTIONS" => c.action_add_da_functions,
        "REPLACE_HOLIDAYS" => c.action_replace_holidays,
        "RESET_CARD_PIN" => c.action_reset_card_pin,
        "REGISTER_CLIENT" => p.action_register_client,
        "CHANGE_CLIENT" => p.action_change_client,
        "ROTATE_CLIENT_SECRET" => p.action_rotate_client_secret,
        "DISABLE_CLIENT" => p.action_disable_client,
        "ENABLE_CLIENT" => p.action_enable_client,
        _ => c.action_remove_operator,
    }
}

/// Where one kind of request is listed and decided.
#[derive(Clone, Copy)]
struct Desk {
    list: &'static str,
    approve: &'static str,
    reject: &'static str,
    withdraw: &'static str,
    /// The ID of its rejection reason's field.
    reason_field: &'static str,
}

const OPERATORS: Desk = Desk {
    list: paths::OPERATOR_REQUESTS,
    approve: paths::OPERATOR_REQUEST_APPROVE,
    reject: paths::OPERATOR_REQUEST_REJECT,
    withdraw: paths::OPERATOR_REQUEST_WITHDRAW,
    reason_field: "reject-reason",
};

const APPLICATIONS: Desk = Desk {
    list: paths::OPERATOR_CLIENT_REQUESTS,
    approve: paths::OPERATOR_CLIENT_REQUEST_APPROVE,
    reject: paths::OPERATOR_CLIENT_REQUEST_REJECT,
    withdraw: paths::OPERATOR_CLIENT_REQUEST_WITHDRAW,
    reason_field: "client-reject-reason",
};

#[derive(Clone)]
enum Decision {
    Approve(String),
    Reject(String, String),
    Withdraw(String),
}

#[component]
pub fn OperatorRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.operator.nav_requests);
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="requests-title">
            <h1 id="requests-title">{move || i18n.t().operator.nav_requests}</h1>
            <RequestDesk desk=OPERATORS nested=false/>
            <section aria-labelledby="client-requests-title">
                <h2 id="client-requests-title">{move || i18n.t().provider.client_requests_title}</h2>
                <RequestDesk desk=APPLICATIONS nested=true/>
            </section>
        </section>
    }
}

/// One desk's pending requests, with the reason a rejection gives.
#[component]
fn RequestDesk(desk: Desk, nested: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let list = LocalResource::new(move || {
        refresh.track();
        async move { api.get::<Vec<OperatorRequestView>>(desk.list).await }
    });
    let form = use_form(move |api, decision: Decision| async move {
        match decision {
            Decision::Approve(id) => {
                api.post::<_, OperatorRequestView>(&paths::fill(desk.approve, &id), &Empty {})
                    .await
            }
            Decision::Reject(id, reason) => {
                api.post(&paths::fill(desk.reject, &id), &Rejection { reason })
                    .await
            }
            Decision::Withdraw(id) => api.post(&paths::fill(desk.withdraw, &id), &Empty {}).await,
        }
    });
    let decided = RwSignal::new(None::<OperatorRequestView>);
    form.on_success(move |view| {
        decided.set(Some(view));
        list.refetch();
    });
    let reason = RwSignal::new(String::new());
    let error = Signal::derive(move || list.get().and_then(|r| r.err()).map(|e| e.message));
    let status = Signal::derive(move || {
        decided.get().map(|v| {
            let t = i18n.t();
            match (v.status, v.card_pin, v.client_secret) {
                // The approver alone sees a reset PIN or a new client secret, once.
                (crate::api::RequestStatus::Authorised, Some(new), _) => {
                    fill(t.operator.new_pin, &[("id", &new.da_id), ("pin", &new.pin)])
                }
                (crate::api::RequestStatus::Authorised, None, Some(new)) => fill(
                    t.provider.new_secret,
                    &[("id", &new.client_id), ("secret", &new.client_secret)],
                ),
                (crate::api::RequestStatus::Authorised, None, None) => {
                    t.operator.approved.to_owned()
                }
                (other, _, _) => t.request_status(other).to_owned(),
            }
        })
    });
    let reason_id = desk.reason_field;
    view! {
        <AlertMessage message=error/>
        <StatusMessage message=status/>
        <AlertMessage message=form.message()/>
        <TextField id=reason_id label=Signal::derive(move || i18n.t().operator.reason) value=reason error=form.field("reason")/>
        {move || list.get().and_then(|r| r.ok()).map(|requests| {
            let t = i18n.t();
            if requests.is_empty() {
                return view! { <p>{t.operator.no_requests}</p> }.into_any();
            }
            view! {
                {requests.into_iter().map(|r| {
                    let (approve, reject, withdraw) = (r.request_id.clone(), r.request_id.clone(), r.request_id.clone());
                    let heading = format!("{} · {}", action_name(t, &r.action), r.subject);
                    let label = heading.clone();
                    let maker = if r.made_by_me { format!("{} ({})", r.maker_id, t.operator.made_by_you) } else { r.maker_id.clone() };
                    view! {
                        <article class="request" aria-label=label>
                            {if nested { view! { <h3>{heading}</h3> }.into_any() } else { view! { <h2>{heading}</h2> }.into_any() }}
                            <p>{format!("{}: {} · {}: {}", t.operator.maker, maker, t.operator.made_at, r.created_at)}</p>
                            <ChangesTable rows=r.changes.into_iter().map(|c| (c.field, c.before, c.after)).collect()/>
                            <div class="actions">
                                {if r.made_by_me {
                                    view! { <button type="button" on:click=move |_| form.submit(Decision::Withdraw(withdraw.clone()))>{t.operator.withdraw}</button> }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="primary" on:click=move |_| form.submit(Decision::Approve(approve.clone()))>{t.operator.approve}</button>
                                        <button type="button" on:click=move |_| form.submit(Decision::Reject(reject.clone(), reason.get()))>{t.operator.reject}</button>
                                    }.into_any()
                                }}
                            </div>
                        </article>
                    }
                }).collect_view()}
            }.into_any()
        })}
    }
}
