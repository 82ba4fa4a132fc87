//! The DA's own participant's audit trail: who did what to whom, when, newest first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{paths, AuditTrail};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, AuditTable, DmsShell, Pager};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, with_query, Page};

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
                let (page, total, per_page) = (trail.page, trail.total, trail.per_page);
                view! {
                    <AuditTable events=trail.events/>
                    <Pager page=page total=total per_page=per_page
                        address=|n| Page::DmsAudit.with_query(&[("page", &n.to_string())])/>
                }
            })}
        </section>
    }
}
