//! The SPA (feature `csr`): Leptos, client-side rendered, talking to the JSON API.

pub mod authorization;
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
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::WildcardSegment;

use crate::api::Home;
use components::{LanguageSwitch, SkipLink};
use pages::{
    HomePage, LoginPage, MailboxPage, NotFoundPage, OtpPage, RegisterDevicePage, SignedInArea,
};
use routes::{Area, Page, Routed};

/// What an address shows: its page, or "not found" in the area it belongs to.
fn routed_view(routed: Routed) -> AnyView {
    match routed {
        Routed::Page(Page::Login(portal)) => view! { <LoginPage portal=portal/> }.into_any(),
        Routed::Page(Page::RegisterDevice) => view! { <RegisterDevicePage/> }.into_any(),
        Routed::Page(Page::Otp) => view! { <OtpPage/> }.into_any(),
        Routed::Page(Page::Mailbox) => view! { <MailboxPage/> }.into_any(),
        Routed::Page(Page::Home(Home::Terminal)) => {
            view! { <HomePage home=Home::Terminal/> }.into_any()
        }
        Routed::Page(page) => workplace(Some(page)),
        Routed::Unknown(Area::Workplace) => workplace(None),
        Routed::Unknown(Area::Public | Area::SignedIn) => view! { <NotFoundPage/> }.into_any(),
    }
}

/// The DMS's and the operators' pages, and profile settings, which only the workplace bundle
/// carries (feature `workplace`): the log-in bundle stays small for the first load, and answers
/// any of their paths by loading the workplace bundle, which the server serves for `/dms/…`,
/// `/operator/…` and `/settings` (issue 8's budget). `None`: not found there.
#[cfg(feature = "workplace")]
fn workplace(page: Option<Page>) -> AnyView {
    use pages::operator;
    use pages::{
        AuditTrailPage, AuthorisationCodePage, MaintainProfilePage, PendingRequestsPage,
        UserListingPage,
    };
    let Some(page) = page else {
        return view! { <NotFoundPage/> }.into_any();
    };
    match page {
        Page::Home(home) => view! { <HomePage home=home/> }.into_any(),
        Page::DmsUsers => view! { <UserListingPage/> }.into_any(),
        Page::DmsMaintain(function) => {
            view! { <MaintainProfilePage function=function/> }.into_any()
        }
        Page::DmsRequests => view! { <PendingRequestsPage/> }.into_any(),
        Page::DmsAuthorisationCode => view! { <AuthorisationCodePage/> }.into_any(),
        Page::DmsAudit => view! { <AuditTrailPage/> }.into_any(),
        Page::DmsBulkEmail => view! { <pages::BulkEmailPage/> }.into_any(),
        Page::DmsBusinessGroups => view! { <pages::BusinessGroupsPage/> }.into_any(),
        Page::OperatorParticipants => view! { <operator::ParticipantsPage/> }.into_any(),
        Page::OperatorRequests => view! { <operator::OperatorRequestsPage/> }.into_any(),
        Page::OperatorPhase => view! { <operator::PhasePage/> }.into_any(),
        Page::OperatorHolidays => view! { <operator::HolidaysPage/> }.into_any(),
        Page::OperatorOperators => view! { <operator::OperatorsPage/> }.into_any(),
        Page::OperatorApplications => view! { <operator::ApplicationsPage/> }.into_any(),
        Page::OperatorSetup => view! { <operator::OperatorSetupPage/> }.into_any(),
        Page::OperatorReadiness => view! { <operator::ReadinessPage/> }.into_any(),
        Page::OperatorCutOver => view! { <operator::CutOverPage/> }.into_any(),
        Page::OperatorArchive => view! { <operator::ArchivePage/> }.into_any(),
        Page::OperatorAudit => view! { <operator::AuditSearchPage/> }.into_any(),
        Page::Settings => view! { <pages::SettingsPage/> }.into_any(),
        Page::Login(_) | Page::RegisterDevice | Page::Otp | Page::Mailbox => {
            view! { <NotFoundPage/> }.into_any()
        }
    }
}

#[cfg(not(feature = "workplace"))]
fn workplace(_: Option<Page>) -> AnyView {
    view! { <pages::LoadWorkplace/> }.into_any()
}

/// Every address: the page [`Page::at`] finds for it. Pages behind a full session share one
/// guard, which stays while the person moves between them and loads who is signed in once.
#[component]
fn Addressed() -> impl IntoView {
    let location = use_location();
    let routed = Memo::new(move |_| Page::at(&location.pathname.get()));
    // The page changes a tick after the address, as the router's own routes do: a page that
    // navigates away finishes its handler before it is gone.
    let shown = RwSignal::new(routed.get_untracked());
    Effect::new(move |_| {
        let next = routed.get();
        if shown.get_untracked() != next {
            shown.set(next);
        }
    });
    let guarded = Memo::new(move |_| shown.get().needs_session());
    move || {
        if guarded.get() {
            // Only the guard's own pages: an address outside it is not drawn inside it while the
            // guard is on its way out.
            let inside = move || {
                let now = shown.get();
                now.needs_session().then(|| routed_view(now))
            };
            view! { <SignedInArea>{inside}</SignedInArea> }.into_any()
        } else {
            routed_view(shown.get())
        }
    }
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
                    <Route path=() view=Addressed/>
                    <Route path=WildcardSegment("address") view=Addressed/>
                </Routes>
            </main>
        </Router>
    }
}
