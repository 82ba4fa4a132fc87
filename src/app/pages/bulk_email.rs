//! Bulk E-mail Registration: a DA maker pastes or reads a CSV of user IDs and e-mails, "Check"
//! shows every row's verdict or error, "Submit for authorisation" makes the valid rows one batch;
//! the batch (`?batch=…`) is confirmed by a checker with Checker ID + Authorization Code, or
//! rejected, or withdrawn, and then shows each row's outcome.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use crate::api::{
    paths, CheckedRow, EmailBatchCheck, EmailBatchUpload, EmailBatchView, RequestStatus,
};
use crate::app::client::{use_api, Empty};
use crate::app::components::request_panel::{with_checker_factor, Decision, DecisionForms};
use crate::app::components::{AlertMessage, DmsShell, StatusMessage};
use crate::app::form::use_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::Page;
use crate::domain::bulk_email::RowVerdict;
use crate::i18n::{fill, Catalogue};

fn verdict_text(t: &'static Catalogue, row: &CheckedRow) -> String {
    match (row.verdict, &row.problem) {
        (Some(RowVerdict::New), _) => t.bulk_email.verdict_new.to_owned(),
        (Some(RowVerdict::Changed), _) => t.bulk_email.verdict_changed.to_owned(),
        (Some(RowVerdict::Unchanged), _) => t.bulk_email.verdict_unchanged.to_owned(),
        (None, Some(problem)) => problem.clone(),
        (None, None) => String::new(),
    }
}

#[component]
pub fn BulkEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.bulk_email.title);
    let query = use_query_map();
    let batch = Memo::new(move |_| query.read().get("batch").filter(|b| !b.is_empty()));
    view! {
        <DmsShell/>
        <section class="card wide" aria-labelledby="bulk-title">
            <h1 id="bulk-title">{move || i18n.t().bulk_email.title}</h1>
            {move || match batch.get() {
                Some(id) => view! { <BatchPanel batch_id=id/> }.into_any(),
                None => view! { <Upload/> }.into_any(),
            }}
        </section>
    }
}

#[derive(Clone)]
enum Step {
    Check(EmailBatchUpload),
    Submit(EmailBatchUpload),
}

#[derive(Clone)]
enum Answer {
    Checked(EmailBatchCheck),
    Made(EmailBatchView),
}

/// The file, its check, and the batch made of it.
#[component]
fn Upload() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let csv = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<EmailBatchCheck>);
    let form = use_form(move |api, step: Step| async move {
        match step {
            Step::Check(body) => api
                .post::<_, EmailBatchCheck>(paths::DMS_EMAIL_BATCH_CHECK, &body)
                .await
                .map(Answer::Checked),
            Step::Submit(body) => api
                .post::<_, EmailBatchView>(paths::DMS_EMAIL_BATCHES, &body)
                .await
                .map(Answer::Made),
        }
    });
    form.on_success(move |answer| match answer {
        Answer::Checked(check) => checked.set(Some(check)),
        Answer::Made(batch) => navigate(
            &Page::DmsBulkEmail.with_query(&[("batch", &batch.batch_id)]),
            Default::default(),
        ),
    });
    // A chosen file's text goes into the box, where it can still be corrected.
    let read_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(text) = text.as_string() {
                    csv.set(text);
                    checked.set(None);
                }
            }
        });
    };
    let upload = move || EmailBatchUpload { csv: csv.get() };
    view! {
        <p>{move || i18n.t().bulk_email.intro}</p>
        <form class="bulk-email" on:submit=move |ev| {
            ev.prevent_default();
            form.submit(Step::Check(upload()));
        }>
            <div class="field">
                <label for="bulk-csv">{move || i18n.t().bulk_email.csv_label}</label>
                <textarea id="bulk-csv" rows="8" spellcheck="false"
                    aria-invalid=move || form.field("csv").get().is_some().then_some("true")
                    aria-describedby="bulk-csv-error"
                    prop:value=move || csv.get()
                    on:input=move |ev| { csv.set(event_target_value(&ev)); checked.set(None); }></textarea>
                {move || form.field("csv").get().map(|message| view! { <p id="bulk-csv-error" class="field-error">{message}</p> })}
            </div>
            <div class="field">
                <label for="bulk-file">{move || i18n.t().bulk_email.file_label}</label>
                <input id="bulk-file" type="file" accept=".csv,text/csv,text/plain" on:change=read_file/>
            </div>
            <button type="submit" disabled=form.pending()>{move || i18n.t().bulk_email.check}</button>
            <button type="button" class="primary"
                disabled=move || form.pending().get() || checked.get().is_none_or(|c| c.to_register == 0)
                on:click=move |_| form.submit(Step::Submit(upload()))>
                {move || i18n.t().bulk_email.submit_batch}
            </button>
        </form>
        <AlertMessage message=form.message()/>
        {move || checked.get().map(|check| view! { <CheckTable check=check/> })}
    }
}

