use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::i18n::use_i18n;
use crate::app::routes::Page;
use crate::app::session::use_session;

/// The operator console's frame: who is working, and the console's functions.
#[component]
pub fn OperatorShell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let refresh = crate::app::refresh::use_refresh();
    let items = move || {
        let t = i18n.t();
        let c = &t.operator;
        [
            (Page::OperatorParticipants, c.nav_participants),
            (Page::OperatorRequests, c.nav_requests),
            (Page::OperatorPhase, c.nav_phase),
            (Page::OperatorReadiness, t.cut_over.nav_readiness),
            (Page::OperatorCutOver, t.cut_over.nav_cut_over),
            (Page::OperatorArchive, t.cut_over.nav_archive),
            (Page::OperatorAudit, c.nav_audit),
            (Page::OperatorHolidays, c.nav_holidays),
            (Page::OperatorOperators, c.nav_operators),
            (Page::OperatorApplications, t.provider.nav_applications),
        ]
    };
    view! {
        <div class="dms-shell">
            <p class="dms-who">{move || session.me().map(|me| format!("{} · HKEX", me.user_id))}</p>
            <nav class="dms-tabs" aria-label=move || i18n.t().home.operator_home_title>
                <ul>
                    {move || items().into_iter().map(|(page, name)| view! {
                        <li><A href=page.path() on:click=move |_| refresh.bump()>{name}</A></li>
                    }).collect_view()}
                </ul>
            </nav>
        </div>
    }
}
