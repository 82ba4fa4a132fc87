//! The readiness counts (R29) as a table: one row per participant, the total last.

use leptos::prelude::*;

use crate::api::ReadinessRow;
use crate::app::i18n::use_i18n;
use crate::i18n::Catalogue;

/// The counts as a table, the total last when given.
#[component]
pub fn ReadinessTable(rows: Vec<ReadinessRow>, total: Option<ReadinessRow>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = |text: fn(&'static Catalogue) -> &'static str| {
        view! { <th scope="col">{move || text(i18n.t())}</th> }
    };
    let line = move |row: ReadinessRow, is_total: bool| {
        let id = row.participant_id.clone();
        view! {
            <tr class:total=is_total>
                <th scope="row">{move || if is_total { i18n.t().cut_over.total.to_owned() } else { id.clone() }}</th>
                <td>{row.name}</td>
                <td class="number">{row.profiles}</td>
                <td class="number">{row.with_email}</td>
                <td class="number">{row.without_email}</td>
                <td class="number">{row.two_factor}</td>
                <td class="number">{row.smartcard_only}</td>
                <td class="number">{row.never_logged_in}</td>
            </tr>
        }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t().cut_over.readiness_title>
            <table>
                <thead>
                    <tr>
                        {heading(|t| t.cut_over.col_participant)}
                        {heading(|t| t.cut_over.col_name)}
                        {heading(|t| t.cut_over.col_profiles)}
                        {heading(|t| t.cut_over.col_with_email)}
                        {heading(|t| t.cut_over.col_without_email)}
                        {heading(|t| t.cut_over.col_two_factor)}
                        {heading(|t| t.cut_over.col_smartcard_only)}
                        {heading(|t| t.cut_over.col_never)}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| line(row, false)).collect_view()}
                    {total.map(|row| line(row, true))}
                </tbody>
            </table>
        </div>
    }
}
