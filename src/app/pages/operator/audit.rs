//! The whole audit trail for operators (issue 16): searched by participant, actor, subject and
//! Hong Kong dates (all in the address, so a reload or a shared link shows the same), a page at
//! a time, and the same search as CSV.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{paths, AuditTrail};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, AuditTable, OperatorShell, Pager, TextField};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, with_query, Page};

/// The search's criteria, by their names in the address and the API.
const CRITERIA: [&str; 5] = ["participant", "actor", "subject", "from", "to"];

#[component]
pub fn AuditSearchPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.maintain.audit_trail);
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let criteria = Memo::new(move |_| {
        let q = query.read();
        CRITERIA.map(|name| (name, q.get(name).unwrap_or_default()))
    });
    let page = Memo::new(move |_| page_number(&query.read()));
    let fields = CRITERIA.map(|name| {
        (
            name,
            RwSignal::new(query.get_untracked().get(name).unwrap_or_default()),
        )
    });
    let address = move |page: u32, criteria: &[(&str, String)]| {
        let page = page.to_string();
        let mut pairs: Vec<(&str, &str)> = criteria
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, v.as_str()))
            .collect();
        pairs.push(("page", &page));
        Page::OperatorAudit.with_query(&pairs)
    };
    let trail = LocalResource::new(move || {
        let mut pairs: Vec<(&str, String)> = criteria
            .get()
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect();
        pairs.push(("page", page.get().to_string()));
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let path = with_query(paths::OPERATOR_AUDIT, &pairs);
        async move { api.get::<AuditTrail>(&path).await }
    });
    let error = Signal::derive(move || trail.get().and_then(|r| r.err()).map(|e| e.message));
    let csv = move || {
        let pairs: Vec<(&str, String)> = criteria
            .get()
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        with_query(paths::OPERATOR_AUDIT_CSV, &pairs)
    };
    let label = move |name: &str| {
        let t = i18n.t();
        match name {
            "participant" => t.cut_over.col_participant,
            "actor" => t.maintain.actor,
            "subject" => t.maintain.subject,
            "from" => t.operator.audit_from,
            _ => t.operator.audit_to,
        }
    };
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="audit-search-title">
            <h1 id="audit-search-title">{move || i18n.t().maintain.audit_trail}</h1>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                let chosen: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, v.get_untracked().trim().to_owned())).collect();
                navigate(&address(1, &chosen), Default::default());
            }>
                {fields.into_iter().map(|(name, value)| {
                    let id: &'static str = match name {
                        "participant" => "audit-participant",
                        "actor" => "audit-actor",
                        "subject" => "audit-subject",
                        "from" => "audit-from",
                        _ => "audit-to",
                    };
                    let kind = if name == "from" || name == "to" { "date" } else { "text" };
                    view! {
                        <TextField id=id label=Signal::derive(move || label(name)) value=value
                            error=Signal::derive(move || trail.get().and_then(|r| r.err()).and_then(|e| e.fields.get(name).cloned()))
                            input_type=kind/>
                    }
                }).collect_view()}
                <button type="submit">{move || i18n.t().maintain.submit}</button>
            </form>
            <p><a download="" href=csv>{move || i18n.t().cut_over.download_csv}</a></p>
            <AlertMessage message=error/>
            {move || trail.get().and_then(|r| r.ok()).map(|trail| {
                let chosen = criteria.get().to_vec();
                let (page, total, per_page) = (trail.page, trail.total, trail.per_page);
                view! {
                    <AuditTable events=trail.events/>
                    <Pager page=page total=total per_page=per_page address=move |n| address(n, &chosen)/>
                }
            })}
        </section>
    }
}
