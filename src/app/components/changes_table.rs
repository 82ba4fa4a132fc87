use leptos::prelude::*;

use crate::app::i18n::use_i18n;

/// A request's before and after, one row per changed field: (field, before, after).
#[component]
pub fn ChangesTable(rows: Vec<(String, String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="changes">
            <thead><tr>
                <th scope="col">{move || i18n.t().maintain.field}</th>
                <th scope="col">{move || i18n.t().maintain.before}</th>
                <th scope="col">{move || i18n.t().maintain.after}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(field, before, after)| view! {
                    <tr><th scope="row">{field}</th><td>{before}</td><td>{after}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
