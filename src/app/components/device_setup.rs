use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::{AlertMessage, QrCode, TextField};
use crate::api::{paths, ApiError, DeviceActivated, DeviceRegistration, OtpSubmission};
use crate::app::client::Empty;
use crate::app::form::post_form;
use crate::app::i18n::use_i18n;
use crate::i18n::fill;

/// REGISTER DEVICE → QR code and key → LOGIN USING VERIFICATION CODE → the first code (R19).
/// Used at the first log-in, and in profile settings (R22, R26a) with a `registration` the
/// settings page obtained by proving the present second factor.
#[component]
pub fn DeviceSetup(
    user_id: Signal<String>,
    on_activated: Callback<DeviceActivated>,
    #[prop(optional)] registration: Option<DeviceRegistration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let entering_code = RwSignal::new(false);
    let code = RwSignal::new(String::new());

    let start = post_form::<Empty, DeviceRegistration>(paths::DEVICE);
    let started = RwSignal::new(registration);
    start.on_success(move |registration| started.set(Some(registration)));
    let activate = post_form::<OtpSubmission, DeviceActivated>(paths::DEVICE_ACTIVATE);
    activate.on_success(move |done| on_activated.run(done));

    let failure =
        move || -> Option<ApiError> { start.error().get().or_else(|| activate.error().get()) };
    let code_error = activate.field("otp");
    let message = Signal::derive(move || failure().map(|e| e.message));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        activate.submit(OtpSubmission { otp: code.get() });
    };

    view! {
        <div class="device-setup">
            {move || match started.get() {
                None => view! {
                    <button type="button" class="primary" on:click=move |_| start.submit(Empty {})
                        disabled=move || start.pending().get()>
                        {move || i18n.t().two_factor.register_device}
                    </button>
                }.into_any(),
                Some(reg) => {
                    let label = Signal::derive(move || fill(i18n.t().two_factor.qr_label, &[("user", &user_id.get())]));
                    view! {
                        <p>{move || i18n.t().two_factor.register_scan}</p>
                        <QrCode data=reg.otpauth_uri.clone() label=label/>
                        <p>{move || i18n.t().two_factor.manual_key}" "<code class="secret" data-testid="totp-secret">{reg.secret.clone()}</code></p>
                        <Show
                            when=move || entering_code.get()
                            fallback=move || view! {
                                <button type="button" class="primary" on:click=move |_| entering_code.set(true)>
                                    {move || i18n.t().two_factor.login_using_code}
                                </button>
                            }
                        >
                            <form on:submit=on_submit novalidate>
                                <TextField
                                    id="app-code"
                                    label=Signal::derive(move || i18n.t().two_factor.app_code_label)
                                    value=code
                                    error=code_error
                                    autocomplete="one-time-code"
                                    inputmode="numeric"
                                />
                                <button type="submit" class="primary" disabled=move || activate.pending().get()>
                                    {move || i18n.t().common.submit}
                                </button>
                            </form>
                        </Show>
                    }.into_any()
                }
            }}
            <AlertMessage message=message/>
        </div>
    }
}
