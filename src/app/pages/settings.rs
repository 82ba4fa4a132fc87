//! Profile settings (R22): switch the OTP channel between the app and e-mail.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use super::home::use_me;
use crate::api::{paths, ApiError, Done, OtpChannel, OtpSubmission};
use crate::app::client;
use crate::app::components::{AlertMessage, DeviceSetup, RecoveryCodes, StatusMessage, TextField};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::pages::SignInRequiredPage;
use crate::app::routes::home_path;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.profile_settings);
    let me = use_me();
    let channel = RwSignal::new(None::<OtpChannel>);
    Effect::new(move |_| {
        if let Some(Ok(me)) = me.get() {
            channel.set(me.otp_channel);
        }
    });
    let code = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let registering = RwSignal::new(false);
    let new_codes = RwSignal::new(None::<Vec<String>>);

    let to_email = Action::new_local(move |otp: &String| {
        let (otp, language) = (otp.clone(), i18n.get());
        async move {
            client::post::<_, Done>(paths::CHANNEL_EMAIL, &OtpSubmission { otp }, language).await
        }
    });
    Effect::new(move |_| match to_email.value().get() {
        Some(Ok(_)) => {
            error.set(None);
            channel.set(Some(OtpChannel::Email));
            status.set(Some(i18n.t().channel_switched_email.to_owned()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        to_email.dispatch_local(code.get());
    };
    let user_id = Signal::derive(move || {
        me.get()
            .and_then(Result::ok)
            .map(|m| m.user_id)
            .unwrap_or_default()
    });

    view! {
        {move || match me.get() {
            None => view! { <p class="card">{move || i18n.t().loading}</p> }.into_any(),
            Some(Err(_)) => view! { <SignInRequiredPage/> }.into_any(),
            Some(Ok(me)) => view! {
                <section class="card" aria-labelledby="settings-title">
                    <h1 id="settings-title">{move || i18n.t().profile_settings}</h1>
                    <h2>{move || i18n.t().channel_heading}</h2>
                    <p class="channel">{move || match channel.get() {
                        Some(OtpChannel::App) => i18n.t().channel_now_app,
                        _ => i18n.t().channel_now_email,
                    }}</p>
                    {move || match (channel.get(), new_codes.get()) {
                        (_, Some(codes)) => view! {
                            <RecoveryCodes codes=codes on_continue=Callback::new(move |_| new_codes.set(None))/>
                        }.into_any(),
                        (Some(OtpChannel::App), None) => view! {
                            <form on:submit=on_submit novalidate>
                                <p>{move || i18n.t().switch_to_email_intro}</p>
                                <TextField id="switch-code" label=Signal::derive(move || i18n.t().app_code_label) value=code
                                    error=Signal::derive(move || error.get().and_then(|e| e.field("otp").map(str::to_owned)))
                                    autocomplete="one-time-code" inputmode="numeric"/>
                                <button type="submit" class="primary" disabled=move || to_email.pending().get()>
                                    {move || i18n.t().switch_to_email}
                                </button>
                            </form>
                        }.into_any(),
                        (_, None) => view! {
                            <Show when=move || registering.get() fallback=move || view! {
                                <button type="button" class="primary" on:click=move |_| registering.set(true)>
                                    {move || i18n.t().switch_to_app}
                                </button>
                            }>
                                <DeviceSetup user_id=user_id on_activated=Callback::new(move |done: crate::api::DeviceActivated| {
                                    registering.set(false);
                                    channel.set(Some(OtpChannel::App));
                                    new_codes.set(Some(done.recovery_codes));
                                    status.set(Some(i18n.t().channel_switched_app.to_owned()));
                                })/>
                            </Show>
                        }.into_any(),
                    }}
                    <StatusMessage message=status.into()/>
                    <AlertMessage message=Signal::derive(move || error.get().map(|e| e.message))/>
                    <p><A href=home_path(me.home)>{move || i18n.t().back_home}</A></p>
                </section>
            }.into_any(),
        }}
    }
}
