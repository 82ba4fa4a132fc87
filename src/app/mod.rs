//! The SPA (feature `csr`): Leptos, client-side rendered, talking to the JSON API.

pub mod client;
pub mod components;
pub mod form;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{StaticSegment, WildcardSegment};

use crate::api::Home;
use components::{LanguageSwitch, SkipLink};
use pages::{
    HomePage, LoginPage, MailboxPage, NotFoundPage, OtpPage, RegisterDevicePage, SettingsPage,
    SignedInArea, UserListingPage,
};
use routes::segment::{
    DEV, DMS, HOME, LOGIN, MAILBOX, OPERATOR, OTP, REGISTER_DEVICE, SETTINGS, TERMINAL, USERS,
};
use routes::Portal;

#[component]
pub fn App() -> impl IntoView {
    let i18n = i18n::provide();
    client::provide(i18n);
    view! {
        <Router>
            <SkipLink/>
            <header class="banner">
                <span class="brand">{move || i18n.t().common.app_name}</span>
                <LanguageSwitch/>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=() view=|| view! { <LoginPage portal=Portal::Terminal/> }/>
                    <Route path=StaticSegment(DMS) view=|| view! { <LoginPage portal=Portal::Dms/> }/>
                    <Route path=StaticSegment(OPERATOR) view=|| view! { <LoginPage portal=Portal::Operator/> }/>
                    <Route path=(StaticSegment(LOGIN), StaticSegment(REGISTER_DEVICE)) view=RegisterDevicePage/>
                    <Route path=(StaticSegment(LOGIN), StaticSegment(OTP)) view=OtpPage/>
                    <Route path=(StaticSegment(DEV), StaticSegment(MAILBOX)) view=MailboxPage/>
                    // Everything below needs a full session; the guard loads it once.
                    <ParentRoute path=() view=SignedInArea>
                        <Route path=StaticSegment(TERMINAL) view=|| view! { <HomePage home=Home::Terminal/> }/>
                        <Route path=(StaticSegment(DMS), StaticSegment(HOME)) view=|| view! { <HomePage home=Home::Dms/> }/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(HOME)) view=|| view! { <HomePage home=Home::Operator/> }/>
                        <Route path=StaticSegment(SETTINGS) view=SettingsPage/>
                        <Route path=(StaticSegment(DMS), StaticSegment(USERS)) view=UserListingPage/>
                        <Route path=(StaticSegment(TERMINAL), WildcardSegment("any")) view=NotFoundPage/>
                        <Route path=(StaticSegment(DMS), WildcardSegment("any")) view=NotFoundPage/>
                        <Route path=(StaticSegment(OPERATOR), WildcardSegment("any")) view=NotFoundPage/>
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
