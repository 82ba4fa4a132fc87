//! The SPA (feature `csr`): Leptos, client-side rendered, talking to the JSON API.

pub mod client;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod routes;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::Home;
use components::{LanguageSwitch, SkipLink};
use pages::{
    HomePage, LoginPage, MailboxPage, NotFoundPage, OtpPage, RegisterDevicePage, SettingsPage,
    SignInRequiredPage,
};
use routes::Portal;

#[component]
pub fn App() -> impl IntoView {
    let i18n = i18n::provide();
    view! {
        <Router>
            <SkipLink/>
            <header class="banner">
                <span class="brand">{move || i18n.t().common.app_name}</span>
                <LanguageSwitch/>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=|| view! { <LoginPage portal=Portal::Terminal/> }/>
                    <Route path=path!("/dms") view=|| view! { <LoginPage portal=Portal::Dms/> }/>
                    <Route path=path!("/operator") view=|| view! { <LoginPage portal=Portal::Operator/> }/>
                    <Route path=path!("/login/register-device") view=RegisterDevicePage/>
                    <Route path=path!("/login/otp") view=OtpPage/>
                    <Route path=path!("/terminal") view=|| view! { <HomePage home=Home::Terminal/> }/>
                    <Route path=path!("/dms/home") view=|| view! { <HomePage home=Home::Dms/> }/>
                    <Route path=path!("/operator/home") view=|| view! { <HomePage home=Home::Operator/> }/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/dev/mailbox") view=MailboxPage/>
                    <Route path=path!("/terminal/*any") view=SignInRequiredPage/>
                    <Route path=path!("/dms/*any") view=SignInRequiredPage/>
                    <Route path=path!("/operator/*any") view=SignInRequiredPage/>
                </Routes>
            </main>
        </Router>
    }
}
