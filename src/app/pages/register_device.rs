//! After the first password log-in (seed Appendix B, steps 9–13; R19, R20): REGISTER DEVICE, or
//! SKIP THIS STEP → the e-mail OTP warning → Accept.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{paths, DeviceActivated, OtpSent, PasskeyAnswer, PasskeyChallenge};
use crate::app::client::{ApiClient, Empty};
use crate::app::components::{AlertMessage, DeviceSetup, Modal, RecoveryCodes};
use crate::app::form::{post_form, use_form};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::Page;
use crate::app::webauthn;
use crate::i18n::fill;

#[component]
pub fn RegisterDevicePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.two_factor.register_title);
    let query = use_query_map();
    let user_id = Signal::derive(move || query.read().get("user").unwrap_or_default());
    // Issue 17: where the participant refuses e-mail OTP there is no SKIP THIS STEP, and an
    // e-mail user sent here after their code is told why.
    let email_refused = move || query.read().get("email").as_deref() == Some("refused");
    let after_email_code = move || query.read().get("reason").as_deref() == Some("email");
    let activated = RwSignal::new(None::<DeviceActivated>);
    let warning_open = RwSignal::new(false);
    let navigate = use_navigate();

    // "Use a passkey or security key" (issue 17): the browser creates one; the recovery codes
    // follow as for an app.
    let passkey = use_form(move |api: ApiClient, _: ()| async move {
        let challenge: PasskeyChallenge = api
            .post(paths::PASSKEY_REGISTER_CHALLENGE, &Empty {})
            .await?;
        let credential = webauthn::create(&challenge.options)
            .await
            .map_err(|f| f.into_error(i18n.t()))?;
        let answer = PasskeyAnswer {
            credential,
            name: None,
        };
        api.post::<_, DeviceActivated>(paths::PASSKEY_REGISTER, &answer)
            .await
    });
    passkey.on_success(move |done| activated.set(Some(done)));

    let accept = post_form::<Empty, OtpSent>(paths::SKIP_DEVICE);
    let go = navigate.clone();
    accept.on_success(move |_| {
        let query = [("user", user_id.get_untracked()), ("via", "email".into())];
        let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        go(&Page::Otp.with_query(&query), Default::default());
    });

    view! {
        <section class="card" aria-labelledby="register-title">
            <h1 id="register-title">{move || i18n.t().two_factor.register_title}</h1>
            {move || match activated.get() {
                None => view! {
                    <Show when=after_email_code>
                        <p class="notice" role="status">{move || i18n.t().two_factor.register_instead_of_email}</p>
                    </Show>
                    <p>{move || fill(i18n.t().two_factor.register_intro, &[("user", &user_id.get())])}</p>
                    <DeviceSetup user_id=user_id on_activated=Callback::new(move |done| activated.set(Some(done)))/>
                    <div class="passkey-option">
                        <p>{move || i18n.t().two_factor.passkey_register_intro}</p>
                        <button type="button" class="secondary" on:click=move |_| passkey.submit(())
                            disabled=move || passkey.pending().get()>
                            {move || i18n.t().two_factor.use_passkey_instead_of_app}
                        </button>
                        <AlertMessage message=passkey.message()/>
                    </div>
                    <Show when=move || !email_refused()>
                        <div class="skip">
                            <button type="button" class="secondary" on:click=move |_| warning_open.set(true)>
                                {move || i18n.t().two_factor.skip_step}
                            </button>
                        </div>
                    </Show>
                }.into_any(),
                Some(done) => {
                    let navigate = navigate.clone();
                    let home = Page::Home(done.home).path();
                    view! {
                        <RecoveryCodes codes=done.recovery_codes on_continue=Callback::new(move |_| navigate(home, Default::default()))/>
                    }.into_any()
                }
            }}
            <Modal open=warning_open labelled_by="skip-title">
                <h2 id="skip-title">{move || i18n.t().two_factor.skip_warning_title}</h2>
                <p>{move || i18n.t().two_factor.skip_warning}</p>
                <AlertMessage message=accept.message()/>
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| accept.submit(Empty {})
                        disabled=move || accept.pending().get()>
                        {move || i18n.t().common.accept}
                    </button>
                    <button type="button" on:click=move |_| warning_open.set(false)>{move || i18n.t().common.cancel}</button>
                </div>
            </Modal>
        </section>
    }
}
