//! The log-in page (seed Appendix B, steps 1, 3 and 8): user ID + password, "LOG IN", and
//! "Forgot/Reset your Password".

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{paths, LoginRequest, LoginResponse, NextStep};
use crate::app::components::{AlertMessage, ResetPasswordDialog, SmartcardDialog, TextField};
use crate::app::form::post_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{Page, Portal};

#[component]
pub fn LoginPage(portal: Portal) -> impl IntoView {
    let i18n = use_i18n();
    use_title(move |t| match portal {
        Portal::Terminal => t.login.terminal_login_title,
        Portal::Dms => t.login.dms_login_title,
        Portal::Operator => t.login.operator_login_title,
    });
    let navigate = use_navigate();
    // An application sent the browser here: it goes back there once the log-in completes.
    if let Some(id) = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("authorization")
    {
        crate::app::authorization::keep(&id);
    }
    let user_id = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let user_id_input = NodeRef::<Input>::new();
    let password_input = NodeRef::<Input>::new();
    let reset_open = RwSignal::new(false);
    let card_open = RwSignal::new(false);
    // R12: which log-ins the phase offers. Until the phase is known the 2FA form shows (the
    // server refuses what the phase forbids); operators have no smartcard.
    let api = crate::app::client::use_api();
    let phase =
        LocalResource::new(
            move || async move { api.get::<crate::api::PhaseView>(paths::PHASE).await },
        );
    let known_phase = move || {
        phase
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| crate::domain::MigrationPhase::try_from(p.phase.as_str()).ok())
    };
    let offers_two_factor =
        move || portal == Portal::Operator || known_phase().is_none_or(|p| p.allows_two_factor());
    let offers_smartcard =
        move || portal != Portal::Operator && known_phase().is_some_and(|p| p.allows_smartcard());

    let log_in = post_form::<LoginRequest, LoginResponse>(paths::LOGIN);
    // The second factor comes next (R19–R21).
    log_in.on_success(
        move |LoginResponse {
                  user_id,
                  next_step,
                  email_otp_allowed,
              }| {
            let (page, via) = match next_step {
                NextStep::RegisterDevice => (Page::RegisterDevice, None),
                NextStep::AppOtp => (Page::Otp, Some("app")),
                NextStep::EmailOtp => (Page::Otp, Some("email")),
                NextStep::Passkey => (Page::Otp, Some("passkey")),
            };
            let mut query = vec![("user", user_id.as_str())];
            query.extend(via.map(|v| ("via", v)));
            // Issue 17: no SKIP THIS STEP, and e-mail users are told what comes after the code.
            if !email_otp_allowed {
                query.push(("email", "refused"));
            }
            navigate(&page.with_query(&query), Default::default());
        },
    );
    // Focus follows the first problem, so keyboard and screen-reader users land on it.
    log_in.on_error(move |e| {
        let target = if e.field("user_id").is_some() {
            user_id_input
        } else {
            password_input
        };
        if let Some(input) = target.get() {
            let _ = input.focus();
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        log_in.submit(LoginRequest {
            user_id: user_id.get(),
            password: password.get(),
        });
    };
    let title = move || match portal {
        Portal::Terminal => i18n.t().login.terminal_login_title,
        Portal::Dms => i18n.t().login.dms_login_title,
        Portal::Operator => i18n.t().login.operator_login_title,
    };
    let other_portal = portal.other();

    view! {
        <section class="card login" aria-labelledby="login-title">
            <h1 id="login-title">{title}</h1>
            <Show when=offers_smartcard>
                <div class="smartcard-login">
                    <Show when=move || !offers_two_factor()>
                        <p class="intro">{move || i18n.t().login.smartcard_only}</p>
                    </Show>
                    <button type="button" class="primary" on:click=move |_| card_open.set(true)>
                        {move || i18n.t().login.smartcard_button}
                    </button>
                </div>
            </Show>
            <Show when=offers_two_factor>
            <Show when=offers_smartcard>
                <h2>{move || i18n.t().login.two_factor_heading}</h2>
            </Show>
            <p class="intro">{move || i18n.t().login.login_intro}</p>
            <form on:submit=on_submit novalidate>
                <TextField id="user-id" name="username" label=Signal::derive(move || i18n.t().login.user_id_label)
                    value=user_id error=log_in.field("user_id") autocomplete="username" node_ref=user_id_input/>
                <TextField id="password" name="password" label=Signal::derive(move || i18n.t().login.password_label)
                    value=password error=log_in.field("password") input_type="password"
                    autocomplete="current-password" node_ref=password_input/>
                <AlertMessage message=log_in.message()/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || log_in.pending().get()>
                        {move || if log_in.pending().get() { i18n.t().login.logging_in } else { i18n.t().login.log_in }}
                    </button>
                    <button type="button" class="link" on:click=move |_| reset_open.set(true)>
                        {move || i18n.t().login.forgot_password}
                    </button>
                </div>
            </form>
            </Show>
            <p class="portal-link">
                <A href=Page::Login(other_portal).path()>
                    {move || match other_portal {
                        Portal::Dms => i18n.t().login.dms_link,
                        Portal::Terminal | Portal::Operator => i18n.t().login.terminal_link,
                    }}
                </A>
            </p>
            <ResetPasswordDialog open=reset_open/>
            <SmartcardDialog open=card_open/>
        </section>
    }
}
