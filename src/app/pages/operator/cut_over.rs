//! The cut-over's dry run (R15): exactly what the move to POST_PARALLEL would remove if it were
//! approved now, per participant, the DA profiles apart with a warning, the users page by page
//! (participant and page in the address) and all of it as CSV; then the request for the move,
//! with each participant it would leave without a DA maker or checker confirmed by name.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::forms::{phase_text, request_form, said};
use crate::api::{
    paths, CutOverDryRun, CutOverParticipant, CutOverProfile, CutOverProfilePage,
    OperatorRequestDraft,
};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, OperatorShell, Pager, StatusMessage};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, with_query, Page};
use crate::i18n::{fill, Catalogue};

const PARALLEL: &str = "PARALLEL";

fn address(participant: &str, page: u32) -> String {
    Page::OperatorCutOver.of_participant(participant, page)
}

#[component]
pub fn CutOverPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.cut_over.cut_over_title);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let query = use_query_map();
    let participant = Memo::new(move |_| query.read().get("participant").unwrap_or_default());
    let page = Memo::new(move |_| page_number(&query.read()));
    let dry_run = LocalResource::new(move || {
        refresh.track();
        async move { api.get::<CutOverDryRun>(paths::OPERATOR_CUT_OVER).await }
    });
    let users = LocalResource::new(move || {
        refresh.track();
        let path = with_query(
            paths::OPERATOR_CUT_OVER_PROFILES,
            &[
                ("participant", &participant.get()),
                ("page", &page.get().to_string()),
            ],
        );
        async move { api.get::<CutOverProfilePage>(&path).await }
    });
    let confirmed = RwSignal::new(Vec::<String>::new());
    let understood = RwSignal::new(false);
    let form = request_form();
    let error = Signal::derive(move || {
        dry_run
            .get()
            .and_then(|r| r.err())
            .or_else(|| users.get().and_then(|r| r.err()))
            .map(|e| e.message)
    });
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="cut-over-title">
            <h1 id="cut-over-title">{move || i18n.t().cut_over.cut_over_title}</h1>
            <p>{move || i18n.t().cut_over.cut_over_intro}</p>
            <AlertMessage message=error/>
            {move || dry_run.get().and_then(|r| r.ok()).map(|run| {
                let t = i18n.t();
                let summary = fill(t.cut_over.cut_over_summary, &[
                    ("users", &run.users_total.to_string()),
                    ("das", &run.das_total.to_string()),
                    ("cards", &run.smartcard_profiles.to_string()),
                ]);
                let not_parallel = (run.phase != PARALLEL)
                    .then(|| fill(t.cut_over.not_parallel, &[("phase", phase_text(t, &run.phase))]));
                let may_request = run.phase == PARALLEL;
                view! {
                    {not_parallel.map(|text| view! { <p class="message"><span class="warning">{text}</span></p> })}
                    <p role="status">{summary}</p>
                    <p><a download="" href=paths::OPERATOR_CUT_OVER_CSV>{t.cut_over.download_csv}</a></p>
                    <ParticipantTable participants=run.participants.clone() confirmed=confirmed/>
                    <DaWarning das=run.das.clone()/>
                    <h2 id="users-title">{t.cut_over.users_title}</h2>
                    <ParticipantFilter participants=run.participants.clone() chosen=participant/>
                    {may_request.then(|| view! {
                        <form class="cut-over-request" on:submit=move |ev| {
                            ev.prevent_default();
                            form.submit(OperatorRequestDraft::MovePhase {
                                to: "POST_PARALLEL".into(),
                                confirmed_participants: confirmed.get_untracked(),
                            });
                        }>
                            <p class="warning-text">{t.operator.move_explain_post}</p>
                            <label class="check">
                                <input type="checkbox" prop:checked=move || understood.get()
                                    on:change=move |ev| understood.set(event_target_checked(&ev))/>
                                {t.operator.understand}
                            </label>
                            <button type="submit" class="primary" disabled=move || !understood.get() || form.pending().get()>
                                {t.cut_over.request_cut_over}
                            </button>
                        </form>
                    })}
                }
            })}
            <AlertMessage message=form.message()/>
            <StatusMessage message=said(form, |t| t.cut_over.cut_over_requested)/>
            {move || users.get().and_then(|r| r.ok()).map(|page| {
                let chosen = participant.get();
                view! { <UsersTable page=page participant=chosen/> }
            })}
        </section>
    }
}

