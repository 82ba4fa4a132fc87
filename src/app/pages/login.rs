//! The log-in page (seed Appendix B, steps 1 and 8): user ID + password, "LOG IN".

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, LoginRequest, LoginResponse};
use crate::app::client;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::Portal;
use crate::i18n::fill;

#[component]
pub fn LoginPage(portal: Portal) -> impl IntoView {
    let i18n = use_i18n();
    use_title(move |t| match portal {
        Portal::Terminal => t.terminal_login_title,
        Portal::Dms => t.dms_login_title,
    });
    let user_id = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let user_id_input = NodeRef::<Input>::new();
    let password_input = NodeRef::<Input>::new();

    let log_in = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        let language = i18n.get();
        async move { client::login(request, language).await }
    });
    let outcome = log_in.value();
    let error = move || outcome.get().and_then(Result::err);
    let field_error = move |name: &'static str| {
        move || error().and_then(|e: ApiError| e.field(name).map(str::to_owned))
    };

    // Focus follows the first problem, so keyboard and screen-reader users land on it.
    Effect::new(move |_| {
        if let Some(Err(e)) = outcome.get() {
            let target = if e.field("user_id").is_some() {
                user_id_input
            } else {
                password_input
            };
            if let Some(input) = target.get() {
                let _ = input.focus();
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        log_in.dispatch_local(LoginRequest {
            user_id: user_id.get(),
            password: password.get(),
        });
    };

    let user_id_error = field_error("user_id");
    let password_error = field_error("password");
    let success = move || match outcome.get() {
        Some(Ok(LoginResponse { user_id, .. })) => {
            Some(fill(i18n.t().password_accepted, &[("user", &user_id)]))
        }
        _ => None,
    };
    let title = move || match portal {
        Portal::Terminal => i18n.t().terminal_login_title,
        Portal::Dms => i18n.t().dms_login_title,
    };
    let other_portal = portal.other();

    view! {
        <section class="card login" aria-labelledby="login-title">
            <h1 id="login-title">{title}</h1>
            <p class="intro">{move || i18n.t().login_intro}</p>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="user-id">{move || i18n.t().user_id_label}</label>
                    <input
                        id="user-id"
                        name="username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="characters"
                        spellcheck="false"
                        required
                        node_ref=user_id_input
                        bind:value=user_id
                        aria-invalid=move || user_id_error().is_some().to_string()
                        aria-describedby=move || user_id_error().map(|_| "user-id-error")
                    />
                    <Show when=move || user_id_error().is_some()>
                        <p id="user-id-error" class="field-error">{user_id_error}</p>
                    </Show>
                </div>
                <div class="field">
                    <label for="password">{move || i18n.t().password_label}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        node_ref=password_input
                        bind:value=password
                        aria-invalid=move || password_error().is_some().to_string()
                        aria-describedby=move || password_error().map(|_| "password-error")
                    />
                    <Show when=move || password_error().is_some()>
                        <p id="password-error" class="field-error">{password_error}</p>
                    </Show>
                </div>
                <div class="message" role="alert">
                    {move || error().map(|e| view! { <p class="error">{e.message}</p> })}
                </div>
                <div class="message" role="status">
                    {move || success().map(|text| view! { <p class="success">{text}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || log_in.pending().get()>
                        {move || if log_in.pending().get() { i18n.t().logging_in } else { i18n.t().log_in }}
                    </button>
                </div>
            </form>
            <p class="portal-link">
                <A href=other_portal.login_path()>
                    {move || match other_portal {
                        Portal::Dms => i18n.t().dms_link,
                        Portal::Terminal => i18n.t().terminal_link,
                    }}
                </A>
            </p>
        </section>
    }
}
