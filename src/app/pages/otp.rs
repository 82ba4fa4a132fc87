//! The one-time password (seed Appendix B, step 14; R21, R23), from the app or the e-mail, and
//! the recovery code for a lost phone.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{
    paths, ErrorCode, OtpSent, OtpSubmission, PasskeyAnswer, PasskeyChallenge, RecoverySubmission,
    SignedIn,
};
use crate::app::client::{ApiClient, Empty};
use crate::app::components::{AlertMessage, Countdown, StatusMessage, TextField};
use crate::app::form::{post_form, use_form};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{Page, Portal};
use crate::app::webauthn;
use crate::domain::otp::EMAIL_OTP_VALID_SECONDS;
use crate::i18n::fill;

#[derive(Clone)]
enum Attempt {
    Otp(String),
    Recovery(String),
    /// One of the user's passkeys (issue 17), asked of the browser.
    Passkey,
}

#[component]
pub fn OtpPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.two_factor.otp_title);
    let query = use_query_map();
    let user_id = move || query.read().get("user").unwrap_or_default();
    let by_email = move || query.read().get("via").as_deref() == Some("email");
    let email_refused = move || query.read().get("email").as_deref() == Some("refused");
    let code = RwSignal::new(String::new());
    let recovery = RwSignal::new(String::new());
    let using_recovery = RwSignal::new(false);
    // After the password, a user with a passkey is asked for it; the app stays as fallback.
    let using_passkey =
        RwSignal::new(query.read_untracked().get("via").as_deref() == Some("passkey"));
    let expires_ms = RwSignal::new(js_sys::Date::now() + EMAIL_OTP_VALID_SECONDS as f64 * 1000.0);
    let status = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let go_register = navigate.clone();

    let submit = use_form(move |api: ApiClient, attempt: Attempt| async move {
        match attempt {
            Attempt::Otp(otp) => {
                api.post::<_, SignedIn>(paths::OTP, &OtpSubmission { otp })
                    .await
            }
            Attempt::Recovery(code) => {
                let request = RecoverySubmission { code };
                api.post::<_, SignedIn>(paths::RECOVERY, &request).await
            }
            Attempt::Passkey => {
                let challenge: PasskeyChallenge =
                    api.post(paths::PASSKEY_CHALLENGE, &Empty {}).await?;
                let credential = webauthn::get(&challenge.options)
                    .await
                    .map_err(|f| f.into_error(i18n.t()))?;
                let answer = PasskeyAnswer {
                    credential,
                    name: None,
                };
                api.post::<_, SignedIn>(paths::PASSKEY_LOGIN, &answer).await
            }
        }
    });
    submit.on_success(move |signed_in| {
        let left = signed_in.recovery_codes_left.map(|n| n.to_string());
        let query: Vec<(&str, &str)> = left
            .as_deref()
            .map(|n| ("recovery_left", n))
            .into_iter()
            .collect();
        navigate(
            &Page::Home(signed_in.home).with_query(&query),
            Default::default(),
        );
    });

    // Issue 17: the e-mailed code was right, but the participant refuses e-mail OTP: register
    // the app or a passkey in this same log-in.
    submit.on_error(move |e| {
        if e.code == ErrorCode::SecondFactorRequired {
            let user = user_id();
            let query = [
                ("user", user.as_str()),
                ("email", "refused"),
                ("reason", "email"),
            ];
            go_register(&Page::RegisterDevice.with_query(&query), Default::default());
        }
    });

    let resend = post_form::<Empty, OtpSent>(paths::EMAIL_OTP);
    resend.on_success(move |sent| {
        expires_ms.set(js_sys::Date::now() + sent.valid_seconds as f64 * 1000.0);
        submit.clear();
        status.set(Some(i18n.t().two_factor.email_sent_again.to_owned()));
    });
    // The last failure of either request is the one shown.
    let error = Signal::derive(move || resend.error().get().or_else(|| submit.error().get()));

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        resend.clear();
        let attempt = if using_recovery.get() {
            Attempt::Recovery(recovery.get())
        } else if using_passkey.get() {
            Attempt::Passkey
        } else {
            Attempt::Otp(code.get())
        };
        submit.submit(attempt);
    };
    let field_error = move |name: &'static str| submit.field(name);
    let intro = move || {
        let text = if using_passkey.get() {
            i18n.t().two_factor.otp_intro_passkey
        } else if by_email() {
            i18n.t().two_factor.otp_intro_email
        } else {
            i18n.t().two_factor.otp_intro_app
        };
        fill(text, &[("user", &user_id())])
    };

    view! {
        <section class="card" aria-labelledby="otp-title">
            <h1 id="otp-title">{move || i18n.t().two_factor.otp_title}</h1>
            <form on:submit=on_submit novalidate>
                <Show
                    when=move || using_recovery.get()
                    fallback=move || view! {
                        <p>{intro}</p>
                        <Show when=move || by_email() && email_refused()>
                            <p class="notice">{move || i18n.t().two_factor.email_refused_notice}</p>
                        </Show>
                        <Show when=move || !using_passkey.get()>
                            <TextField id="otp" label=Signal::derive(move || i18n.t().two_factor.otp_label) value=code
                                error=field_error("otp") autocomplete="one-time-code" inputmode="numeric"/>
                        </Show>
                        <Show when=by_email>
                            <Countdown until_ms=expires_ms.into()/>
                            <button type="button" class="link" on:click=move |_| resend.submit(Empty {})>
                                {move || i18n.t().two_factor.send_again}
                            </button>
                        </Show>
                    }
                >
                    <TextField id="recovery-code" label=Signal::derive(move || i18n.t().two_factor.recovery_label) value=recovery
                        error=field_error("code")/>
                </Show>
                <StatusMessage message=status.into()/>
                <AlertMessage message=Signal::derive(move || error.get().map(|e| e.message))/>
                // A half session that ended (idle, locked) can only start again from the log-in page.
                <Show when=move || error.get().is_some_and(|e| matches!(e.code, ErrorCode::Unauthenticated | ErrorCode::AccountLocked))>
                    <p><A href=Page::Login(Portal::Terminal).path()>{move || i18n.t().common.back_to_login}</A></p>
                </Show>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || submit.pending().get()>
                        {move || if using_passkey.get() && !using_recovery.get() { i18n.t().two_factor.use_passkey } else { i18n.t().common.submit }}
                    </button>
                    <Show when=move || using_passkey.get() && !using_recovery.get()>
                        <button type="button" class="link" on:click=move |_| { submit.clear(); using_passkey.set(false); }>
                            {move || i18n.t().two_factor.use_app_instead}
                        </button>
                    </Show>
                    <button type="button" class="link" on:click=move |_| { submit.clear(); resend.clear(); using_recovery.update(|r| *r = !*r); }>
                        {move || if using_recovery.get() { i18n.t().two_factor.use_otp_instead } else { i18n.t().two_factor.use_recovery }}
                    </button>
                </div>
            </form>
        </section>
    }
}
