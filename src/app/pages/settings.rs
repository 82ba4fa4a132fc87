//! Profile settings (R22, R26a): switch the OTP channel between the app and e-mail, replace the
//! device, add or remove passkeys (issue 17). Every change of the second factor is confirmed with the present one first.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{
    paths, ApiError, DeviceActivated, DeviceProof, DeviceRegistration, Done, Me, OtpChannel,
    OtpSent, OtpSubmission,
};
use crate::app::client::Empty;
use crate::app::components::{
    AlertMessage, DeviceSetup, Passkeys, RecoveryCodes, StatusMessage, TextField,
};
use crate::app::form::post_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::Page;
use crate::app::session::use_session;

/// Where the settings page is in a change of the second factor.
#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    /// Confirming with the present factor before a new device.
    Proving,
    /// Proven: the new device is being scanned.
    Registering(DeviceRegistration),
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    use_title(|t| t.home.profile_settings);
    let session = use_session();
    // The guard renders this page once who is signed in is known.
    move || session.me().map(|me| view! { <Settings me=me/> })
}

#[component]
fn Settings(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let home = Page::Home(me.home).path();
    let channel = RwSignal::new(me.otp_channel);
    let email_otp_allowed = me.email_otp_allowed;
    let code = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let step = RwSignal::new(Step::Idle);
    let new_codes = RwSignal::new(None::<Vec<String>>);

    let to_email = post_form::<OtpSubmission, Done>(paths::CHANNEL_EMAIL);
    to_email.on_success(move |_| {
        channel.set(Some(OtpChannel::Email));
        status.set(Some(i18n.t().settings.channel_switched_email.to_owned()));
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        to_email.submit(OtpSubmission { otp: code.get() });
    };
    let user_id = Signal::derive(move || me.user_id.clone());
    let on_activated = Callback::new(move |done: DeviceActivated| {
        step.set(Step::Idle);
        channel.set(Some(OtpChannel::App));
        new_codes.set(Some(done.recovery_codes));
        status.set(Some(i18n.t().settings.channel_switched_app.to_owned()));
    });

    view! {
        {
            view! {
                <section class="card" aria-labelledby="settings-title">
                    <h1 id="settings-title">{move || i18n.t().home.profile_settings}</h1>
                    <h2>{move || i18n.t().settings.channel_heading}</h2>
                    <p class="channel">{move || match channel.get() {
                        Some(OtpChannel::App) => i18n.t().settings.channel_now_app,
                        _ => i18n.t().settings.channel_now_email,
                    }}</p>
                    {move || match (channel.get(), new_codes.get(), step.get()) {
                        (_, Some(codes), _) => view! {
                            <RecoveryCodes codes=codes on_continue=Callback::new(move |_| new_codes.set(None))/>
                        }.into_any(),
                        (_, None, Step::Registering(registration)) => view! {
                            <DeviceSetup user_id=user_id registration=registration on_activated=on_activated/>
                        }.into_any(),
                        (present, None, Step::Proving) => view! {
                            <ProveSecondFactor present=present on_proven=Callback::new(move |r| step.set(Step::Registering(r)))/>
                        }.into_any(),
                        (Some(OtpChannel::App), None, Step::Idle) if email_otp_allowed => view! {
                            <form on:submit=on_submit novalidate>
                                <p>{move || i18n.t().settings.switch_to_email_intro}</p>
                                <TextField id="switch-code" label=Signal::derive(move || i18n.t().two_factor.app_code_label) value=code
                                    error=to_email.field("otp")
                                    autocomplete="one-time-code" inputmode="numeric"/>
                                <button type="submit" class="primary" disabled=move || to_email.pending().get()>
                                    {move || i18n.t().settings.switch_to_email}
                                </button>
                            </form>
                            <button type="button" on:click=move |_| step.set(Step::Proving)>
                                {move || i18n.t().settings.replace_device}
                            </button>
                        }.into_any(),
                        (_, None, Step::Idle) => view! {
                            <button type="button" class="primary" on:click=move |_| step.set(Step::Proving)>
                                {move || i18n.t().settings.switch_to_app}
                            </button>
                        }.into_any(),
                    }}
                    <StatusMessage message=status.into()/>
                    <AlertMessage message=to_email.message()/>
                    <Passkeys channel=channel.into()/>
                    <p><A href=home>{move || i18n.t().common.back_home}</A></p>
                </section>
            }
        }
    }
}

/// The present second factor, before a new device (R26a): a code from the app (or a recovery
/// code) for an app user; a code e-mailed on request for an e-mail user.
#[component]
fn ProveSecondFactor(
    present: Option<OtpChannel>,
    on_proven: Callback<DeviceRegistration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let by_app = present == Some(OtpChannel::App);
    let code = RwSignal::new(String::new());
    let with_recovery = RwSignal::new(false);
    let send = post_form::<Empty, OtpSent>(paths::SETTINGS_EMAIL_OTP);
    let prove = post_form::<DeviceProof, DeviceRegistration>(paths::SETTINGS_DEVICE);
    prove.on_success(move |registration| on_proven.run(registration));
    let failure =
        move || -> Option<ApiError> { prove.error().get().or_else(|| send.error().get()) };
    let field_error = Signal::derive(move || {
        failure().and_then(|e| e.field("otp").or(e.field("code")).map(str::to_owned))
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let entered = Some(code.get());
        let proof = if with_recovery.get() {
            DeviceProof {
                otp: None,
                recovery_code: entered,
            }
        } else {
            DeviceProof {
                otp: entered,
                recovery_code: None,
            }
        };
        send.clear();
        prove.submit(proof);
    };
    let sent = send.succeeded();
    let label = Signal::derive(move || {
        let t = i18n.t();
        match (by_app, with_recovery.get()) {
            (_, true) => t.two_factor.recovery_label,
            (true, false) => t.two_factor.app_code_label,
            (false, false) => t.settings.email_code_label,
        }
    });

    view! {
        <div class="prove">
            <p>{move || if by_app { i18n.t().settings.replace_device_intro } else { i18n.t().settings.switch_to_app_intro }}</p>
            <Show when=move || by_app || sent.get() fallback=move || view! {
                <button type="button" class="primary" on:click=move |_| send.submit(Empty {})
                    disabled=move || send.pending().get()>
                    {move || i18n.t().settings.send_code}
                </button>
            }>
                <form on:submit=on_submit novalidate>
                    <TextField id="proof-code" label=label value=code error=field_error
                        autocomplete="one-time-code" inputmode="text"/>
                    <button type="submit" class="primary" disabled=move || prove.pending().get()>
                        {move || i18n.t().common.confirm}
                    </button>
                </form>
                <Show when=move || by_app && !with_recovery.get()>
                    <button type="button" class="secondary" on:click=move |_| with_recovery.set(true)>
                        {move || i18n.t().two_factor.use_recovery}
                    </button>
                </Show>
            </Show>
            <AlertMessage message=Signal::derive(move || failure().map(|e| e.message))/>
        </div>
    }
}
