//! The home pages (seed Appendix B, step 15; R21): CCASS Terminal for users, the DMS for DAs,
//! showing who is logged in and the log-in before this one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{paths, ApiError, Done, Home, LoginMethod, Me};
use crate::app::client::{self, Empty};
use crate::app::components::StatusMessage;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::pages::SignInRequiredPage;
use crate::app::routes::{self, Portal};
use crate::i18n::{fill, Catalogue};

fn method_name(t: &'static Catalogue, method: LoginMethod) -> &'static str {
    match method {
        LoginMethod::AppOtp => t.home.method_app,
        LoginMethod::EmailOtp => t.home.method_email,
        LoginMethod::RecoveryCode => t.home.method_recovery,
        LoginMethod::Smartcard => t.home.method_smartcard,
    }
}

/// Loads who is signed in; `None` until the answer comes.
pub fn use_me() -> RwSignal<Option<Result<Me, ApiError>>> {
    let i18n = use_i18n();
    let me = RwSignal::new(None);
    let language = i18n.get();
    leptos::task::spawn_local(async move {
        me.set(Some(client::get::<Me>(paths::SESSION, language).await))
    });
    me
}

#[component]
pub fn HomePage(home: Home) -> impl IntoView {
    let i18n = use_i18n();
    use_title(move |t| match home {
        Home::Terminal => t.home.terminal_home_title,
        Home::Dms => t.home.dms_home_title,
        Home::Operator => t.home.operator_home_title,
    });
    let me = use_me();
    let query = use_query_map();
    let navigate = use_navigate();
    let log_out = Action::new_local(move |_: &()| {
        let language = i18n.get();
        async move { client::post::<_, Done>(paths::LOGOUT, &Empty {}, language).await }
    });
    Effect::new(move |_| {
        if log_out.value().get().is_some() {
            navigate(Portal::of(home).login_path(), Default::default());
        }
    });
    let recovery_notice = Signal::derive(move || {
        query
            .read()
            .get("recovery_left")
            .map(|n| fill(i18n.t().home.recovery_left, &[("count", &n)]))
    });

    view! {
        {move || match me.get() {
            None => view! { <p class="card">{move || i18n.t().common.loading}</p> }.into_any(),
            Some(Err(_)) => view! { <SignInRequiredPage/> }.into_any(),
            Some(Ok(me)) => {
                let name = format!("{} {}", me.surname, me.other_names);
                let previous = me.previous_login_at.clone().zip(me.previous_login_method);
                view! {
                    <section class="card home" aria-labelledby="home-title">
                        <h1 id="home-title">{move || match home {
                            Home::Terminal => i18n.t().home.terminal_home_title,
                            Home::Dms => i18n.t().home.dms_home_title,
                            Home::Operator => i18n.t().home.operator_home_title,
                        }}</h1>
                        <p class="who">{move || fill(i18n.t().home.signed_in_as, &[("name", &name), ("user", &me.user_id)])}</p>
                        <p class="last-login">{move || match previous.clone() {
                            Some((at, method)) => fill(i18n.t().home.previous_login, &[("at", &at), ("method", method_name(i18n.t(), method))]),
                            None => i18n.t().home.first_login.to_owned(),
                        }}</p>
                        <StatusMessage message=recovery_notice/>
                        <nav class="actions" aria-label=move || i18n.t().home.profile_settings>
                            <A href=routes::SETTINGS>{move || i18n.t().home.profile_settings}</A>
                            <button type="button" class="primary" on:click=move |_| { log_out.dispatch_local(()); }>
                                {move || i18n.t().home.log_out}
                            </button>
                        </nav>
                    </section>
                }.into_any()
            }
        }}
    }
}
