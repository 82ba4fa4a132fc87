//! Requests waiting for a second operator (R6a): each with its before and after; another
//! operator approves or rejects it, its maker may withdraw it.

use leptos::prelude::*;

use crate::api::{paths, OperatorRequestView, Rejection};
use crate::app::client::{use_api, Empty};
use crate::app::components::{AlertMessage, ChangesTable, OperatorShell, StatusMessage, TextField};
use crate::app::form::use_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::{fill, Catalogue};

fn action_name(t: &'static Catalogue, action: &str) -> &'static str {
    let c = &t.operator;
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
        _ => c.action_remove_operator,
    }
}

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
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let list = LocalResource::new(move || {
        refresh.track();
        async move {
            api.get::<Vec<OperatorRequestView>>(paths::OPERATOR_REQUESTS)
                .await
        }
    });
    let form = use_form(move |api, decision: Decision| async move {
        match decision {
            Decision::Approve(id) => {
                api.post::<_, OperatorRequestView>(
                    &paths::fill(paths::OPERATOR_REQUEST_APPROVE, &id),
                    &Empty {},
                )
                .await
            }
            Decision::Reject(id, reason) => {
                api.post(
                    &paths::fill(paths::OPERATOR_REQUEST_REJECT, &id),
                    &Rejection { reason },
                )
                .await
            }
            Decision::Withdraw(id) => {
                api.post(
                    &paths::fill(paths::OPERATOR_REQUEST_WITHDRAW, &id),
                    &Empty {},
                )
                .await
            }
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
            match (v.status, v.card_pin) {
                // The approver alone sees a reset PIN, once (issue 26).
                (crate::api::RequestStatus::Authorised, Some(new)) => {
                    fill(t.operator.new_pin, &[("id", &new.da_id), ("pin", &new.pin)])
                }
                (crate::api::RequestStatus::Authorised, None) => t.operator.approved.to_owned(),
                (other, _) => t.request_status(other).to_owned(),
            }
        })
    });
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="requests-title">
            <h1 id="requests-title">{move || i18n.t().operator.nav_requests}</h1>
            <AlertMessage message=error/>
            <StatusMessage message=status/>
            <AlertMessage message=form.message()/>
            <TextField id="reject-reason" label=Signal::derive(move || i18n.t().operator.reason) value=reason error=form.field("reason")/>
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
                                <h2>{heading}</h2>
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
        </section>
    }
}
