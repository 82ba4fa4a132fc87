//! The migration phase (R12): where it stands, what the next move changes, and the request for
//! it, which a second operator approves.

use leptos::prelude::*;

use super::forms::{phase_text, request_form, said};
use crate::api::{paths, OperatorRequestDraft, PhaseView};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, OperatorShell, StatusMessage};
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::fill;

#[component]
pub fn PhasePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.operator.nav_phase);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let phase = LocalResource::new(move || {
        refresh.track();
        async move { api.get::<PhaseView>(paths::PHASE).await }
    });
    let understood = RwSignal::new(false);
    let form = request_form();
    let error = Signal::derive(move || phase.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="phase-title">
            <h1 id="phase-title">{move || i18n.t().operator.nav_phase}</h1>
            <AlertMessage message=error/>
            {move || phase.get().and_then(|r| r.ok()).map(|view| {
                let t = i18n.t();
                let now = fill(t.operator.phase_now, &[("phase", phase_text(t, &view.phase))]);
                match view.next {
                    None => view! { <p>{now}</p><p>{t.operator.phase_last}</p> }.into_any(),
                    // The cut-over is asked for from its dry run (R15).
                    Some(next) if next == "POST_PARALLEL" => view! {
                        <p>{now}</p>
                        <p class="warning-text">{t.operator.move_explain_post}</p>
                        <p><leptos_router::components::A href=crate::app::routes::Page::OperatorCutOver.path()>{t.cut_over.read_dry_run}</leptos_router::components::A></p>
                    }.into_any(),
                    Some(next) => {
                        let explain = if next == "PARALLEL" { t.operator.move_explain_parallel } else { t.operator.move_explain_post };
                        let label = fill(t.operator.request_move, &[("phase", phase_text(t, &next))]);
                        view! {
                            <p>{now}</p>
                            <p class="warning-text">{explain}</p>
                            <form on:submit=move |ev| {
                                ev.prevent_default();
                                form.submit(OperatorRequestDraft::MovePhase {
                                    to: next.clone(),
                                    confirmed_participants: Vec::new(),
                                });
                            }>
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || understood.get()
                                        on:change=move |ev| understood.set(event_target_checked(&ev))/>
                                    {t.operator.understand}
                                </label>
                                <button type="submit" class="primary" disabled=move || !understood.get() || form.pending().get()>{label}</button>
                            </form>
                        }.into_any()
                    }
                }
            })}
            <AlertMessage message=form.message()/>
            <StatusMessage message=said(form, |t| t.operator.requested)/>
        </section>
    }
}
