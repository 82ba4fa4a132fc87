//! The home pages (seed Appendix B, step 15; R21): CCASS Terminal for users, the DMS for DAs,
//! the console for operators, showing who is logged in and the log-in before this one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{paths, Done, Home, LoginMethod};
use crate::app::client::Empty;
use crate::app::components::StatusMessage;
use crate::app::form::post_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{Page, Portal};
use crate::app::session::use_session;
use crate::i18n::{fill, Catalogue};

fn method_name(t: &'static Catalogue, method: LoginMethod) -> &'static str {
    match method {
        LoginMethod::AppOtp => t.home.method_app,
        LoginMethod::EmailOtp => t.home.method_email,
        LoginMethod::RecoveryCode => t.home.method_recovery,
        LoginMethod::Smartcard => t.home.method_smartcard,
        LoginMethod::Passkey => t.home.method_passkey,
    }
}

/// The DMS's tabs above a DA's home; only the workplace bundle has them (the log-in bundle
/// loads it for every DMS path).
#[cfg(feature = "workplace")]
fn dms_shell(home: Home) -> Option<AnyView> {
    match home {
        Home::Dms => Some(view! { <crate::app::components::DmsShell/> }.into_any()),
        Home::Operator => Some(view! { <crate::app::components::OperatorShell/> }.into_any()),
        Home::Terminal => None,
    }
}

#[cfg(not(feature = "workplace"))]
fn dms_shell(_: Home) -> Option<()> {
    None
}

/// The DA's participant's readiness under the DMS home (R29).
#[cfg(feature = "workplace")]
fn readiness(home: Home) -> Option<AnyView> {
    (home == Home::Dms).then(|| view! { <super::dms_readiness::DmsReadiness/> }.into_any())
}

#[cfg(not(feature = "workplace"))]
fn readiness(_: Home) -> Option<()> {
    None
}

/// A text of the catalogue, chosen before the language is.
type Text = fn(&'static Catalogue) -> &'static str;

fn title(t: &'static Catalogue, home: Home) -> &'static str {
    match home {
        Home::Terminal => t.home.terminal_home_title,
        Home::Dms => t.home.dms_home_title,
        Home::Operator => t.home.operator_home_title,
    }
}

#[component]
pub fn HomePage(home: Home) -> impl IntoView {
    let i18n = use_i18n();
    // The log-in was for an application: the browser goes back to it.
    if crate::app::authorization::resume_if_waiting() {
        return view! {
            <section class="card"><p role="status">{move || i18n.t().provider.returning}</p></section>
        }
        .into_any();
    }
    use_title(move |t| title(t, home));
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let log_out = post_form::<Empty, Done>(paths::LOGOUT);
    log_out.on_success(move |_| navigate(Page::Login(Portal::of(home)).path(), Default::default()));
    let recovery_notice = Signal::derive(move || {
        query
            .read()
            .get("recovery_left")
            .map(|n| fill(i18n.t().home.recovery_left, &[("count", &n)]))
    });

    view! {
        {dms_shell(home)}
        {move || session.me().map(|me| {
            let name = format!("{} {}", me.surname, me.other_names).trim().to_owned();
            let previous = me.previous_login_at.clone().zip(me.previous_login_method);
            // R16: a DA with business user groups works in both places with one log-in.
            let both = me.da.is_some() && !me.business_user_groups.is_empty();
            let other_home: Option<(Page, Text)> = match home {
                Home::Dms if both => Some((Page::Home(Home::Terminal), |t| t.maintain.go_to_terminal)),
                Home::Terminal if both => Some((Page::Home(Home::Dms), |t| t.maintain.go_to_dms)),
                _ => None,
            };
            view! {
                <section class="card home" aria-labelledby="home-title">
                    <h1 id="home-title">{move || title(i18n.t(), home)}</h1>
                    <p class="who">{move || fill(i18n.t().home.signed_in_as, &[("name", &name), ("user", &me.user_id)])}</p>
                    <p class="last-login">{move || match previous.clone() {
                        Some((at, method)) => fill(i18n.t().home.previous_login, &[("at", &at), ("method", method_name(i18n.t(), method))]),
                        None => i18n.t().home.first_login.to_owned(),
                    }}</p>
                    <StatusMessage message=recovery_notice/>
                    <nav class="actions" aria-label=move || i18n.t().home.profile_settings>
                        {other_home.map(|(page, text)| view! { <A href=page.path()>{move || text(i18n.t())}</A> })}
                        <A href=Page::Settings.path()>{move || i18n.t().home.profile_settings}</A>
                        <button type="button" class="primary" on:click=move |_| log_out.submit(Empty {})
                            disabled=move || log_out.pending().get()>
                            {move || i18n.t().home.log_out}
                        </button>
                    </nav>
                </section>
            }
        })}
        {(home == Home::Terminal).then(|| view! { <Launcher/> })}
        {readiness(home)}
    }
    .into_any()
}

/// The applications behind the log-in, each opened by its own address (issue 28): a person who
/// logs in here directly still reaches theirs.
#[component]
fn Launcher() -> impl IntoView {
    let i18n = use_i18n();
    let api = crate::app::client::use_api();
    let applications = LocalResource::new(move || async move {
        api.get::<crate::api::Applications>(paths::APPLICATIONS)
            .await
    });
    move || {
        let list = applications
            .get()
            .and_then(|answer| answer.ok())
            .map(|answer| answer.applications)
            .unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card launcher" aria-labelledby="launcher-title">
                    <h2 id="launcher-title">{move || i18n.t().home.applications_heading}</h2>
                    <ul>
                        {list
                            .into_iter()
                            .map(|app| view! { <li><a href=app.start_url>{app.name}</a></li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
