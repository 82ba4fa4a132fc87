use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::{AlertMessage, QrCode, TextField};
use crate::api::{paths, ApiError, DeviceActivated, DeviceRegistration, OtpSubmission};
use crate::app::client::{self, Empty};
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

    let start = Action::new_local(move |_: &()| {
        let language = i18n.get();
        async move { client::post::<_, DeviceRegistration>(paths::DEVICE, &Empty {}, language).await }
    });
    let activate = Action::new_local(move |otp: &String| {
        let (otp, language) = (otp.clone(), i18n.get());
        async move {
            client::post::<_, DeviceActivated>(
                paths::DEVICE_ACTIVATE,
                &OtpSubmission { otp },
                language,
            )
            .await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(done)) = activate.value().get() {
            on_activated.run(done);
        }
    });

    let registration = move || {
        registration
            .clone()
            .or_else(|| start.value().get().and_then(Result::ok))
    };
    let failure = move || -> Option<ApiError> {
        let started = start.value().get().and_then(Result::err);
        started.or_else(|| activate.value().get().and_then(Result::err))
    };
    let code_error =
        Signal::derive(move || failure().and_then(|e| e.field("otp").map(str::to_owned)));
    let message = Signal::derive(move || failure().map(|e| e.message));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        activate.dispatch_local(code.get());
    };

    view! {
        <div class="device-setup">
            {move || match registration() {
                None => view! {
                    <button type="button" class="primary" on:click=move |_| { start.dispatch_local(()); }
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
