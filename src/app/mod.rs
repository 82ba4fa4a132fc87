//! The SPA (feature `csr`): Leptos, client-side rendered, talking to the JSON API.

pub mod client;
pub mod components;
pub mod form;
pub mod i18n;
pub mod pages;
pub mod phase;
pub mod refresh;
pub mod routes;
pub mod session;
pub mod webauthn;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{StaticSegment, WildcardSegment};

use crate::api::Home;
use components::{LanguageSwitch, SkipLink};
use pages::{
    HomePage, LoginPage, MailboxPage, NotFoundPage, OtpPage, RegisterDevicePage, SignedInArea,
};
use routes::segment::{
    ARCHIVE, AUDIT, AUTHORISATION_CODE, BULK_EMAIL, BUSINESS_GROUPS, CHANGE, CREATE, CUT_OVER,
    DELETE, DEV, DMS, ENQUIRE, HOLIDAYS, HOME, LOGIN, MAILBOX, OPERATOR, OPERATORS, OTP,
    PARTICIPANTS, PHASE, READINESS, REGISTER_DEVICE, REQUESTS, RESET_SOFT_TOKEN, SETTINGS, SETUP,
    TERMINAL, UNLOCK, USERS,
};
use routes::{DmsFunction, Portal};

/// The DMS's and the operator console's pages, and profile settings, which only the workplace
/// bundle carries (feature `workplace`): the log-in bundle stays small for the first load, and
/// answers any of their paths by loading the workplace bundle, which the server serves for
/// `/dms/…`, `/operator/…` and `/settings` (issue 8's budget).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "workplace"), allow(dead_code))]
enum Workplace {
    Home,
    Users,
    Maintain(DmsFunction),
    Requests,
    AuthorisationCode,
    Audit,
    BulkEmail,
    BusinessGroups,
    NotFound,
    OperatorHome,
    OperatorParticipants,
    OperatorRequests,
    OperatorPhase,
    OperatorHolidays,
    OperatorOperators,
    OperatorSetup,
    OperatorReadiness,
    OperatorCutOver,
    OperatorArchive,
    OperatorAudit,
    /// Profile settings, with the passkeys: visited rarely, so kept out of the first load.
    Settings,
}

#[cfg(feature = "workplace")]
fn workplace(page: Workplace) -> AnyView {
    use pages::{
        AuditTrailPage, AuthorisationCodePage, MaintainProfilePage, PendingRequestsPage,
        UserListingPage,
    };
    match page {
        Workplace::Home => view! { <HomePage home=Home::Dms/> }.into_any(),
        Workplace::Users => view! { <UserListingPage/> }.into_any(),
        Workplace::Maintain(function) => {
            view! { <MaintainProfilePage function=function/> }.into_any()
        }
        Workplace::Requests => view! { <PendingRequestsPage/> }.into_any(),
        Workplace::AuthorisationCode => view! { <AuthorisationCodePage/> }.into_any(),
        Workplace::Audit => view! { <AuditTrailPage/> }.into_any(),
        Workplace::BulkEmail => view! { <pages::BulkEmailPage/> }.into_any(),
        Workplace::BusinessGroups => view! { <pages::BusinessGroupsPage/> }.into_any(),
        Workplace::NotFound => view! { <NotFoundPage/> }.into_any(),
        Workplace::OperatorHome => view! { <HomePage home=Home::Operator/> }.into_any(),
        Workplace::OperatorParticipants => {
            view! { <pages::operator::ParticipantsPage/> }.into_any()
        }
        Workplace::OperatorRequests => {
            view! { <pages::operator::OperatorRequestsPage/> }.into_any()
        }
        Workplace::OperatorPhase => view! { <pages::operator::PhasePage/> }.into_any(),
        Workplace::OperatorHolidays => view! { <pages::operator::HolidaysPage/> }.into_any(),
        Workplace::OperatorOperators => view! { <pages::operator::OperatorsPage/> }.into_any(),
        Workplace::OperatorSetup => view! { <pages::operator::OperatorSetupPage/> }.into_any(),
        Workplace::OperatorReadiness => view! { <pages::operator::ReadinessPage/> }.into_any(),
        Workplace::OperatorCutOver => view! { <pages::operator::CutOverPage/> }.into_any(),
        Workplace::OperatorArchive => view! { <pages::operator::ArchivePage/> }.into_any(),
        Workplace::OperatorAudit => view! { <pages::operator::AuditSearchPage/> }.into_any(),
        Workplace::Settings => view! { <pages::SettingsPage/> }.into_any(),
    }
}

