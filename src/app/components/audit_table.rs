//! An audit trail's events as a table, newest first: when, who, what, to whom, and the detail.

use leptos::prelude::*;

use crate::api::AuditEntry;
use crate::app::i18n::use_i18n;

#[component]
pub fn AuditTable(events: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.maintain.audit_trail>
            <table>
                <thead><tr>
                    <th scope="col">{t.maintain.at}</th>
                    <th scope="col">{t.maintain.actor}</th>
                    <th scope="col">{t.maintain.action}</th>
                    <th scope="col">{t.maintain.subject}</th>
                    <th scope="col">{t.maintain.detail}</th>
                </tr></thead>
                <tbody>
                    {events.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.at}</td>
                            <td>{e.actor}</td>
                            <td>{e.action}</td>
                            <td>{e.subject.unwrap_or_default()}</td>
                            <td class="detail">{e.detail}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
