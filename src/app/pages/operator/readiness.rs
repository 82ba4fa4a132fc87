//! The readiness report (R29): every participant's counts in a table and a chart, a page of
//! participants at a time (the page lives in the address), the total first, and the CSV.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{paths, ReadinessReport, ReadinessRow};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, OperatorShell, Pager, ReadinessChart, ReadinessTable};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, Page};
use crate::i18n::fill;

/// Participants per page of the table and the chart.
const PER_PAGE: usize = 20;

#[component]
pub fn ReadinessPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.cut_over.readiness_title);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let query = use_query_map();
    let page = Memo::new(move |_| page_number(&query.read()));
    let report = LocalResource::new(move || {
        refresh.track();
        async move { api.get::<ReadinessReport>(paths::OPERATOR_READINESS).await }
    });
    let error = Signal::derive(move || report.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="readiness-title">
            <h1 id="readiness-title">{move || i18n.t().cut_over.readiness_title}</h1>
            <p>{move || i18n.t().cut_over.readiness_intro}</p>
            <p><a download="" href=paths::OPERATOR_READINESS_CSV>{move || i18n.t().cut_over.download_csv}</a></p>
            <AlertMessage message=error/>
            {move || report.get().and_then(|r| r.ok()).map(|report| {
                let page = page.get();
                let total = report.participants.len();
                let shown: Vec<ReadinessRow> = report
                    .participants
                    .iter()
                    .skip((page as usize - 1) * PER_PAGE)
                    .take(PER_PAGE)
                    .cloned()
                    .collect();
                let counted = report.counted_at.clone();
                view! {
                    <p>{move || fill(i18n.t().cut_over.counted_at, &[("at", &counted)])}</p>
                    <ReadinessChart rows=shown.clone() total=report.total.clone()/>
                    <ReadinessTable rows=shown total=Some(report.total.clone())/>
                    <Pager page=page total=total as i64 per_page=PER_PAGE as u32
                        address=|page| Page::OperatorReadiness.with_query(&[("page", &page.to_string())])/>
                }
            })}
        </section>
    }
}