#[cfg(not(feature = "workplace"))]
fn workplace(_: Workplace) -> AnyView {
    view! { <pages::LoadWorkplace/> }.into_any()
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = i18n::provide();
    client::provide(i18n);
    refresh::provide();
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
                    <Route path=(StaticSegment(OPERATOR), StaticSegment(SETUP)) view=|| workplace(Workplace::OperatorSetup)/>
                    // Everything below needs a full session; the guard loads it once.
                    <ParentRoute path=() view=SignedInArea>
                        <Route path=StaticSegment(TERMINAL) view=|| view! { <HomePage home=Home::Terminal/> }/>
                        <Route path=(StaticSegment(DMS), StaticSegment(HOME)) view=|| workplace(Workplace::Home)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(HOME)) view=|| workplace(Workplace::OperatorHome)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(PARTICIPANTS)) view=|| workplace(Workplace::OperatorParticipants)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(REQUESTS)) view=|| workplace(Workplace::OperatorRequests)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(PHASE)) view=|| workplace(Workplace::OperatorPhase)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(HOLIDAYS)) view=|| workplace(Workplace::OperatorHolidays)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(OPERATORS)) view=|| workplace(Workplace::OperatorOperators)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(READINESS)) view=|| workplace(Workplace::OperatorReadiness)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(CUT_OVER)) view=|| workplace(Workplace::OperatorCutOver)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(ARCHIVE)) view=|| workplace(Workplace::OperatorArchive)/>
                        <Route path=(StaticSegment(OPERATOR), StaticSegment(AUDIT)) view=|| workplace(Workplace::OperatorAudit)/>
                        <Route path=StaticSegment(SETTINGS) view=|| workplace(Workplace::Settings)/>
                        <Route path=(StaticSegment(DMS), StaticSegment(USERS)) view=|| workplace(Workplace::Users)/>
                        <Route path=(StaticSegment(DMS), StaticSegment(ENQUIRE)) view=|| workplace(Workplace::Maintain(DmsFunction::Enquire))/>
                        <Route path=(StaticSegment(DMS), StaticSegment(CHANGE)) view=|| workplace(Workplace::Maintain(DmsFunction::Change))/>
                        <Route path=(StaticSegment(DMS), StaticSegment(CREATE)) view=|| workplace(Workplace::Maintain(DmsFunction::Create))/>
                        <Route path=(StaticSegment(DMS), StaticSegment(DELETE)) view=|| workplace(Workplace::Maintain(DmsFunction::Delete))/>
                        <Route path=(StaticSegment(DMS), StaticSegment(UNLOCK)) view=|| workplace(Workplace::Maintain(DmsFunction::Unlock))/>
                        <Route path=(StaticSegment(DMS), StaticSegment(RESET_SOFT_TOKEN)) view=|| workplace(Workplace::Maintain(DmsFunction::ResetSoftToken))/>
                        <Route path=(StaticSegment(DMS), StaticSegment(REQUESTS)) view=|| workplace(Workplace::Requests)/>
                        <Route path=(StaticSegment(DMS), StaticSegment(AUTHORISATION_CODE)) view=|| workplace(Workplace::AuthorisationCode)/>
                        <Route path=(StaticSegment(DMS), StaticSegment(AUDIT)) view=|| workplace(Workplace::Audit)/>
                        <Route path=(StaticSegment(DMS), StaticSegment(BULK_EMAIL)) view=|| workplace(Workplace::BulkEmail)/>
                        <Route path=(StaticSegment(DMS), StaticSegment(BUSINESS_GROUPS)) view=|| workplace(Workplace::BusinessGroups)/>
                        <Route path=(StaticSegment(TERMINAL), WildcardSegment("any")) view=NotFoundPage/>
                        <Route path=(StaticSegment(DMS), WildcardSegment("any")) view=|| workplace(Workplace::NotFound)/>
                        <Route path=(StaticSegment(OPERATOR), WildcardSegment("any")) view=|| workplace(Workplace::NotFound)/>
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
