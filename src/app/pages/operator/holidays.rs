//! The holiday calendar (R11): the days the DMS is closed, replaced by uploading a CSV that is
//! taken whole or not at all, once a second operator approves (issue 26); a banner 60 days
//! before it ends.

use leptos::prelude::*;

use super::forms::said;
use crate::api::{paths, HolidayCalendarView, HolidayUpload, OperatorRequestView};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, OperatorShell, StatusMessage};
use crate::app::form::post_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::fill;

#[component]
pub fn HolidaysPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.operator.nav_holidays);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let calendar = LocalResource::new(move || {
        refresh.track();
        async move {
            api.get::<HolidayCalendarView>(paths::OPERATOR_HOLIDAYS)
                .await
        }
    });
    let csv = RwSignal::new(String::new());
    // Issue 26: an upload is a request a second operator approves under Requests.
    let upload = post_form::<HolidayUpload, OperatorRequestView>(paths::OPERATOR_HOLIDAYS);
    upload.on_success(move |_| calendar.refetch());
    let csv_error = upload.field("csv");
    let error = Signal::derive(move || calendar.get().and_then(|r| r.err()).map(|e| e.message));
    let banner = Signal::derive(move || {
        calendar
            .get()
            .and_then(|r| r.ok())
            .and_then(|c| c.ends_soon)
            .map(|date| fill(i18n.t().operator.calendar_ends, &[("date", &date)]))
    });
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="holidays-title">
            <h1 id="holidays-title">{move || i18n.t().operator.nav_holidays}</h1>
            <AlertMessage message=error/>
            <AlertMessage message=banner/>
            <form on:submit=move |ev| {
                ev.prevent_default();
                upload.submit(HolidayUpload { csv: csv.get() });
            }>
                <div class="field">
                    <label for="calendar-csv">{move || i18n.t().operator.upload_label}</label>
                    <textarea id="calendar-csv" rows="6" bind:value=csv
                        aria-invalid=move || csv_error.get().is_some().to_string()
                        aria-describedby=move || csv_error.get().map(|_| "calendar-csv-error")></textarea>
                    {move || csv_error.get().map(|e| view! { <p id="calendar-csv-error" class="field-error">{e}</p> })}
                </div>
                <button type="submit" disabled=upload.pending()>{move || i18n.t().operator.replace_calendar}</button>
            </form>
            <AlertMessage message=upload.message()/>
            <StatusMessage message=said(upload, |t| t.operator.calendar_requested)/>
            {move || calendar.get().and_then(|r| r.ok()).map(|c| {
                let t = i18n.t();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t.operator.nav_holidays>
                        <table>
                            <thead><tr><th scope="col">{t.operator.day}</th><th scope="col">{t.operator.holiday_name}</th></tr></thead>
                            <tbody>
                                {c.holidays.into_iter().map(|h| view! { <tr><td>{h.day}</td><td>{h.name}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}
