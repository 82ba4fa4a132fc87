//! The archive (R15): the profiles the cut-over removed, a page at a time, of one participant
//! or all (both in the address), as CSV too; an archived one is restored by a four-eyes
//! request, and one a DA created again shows as replaced.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::forms::{request_form, said};
use crate::api::{paths, ArchivePage, ArchivedProfileRow, OperatorRequestDraft};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, OperatorShell, Pager, StatusMessage, TextField};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{page_number, with_query, Page};
use crate::i18n::{fill, Catalogue};

fn state_name(t: &'static Catalogue, state: &str) -> &'static str {
    match state {
        "ARCHIVED" => t.cut_over.state_archived,
        "RESTORED" => t.cut_over.state_restored,
        _ => t.cut_over.state_replaced,
    }
}

fn kind_name(t: &'static Catalogue, kind: &str) -> &'static str {
    if kind == "DA" {
        t.cut_over.kind_da
    } else {
        t.cut_over.kind_user
    }
}

fn address(participant: &str, page: u32) -> String {
    Page::OperatorArchive.of_participant(participant, page)
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.cut_over.archive_title);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let query = use_query_map();
    let navigate = use_navigate();
    let participant = Memo::new(move |_| query.read().get("participant").unwrap_or_default());
    let page = Memo::new(move |_| page_number(&query.read()));
    let typed = RwSignal::new(participant.get_untracked());
    let form = request_form();
    form.on_success(move |_| refresh.bump());
    let archive = LocalResource::new(move || {
        refresh.track();
        let path = with_query(
            paths::OPERATOR_ARCHIVE,
            &[
                ("participant", &participant.get()),
                ("page", &page.get().to_string()),
            ],
        );
        async move { api.get::<ArchivePage>(&path).await }
    });
    let error = Signal::derive(move || archive.get().and_then(|r| r.err()).map(|e| e.message));
    let restore = Callback::new(move |archive_id: String| {
        form.submit(OperatorRequestDraft::RestoreProfile { archive_id })
    });
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="archive-title">
            <h1 id="archive-title">{move || i18n.t().cut_over.archive_title}</h1>
            <p>{move || i18n.t().cut_over.archive_intro}</p>
            <p><a download="" href=paths::OPERATOR_ARCHIVE_CSV>{move || i18n.t().cut_over.download_csv}</a></p>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                navigate(&address(typed.get_untracked().trim(), 1), Default::default());
            }>
                <TextField id="archive-participant" label=Signal::derive(move || i18n.t().cut_over.filter_participant)
                    value=typed error=Signal::derive(|| None)/>
                <button type="submit">{move || i18n.t().maintain.submit}</button>
            </form>
            <AlertMessage message=error/>
            <AlertMessage message=form.message()/>
            <StatusMessage message=said(form, |t| t.operator.requested)/>
            {move || archive.get().and_then(|r| r.ok()).map(|archive| {
                let chosen = participant.get();
                view! { <ArchiveTable archive=archive participant=chosen restore=restore/> }
            })}
        </section>
    }
}

#[component]
fn ArchiveTable(
    archive: ArchivePage,
    participant: String,
    restore: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    if archive.rows.is_empty() {
        return view! { <p>{move || i18n.t().cut_over.archive_empty}</p> }.into_any();
    }
    let heading = |text: fn(&'static Catalogue) -> &'static str| {
        view! { <th scope="col">{move || text(i18n.t())}</th> }
    };
    let (page, total, per_page) = (archive.page, archive.total, archive.per_page);
    let row = move |entry: ArchivedProfileRow| {
        let (state, kind) = (entry.state.clone(), entry.profile.kind.clone());
        let id = entry.profile.user_id.clone();
        let archive_id = entry.archive_id.clone();
        view! {
            <tr>
                <th scope="row">{entry.profile.user_id.clone()}</th>
                <td>{entry.profile.participant_id.clone()}</td>
                <td>{move || kind_name(i18n.t(), &kind)}</td>
                <td>{entry.profile.name.clone()}</td>
                <td>{entry.archived_at.clone()}</td>
                <td>{let state = state.clone(); move || state_name(i18n.t(), &state)}</td>
                <td>{(state == "ARCHIVED").then(|| view! {
                    <button type="button" on:click=move |_| restore.run(archive_id.clone())>
                        {move || fill(i18n.t().cut_over.request_restore, &[("id", &id)])}
                    </button>
                })}</td>
            </tr>
        }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t().cut_over.archive_title>
            <table class="archive">
                <thead>
                    <tr>
                        {heading(|t| t.cut_over.col_user_id)}
                        {heading(|t| t.cut_over.col_participant)}
                        {heading(|t| t.cut_over.col_kind)}
                        {heading(|t| t.cut_over.col_name)}
                        {heading(|t| t.cut_over.col_archived_at)}
                        {heading(|t| t.cut_over.col_state)}
                        {heading(|t| t.cut_over.col_action)}
                    </tr>
                </thead>
                <tbody>{archive.rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
        <Pager page=page total=total per_page=per_page address=move |page| address(&participant, page)/>
    }
    .into_any()
}
