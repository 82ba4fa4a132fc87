//! "Pending Requests" (the remote way of authorisation): the participant's open requests, those
//! the DA made marked; one opens below the list (`?request=…`) to be confirmed, rejected or
//! withdrawn.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{paths, EmailBatchSummary, PendingRequests};
use crate::app::client::use_api;
use crate::app::components::request_panel::action_name;
use crate::app::components::{AlertMessage, DmsShell, RequestPanel};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::Page;
use crate::i18n::fill;

#[component]
pub fn PendingRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.maintain.pending_requests);
    let api = use_api();
    let query = use_query_map();
    let open = Memo::new(move |_| query.read().get("request").filter(|r| !r.is_empty()));
    // Read again whenever the address changes (a request opened or closed, the menu clicked).
    let refresh = crate::app::refresh::use_refresh();
    let list = LocalResource::new(move || {
        query.track();
        refresh.track();
        async move { api.get::<PendingRequests>(paths::DMS_REQUESTS).await }
    });
    let error = Signal::derive(move || list.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <DmsShell/>
        <section class="card wide" aria-labelledby="pending-title">
            <h1 id="pending-title">{move || i18n.t().maintain.pending_requests}</h1>
            <AlertMessage message=error/>
            {move || list.get().and_then(|r| r.ok()).map(|list| {
                let t = i18n.t();
                if list.requests.is_empty() {
                    return view! { <p>{t.maintain.no_pending}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t.maintain.pending_requests>
                        <table>
                            <thead><tr>
                                <th scope="col">{t.maintain.request}</th>
                                <th scope="col">{t.maintain.user_id}</th>
                                <th scope="col">{t.maintain.maker}</th>
                                <th scope="col">{t.maintain.made_at}</th>
                                <th scope="col">{t.maintain.expires}</th>
                                <th scope="col"><span class="visually-hidden">{t.maintain.open}</span></th>
                            </tr></thead>
                            <tbody>
                                {list.requests.into_iter().map(|r| {
                                    let maker = if r.made_by_me { format!("{} ({})", r.maker_id, t.maintain.made_by_you) } else { r.maker_id.clone() };
                                    let href = Page::DmsRequests.with_query(&[("request", &r.request_id)]);
                                    let label = format!("{} {}", t.maintain.open, r.user_id);
                                    view! {
                                        <tr>
                                            <td>{action_name(t, r.action)}</td>
                                            <th scope="row">{r.user_id}</th>
                                            <td>{maker}</td>
                                            <td>{r.created_at}</td>
                                            <td>{r.expires_at}</td>
                                            <td><A href=href attr:aria-label=label>{t.maintain.open}</A></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
            {move || open.get().map(|id| view! {
                <RequestPanel request_id=id decided=Callback::new(move |_| list.refetch())/>
            })}
            <EmailBatches/>
        </section>
    }
}

/// The participant's e-mail batches: each opens on its own page to be confirmed there.
#[component]
fn EmailBatches() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let batches = LocalResource::new(move || {
        refresh.track();
        async move {
            api.get::<Vec<EmailBatchSummary>>(paths::DMS_EMAIL_BATCHES)
                .await
        }
    });
    view! {
        <h2>{move || i18n.t().bulk_email.pending_batches}</h2>
        {move || batches.get().and_then(|r| r.ok()).map(|list| {
            let t = i18n.t();
            if list.is_empty() {
                return view! { <p>{t.bulk_email.no_batches}</p> }.into_any();
            }
            view! {
                <ul class="batches">
                    {list.into_iter().map(|b| {
                        let maker = if b.made_by_me { format!("{} ({})", b.maker_id, t.maintain.made_by_you) } else { b.maker_id.clone() };
                        let text = fill(t.bulk_email.open_batch, &[
                            ("count", &b.rows.to_string()),
                            ("maker", &maker),
                            ("status", t.request_status(b.status)),
                        ]);
                        let href = Page::DmsBulkEmail.with_query(&[("batch", &b.batch_id)]);
                        view! { <li><A href=href>{text}</A>{format!(" · {}", b.created_at)}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
