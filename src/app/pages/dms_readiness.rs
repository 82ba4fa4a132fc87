//! The DA's own participant's readiness (R29) on the DMS home: the counts, their chart, and the
//! way to the profiles still without an e-mail.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{paths, ReadinessRow};
use crate::app::client::use_api;
use crate::app::components::{ReadinessChart, ReadinessTable};
use crate::app::i18n::use_i18n;
use crate::app::routes::Page;
use crate::i18n::fill;

#[component]
pub fn DmsReadiness() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let own =
        LocalResource::new(
            move || async move { api.get::<ReadinessRow>(paths::DMS_READINESS).await },
        );
    view! {
        {move || own.get().and_then(|r| r.ok()).map(|row| {
            let id = row.participant_id.clone();
            view! {
                <section class="card wide" aria-labelledby="dms-readiness-title">
                    <h2 id="dms-readiness-title">{move || fill(i18n.t().cut_over.dms_readiness_title, &[("participant", &id)])}</h2>
                    <ReadinessChart rows=vec![row.clone()]/>
                    <ReadinessTable rows=vec![row] total=None/>
                    <p>
                        <A href=Page::DmsUsers.with_query(&[("filter", "no_email")])>
                            {move || i18n.t().cut_over.show_missing_email}
                        </A>
                    </p>
                </section>
            }
        })}
    }
}