#[component]
fn CheckTable(check: EmailBatchCheck) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let summary = fill(
        t.bulk_email.summary,
        &[
            ("register", &check.to_register.to_string()),
            ("unchanged", &check.unchanged.to_string()),
            ("errors", &check.errors.to_string()),
        ],
    );
    view! {
        <p role="status">{summary}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.bulk_email.check>
            <table class="bulk-rows">
                <thead><tr>
                    <th scope="col">{t.bulk_email.col_line}</th>
                    <th scope="col">{t.bulk_email.col_user}</th>
                    <th scope="col">{t.bulk_email.col_now}</th>
                    <th scope="col">{t.bulk_email.col_new}</th>
                    <th scope="col">{t.bulk_email.col_result}</th>
                </tr></thead>
                <tbody>
                    {check.rows.into_iter().map(|row| {
                        let result = verdict_text(t, &row);
                        let bad = row.problem.is_some();
                        view! {
                            <tr class:row-error=bad>
                                <td class="number">{row.line}</td>
                                <th scope="row">{row.user_id}</th>
                                <td>{row.before_email.unwrap_or_default()}</td>
                                <td>{row.email}</td>
                                <td>{result}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One batch: its rows, and the checker's part while it is pending.
#[component]
fn BatchPanel(batch_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(batch_id);
    let current = RwSignal::new(None::<EmailBatchView>);
    let load = LocalResource::new(move || {
        let path = paths::fill(paths::DMS_EMAIL_BATCH, &id.get_value());
        async move { api.get::<EmailBatchView>(&path).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = load.get() {
            current.set(Some(view));
        }
    });
    let form = use_form(move |api, decision: Decision| async move {
        let id = id.get_value();
        match decision {
            Decision::Confirm(body, factor) => {
                let body = with_checker_factor(api, i18n, body, factor).await?;
                api.post(&paths::fill(paths::DMS_EMAIL_BATCH_CONFIRM, &id), &body)
                    .await
            }
            Decision::Reject(body) => {
                api.post(&paths::fill(paths::DMS_EMAIL_BATCH_REJECT, &id), &body)
                    .await
            }
            Decision::Withdraw => {
                api.post(
                    &paths::fill(paths::DMS_EMAIL_BATCH_WITHDRAW, &id),
                    &Empty {},
                )
                .await
            }
        }
    });
    form.on_success(move |view: EmailBatchView| current.set(Some(view)));
    let load_error = Signal::derive(move || load.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <AlertMessage message=load_error/>
        {move || current.get().map(|batch| {
            let t = i18n.t();
            let pending = batch.status == RequestStatus::Pending;
            let made_by_me = batch.made_by_me;
            let done = (batch.status == RequestStatus::Authorised).then(|| fill(t.bulk_email.batch_done, &[
                ("applied", &batch.applied.to_string()),
                ("refused", &batch.refused.to_string()),
            ]));
            view! {
                <h2>{fill(t.bulk_email.batch_title, &[("count", &batch.rows.len().to_string())])}</h2>
                <p class="request-status">{format!("{}: {}", t.maintain.status, t.request_status(batch.status))}</p>
                <p>{fill(t.maintain.request_made_by, &[("maker", &batch.maker_id), ("at", &batch.created_at), ("expires", &batch.expires_at)])}</p>
                {batch.reason.clone().map(|r| view! { <p>{format!("{}: {r}", t.maintain.reject_reason)}</p> })}
                {done.map(|text| view! { <p class="success" role="status">{text}</p> })}
                <div class="table-scroll" tabindex="0" role="region" aria-label=t.bulk_email.pending_batches>
                    <table class="bulk-rows">
                        <thead><tr>
                            <th scope="col">{t.bulk_email.col_line}</th>
                            <th scope="col">{t.bulk_email.col_user}</th>
                            <th scope="col">{t.bulk_email.col_now}</th>
                            <th scope="col">{t.bulk_email.col_new}</th>
                            <th scope="col">{t.bulk_email.col_outcome}</th>
                        </tr></thead>
                        <tbody>
                            {batch.rows.into_iter().map(|row| view! {
                                <tr>
                                    <td class="number">{row.line}</td>
                                    <th scope="row">{row.user_id}</th>
                                    <td>{row.before_email.unwrap_or_default()}</td>
                                    <td>{row.after_email}</td>
                                    <td>{row.outcome_text.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {pending.then(|| view! {
                    <p>{t.bulk_email.batch_made}</p>
                    <DecisionForms form=form made_by_me=made_by_me/>
                })}
            }
        })}
        <AlertMessage message=form.message()/>
        <StatusMessage message=Signal::derive(move || current.get().and_then(|b| match b.status {
            RequestStatus::Withdrawn => Some(i18n.t().maintain.withdrawn.to_owned()),
            RequestStatus::Rejected => Some(i18n.t().maintain.rejected.to_owned()),
            _ => None,
        }))/>
    }
}
