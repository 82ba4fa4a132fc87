//! The clearing house's operators (R6a): adding or removing one is asked of a second operator;
//! unlocking one is done at once.

use leptos::prelude::*;

use super::forms::{request_form, said};
use crate::api::{paths, Done, OperatorRequestDraft, OperatorSummary};
use crate::app::client::{use_api, Empty};
use crate::app::components::{AlertMessage, OperatorShell, StatusMessage, TextField};
use crate::app::form::use_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::fill;

#[component]
pub fn OperatorsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.operator.nav_operators);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let list = LocalResource::new(move || {
        refresh.track();
        async move {
            api.get::<Vec<OperatorSummary>>(paths::OPERATOR_OPERATORS)
                .await
        }
    });
    let request = request_form();
    let unlock = use_form(move |api, id: String| async move {
        api.post::<_, Done>(
            &paths::fill(paths::OPERATOR_OPERATOR_UNLOCK, &id),
            &Empty {},
        )
        .await
    });
    unlock.on_success(move |_| list.refetch());
    let (id, name, email) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = Signal::derive(move || list.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="operators-title">
            <h1 id="operators-title">{move || i18n.t().operator.nav_operators}</h1>
            <AlertMessage message=error/>
            <AlertMessage message=unlock.message()/>
            {move || list.get().and_then(|r| r.ok()).map(|rows| {
                let t = i18n.t();
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t.operator.operator_id}</th>
                            <th scope="col">{t.operator.name}</th>
                            <th scope="col">{t.operator.email}</th>
                            <th scope="col">{t.operator.locked}</th>
                            <th scope="col"><span class="visually-hidden">{t.operator.status}</span></th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|o| {
                                let (to_unlock, to_remove) = (o.operator_id.clone(), o.operator_id.clone());
                                view! {
                                    <tr>
                                        <th scope="row">{o.operator_id.clone()}</th>
                                        <td>{o.name}</td>
                                        <td>{o.email.unwrap_or_default()}</td>
                                        <td>{if o.locked { t.dms.yes } else { t.dms.no }}</td>
                                        <td class="actions">
                                            {o.locked.then(|| view! {
                                                <button type="button" on:click=move |_| unlock.submit(to_unlock.clone())>{fill(t.operator.unlock, &[("id", &o.operator_id)])}</button>
                                            })}
                                            <button type="button" on:click=move |_| request.submit(OperatorRequestDraft::RemoveOperator { operator_id: to_remove.clone() })>{fill(t.operator.request_remove_operator, &[("id", &o.operator_id)])}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
            <form on:submit=move |ev| {
                ev.prevent_default();
                request.submit(OperatorRequestDraft::AddOperator { operator_id: id.get(), name: name.get(), email: email.get() });
            }>
                <h2>{move || i18n.t().operator.request_add_operator}</h2>
                <TextField id="new-operator-id" label=Signal::derive(move || i18n.t().operator.operator_id) value=id error=request.field("operator_id")/>
                <TextField id="new-operator-name" label=Signal::derive(move || i18n.t().operator.name) value=name error=request.field("name")/>
                <TextField id="new-operator-email" label=Signal::derive(move || i18n.t().operator.email) value=email error=request.field("email") input_type="email"/>
                <button type="submit" disabled=request.pending()>{move || i18n.t().operator.request_add_operator}</button>
            </form>
            <AlertMessage message=request.message()/>
            <StatusMessage message=said(request, |t| t.operator.requested)/>
        </section>
    }
}
