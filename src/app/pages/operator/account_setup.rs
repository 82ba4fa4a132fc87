//! An operator's set-up (`/operator/setup#<link>`): the one-time link printed by
//! `ccass-access-server operator add` sets their password; the app comes at the first log-in.
//! The link travels in the fragment, which browsers never send to a server or in a Referer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{paths, Done, PasswordResetComplete};
use crate::app::components::{AlertMessage, PolicyChecklist, StatusMessage, TextField};
use crate::app::form::post_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{Page, Portal};

#[component]
pub fn OperatorSetupPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.operator.setup_title);
    let ticket = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .filter(|t| !t.is_empty());
    let (password, confirmation) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let form = post_form::<PasswordResetComplete, Done>(paths::PASSWORD_RESET_COMPLETE);
    let done = form.succeeded();
    let no_ticket = ticket.is_none();
    let no_link =
        Signal::derive(move || no_ticket.then(|| i18n.t().operator.setup_no_link.to_owned()));
    let ticket = StoredValue::new(ticket.unwrap_or_default());
    view! {
        <section class="card" aria-labelledby="setup-title">
            <h1 id="setup-title">{move || i18n.t().operator.setup_title}</h1>
            <AlertMessage message=no_link/>
            <Show when=move || !done.get()>
                <p>{move || i18n.t().operator.setup_intro}</p>
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    form.submit(PasswordResetComplete { ticket: ticket.get_value(), password: password.get(), confirmation: confirmation.get() });
                }>
                    <TextField id="setup-password" label=Signal::derive(move || i18n.t().password.new_password_label) value=password error=form.field("password") input_type="password" autocomplete="new-password"/>
                    <TextField id="setup-confirmation" label=Signal::derive(move || i18n.t().password.confirm_password_label) value=confirmation error=form.field("confirmation") input_type="password" autocomplete="new-password"/>
                    <PolicyChecklist password=password confirmation=confirmation user_id=Signal::derive(String::new)/>
                    <button type="submit" class="primary" disabled=form.pending()>{move || i18n.t().operator.setup_set}</button>
                </form>
            </Show>
            <AlertMessage message=form.message()/>
            <StatusMessage message=Signal::derive(move || done.get().then(|| i18n.t().password.reset_done.to_owned()))/>
            <Show when=move || done.get()>
                <A href=Page::Login(Portal::Operator).path()>{move || i18n.t().home.operator_home_title}</A>
            </Show>
        </section>
    }
}
