//! The one-time password (seed Appendix B, step 14; R21, R23), from the app or the e-mail, and
//! the recovery code for a lost phone.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{
    paths, ApiError, ErrorCode, OtpSent, OtpSubmission, RecoverySubmission, SignedIn,
};
use crate::app::client::{self, Empty};
use crate::app::components::{AlertMessage, Countdown, StatusMessage, TextField};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{home_path, with_query};
use crate::domain::otp::EMAIL_OTP_VALID_SECONDS;
use crate::i18n::fill;

#[derive(Clone)]
enum Attempt {
    Otp(String),
    Recovery(String),
}

#[component]
pub fn OtpPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.two_factor.otp_title);
    let query = use_query_map();
    let user_id = move || query.read().get("user").unwrap_or_default();
    let by_email = move || query.read().get("via").as_deref() == Some("email");
    let code = RwSignal::new(String::new());
    let recovery = RwSignal::new(String::new());
    let using_recovery = RwSignal::new(false);
    let expires_ms = RwSignal::new(js_sys::Date::now() + EMAIL_OTP_VALID_SECONDS as f64 * 1000.0);
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let submit = Action::new_local(move |attempt: &Attempt| {
        let (attempt, language) = (attempt.clone(), i18n.get());
        async move {
            match attempt {
                Attempt::Otp(otp) => {
                    client::post::<_, SignedIn>(paths::OTP, &OtpSubmission { otp }, language).await
                }
                Attempt::Recovery(code) => {
                    client::post::<_, SignedIn>(
                        paths::RECOVERY,
                        &RecoverySubmission { code },
                        language,
                    )
                    .await
                }
            }
        }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(signed_in)) => {
            let left = signed_in.recovery_codes_left.map(|n| n.to_string());
            let query: Vec<(&str, &str)> = left
                .as_deref()
                .map(|n| ("recovery_left", n))
                .into_iter()
                .collect();
            navigate(
                &with_query(home_path(signed_in.home), &query),
                Default::default(),
            );
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });

    let resend = Action::new_local(move |_: &()| {
        let language = i18n.get();
        async move { client::post::<_, OtpSent>(paths::EMAIL_OTP, &Empty {}, language).await }
    });
    Effect::new(move |_| match resend.value().get() {
        Some(Ok(sent)) => {
            expires_ms.set(js_sys::Date::now() + sent.valid_seconds as f64 * 1000.0);
            error.set(None);
            status.set(Some(i18n.t().two_factor.email_sent_again.to_owned()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        let attempt = if using_recovery.get() {
            Attempt::Recovery(recovery.get())
        } else {
            Attempt::Otp(code.get())
        };
        submit.dispatch_local(attempt);
    };
    let field_error = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field(name).map(str::to_owned)))
    };
    let intro = move || {
        let text = if by_email() {
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
                        <TextField id="otp" label=Signal::derive(move || i18n.t().two_factor.otp_label) value=code
                            error=field_error("otp") autocomplete="one-time-code" inputmode="numeric"/>
                        <Show when=by_email>
                            <Countdown until_ms=expires_ms.into()/>
                            <button type="button" class="link" on:click=move |_| { resend.dispatch_local(()); }>
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
                    <p><A href="/">{move || i18n.t().common.back_to_login}</A></p>
                </Show>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || submit.pending().get()>{move || i18n.t().common.submit}</button>
                    <button type="button" class="link" on:click=move |_| { error.set(None); using_recovery.update(|r| *r = !*r); }>
                        {move || if using_recovery.get() { i18n.t().two_factor.use_otp_instead } else { i18n.t().two_factor.use_recovery }}
                    </button>
                </div>
            </form>
        </section>
    }
}