/// Per participant: what it loses, and whether a DA maker and checker remain; a participant
/// left without one has a box to confirm it by name.
#[component]
fn ParticipantTable(
    participants: Vec<CutOverParticipant>,
    confirmed: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = |text: fn(&'static Catalogue) -> &'static str| {
        view! { <th scope="col">{move || text(i18n.t())}</th> }
    };
    let kept = move |gone: bool| {
        move || {
            if gone {
                i18n.t().cut_over.none_left
            } else {
                i18n.t().cut_over.kept
            }
        }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t().cut_over.cut_over_title>
            <table>
                <thead>
                    <tr>
                        {heading(|t| t.cut_over.col_participant)}
                        {heading(|t| t.cut_over.col_name)}
                        {heading(|t| t.cut_over.col_users_removed)}
                        {heading(|t| t.cut_over.col_das_removed)}
                        {heading(|t| t.cut_over.col_maker_after)}
                        {heading(|t| t.cut_over.col_checker_after)}
                        {heading(|t| t.cut_over.at_risk_title)}
                    </tr>
                </thead>
                <tbody>
                    {participants.into_iter().map(|p| {
                        let at_risk = p.no_maker_after || p.no_checker_after;
                        let id = p.participant_id.clone();
                        view! {
                            <tr class:at-risk=at_risk>
                                <th scope="row">{p.participant_id.clone()}</th>
                                <td>{p.name}</td>
                                <td class="number">{p.users_removed}</td>
                                <td class="number">{p.das_removed}</td>
                                <td>{kept(p.no_maker_after)}</td>
                                <td>{kept(p.no_checker_after)}</td>
                                <td>{at_risk.then(|| {
                                    let (checked_id, toggled_id) = (id.clone(), id.clone());
                                    view! {
                                        <label class="check">
                                            <input type="checkbox"
                                                prop:checked=move || confirmed.get().contains(&checked_id)
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    confirmed.update(|list| {
                                                        list.retain(|c| c != &toggled_id);
                                                        if on { list.push(toggled_id.clone()); }
                                                    });
                                                }/>
                                            {move || fill(i18n.t().cut_over.confirm_participant, &[("participant", &id)])}
                                        </label>
                                    }
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The DA profiles the move would remove, apart, with the warning the seed's order calls for.
#[component]
fn DaWarning(das: Vec<CutOverProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let none = das.is_empty();
    view! {
        <h2>{move || i18n.t().cut_over.das_title}</h2>
        {if none {
            view! { <p>{move || i18n.t().cut_over.no_das}</p> }.into_any()
        } else {
            view! {
                <div class="message"><p class="warning">{move || i18n.t().cut_over.das_warning}</p></div>
                <ProfileTable profiles=das label=|t| t.cut_over.das_title/>
            }.into_any()
        }}
    }
}

/// Chooses whose users the list below shows.
#[component]
fn ParticipantFilter(participants: Vec<CutOverParticipant>, chosen: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let losing: Vec<String> = participants
        .into_iter()
        .filter(|p| p.users_removed > 0)
        .map(|p| p.participant_id)
        .collect();
    view! {
        <label for="cut-over-participant">{move || i18n.t().cut_over.filter_participant}</label>
        <select id="cut-over-participant" on:change=move |ev| navigate(&address(&event_target_value(&ev), 1), Default::default())>
            <option value="" selected=move || chosen.get().is_empty()>{move || i18n.t().cut_over.all_participants}</option>
            {losing.into_iter().map(|id| {
                let (value, shown, this) = (id.clone(), id.clone(), id);
                view! { <option value=value selected=move || chosen.get() == this>{shown}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
fn UsersTable(page: CutOverProfilePage, participant: String) -> impl IntoView {
    let i18n = use_i18n();
    let (number, total, per_page) = (page.page, page.total, page.per_page);
    if page.profiles.is_empty() {
        return view! { <p>{move || i18n.t().cut_over.no_users}</p> }.into_any();
    }
    view! {
        <ProfileTable profiles=page.profiles label=|t| t.cut_over.users_title/>
        <Pager page=number total=total per_page=per_page
            address=move |page| address(&participant, page)/>
    }
    .into_any()
}

/// Profiles as the dry run and the archive list them.
#[component]
pub fn ProfileTable(
    profiles: Vec<CutOverProfile>,
    label: fn(&'static Catalogue) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = |text: fn(&'static Catalogue) -> &'static str| {
        view! { <th scope="col">{move || text(i18n.t())}</th> }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || label(i18n.t())>
            <table class="removed-profiles">
                <thead>
                    <tr>
                        {heading(|t| t.cut_over.col_user_id)}
                        {heading(|t| t.cut_over.col_participant)}
                        {heading(|t| t.cut_over.col_name)}
                        {heading(|t| t.operator.status)}
                        {heading(|t| t.dms.column_last_login)}
                    </tr>
                </thead>
                <tbody>
                    {profiles.into_iter().map(|p| view! {
                        <tr>
                            <th scope="row">{p.user_id}</th>
                            <td>{p.participant_id}</td>
                            <td>{p.name}</td>
                            <td>{p.status}</td>
                            <td>{p.last_login_at.unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
