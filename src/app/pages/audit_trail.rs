//! The DA's own participant's audit trail: who did what to whom, when, newest first.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{paths, AuditTrail};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, DmsShell};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, with_query, Page};
use crate::i18n::fill;

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.maintain.audit_trail);
    let api = use_api();
    let query = use_query_map();
    let page = Memo::new(move |_| page_number(&query.read()));
    let trail = LocalResource::new(move || {
        let path = with_query(paths::DMS_AUDIT, &[("page", &page.get().to_string())]);
        async move { api.get::<AuditTrail>(&path).await }
    });
    let error = Signal::derive(move || trail.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <DmsShell/>
        <section class="card wide" aria-labelledby="audit-title">
            <h1 id="audit-title">{move || i18n.t().maintain.audit_trail}</h1>
            <AlertMessage message=error/>
            {move || trail.get().and_then(|r| r.ok()).map(|trail| {
                let t = i18n.t();
                let pages = (trail.total.max(1) as u32).div_ceil(trail.per_page.max(1));
                let page = trail.page;
                let at = move |n: u32| Page::DmsAudit.with_query(&[("page", &n.to_string())]);
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
                                {trail.events.into_iter().map(|e| view! {
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
                    <nav class="pages" aria-label=fill(t.dms.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])>
                        <span>{fill(t.dms.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                        {(page > 1).then(|| view! { <A href=at(page - 1)>{t.dms.previous_page}</A> })}
                        {(page < pages).then(|| view! { <A href=at(page + 1)>{t.dms.next_page}</A> })}
                    </nav>
                }
            })}
        </section>
    }
}
