//! In the log-in bundle, every DMS page: the server answers DMS paths with the workplace bundle,
//! so loading the same address again brings it. Loaded once per address: if the same bundle
//! comes back (a server without the workplace build), the page says so instead of looping.

use leptos::prelude::*;

use super::not_found::NotFoundPage;

const LOADING_KEY: &str = "ccass-workplace-loading";

#[component]
pub fn LoadWorkplace() -> impl IntoView {
    let window = web_sys::window().expect("a browser window");
    let location = window.location();
    // The router's address, not the window's: after a link's click the router renders the new
    // route before the address bar shows it.
    let routed = leptos_router::hooks::use_location();
    let search = routed.search.get_untracked();
    let here = format!(
        "{}{}{}{}",
        location.origin().unwrap_or_default(),
        routed.pathname.get_untracked(),
        if search.is_empty() { "" } else { "?" },
        search
    );
    let storage = window.session_storage().ok().flatten();
    let tried = storage
        .as_ref()
        .and_then(|s| s.get_item(LOADING_KEY).ok().flatten());
    if tried.as_deref() == Some(here.as_str()) {
        if let Some(s) = &storage {
            let _ = s.remove_item(LOADING_KEY);
        }
        return view! { <NotFoundPage/> }.into_any();
    }
    if let Some(s) = &storage {
        let _ = s.set_item(LOADING_KEY, &here);
    }
    let _ = location.replace(&here);
    ().into_any()
}

/// Called by the workplace bundle at start: it loaded, so the next DMS address may load again.
pub fn workplace_loaded() {
    if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = storage.remove_item(LOADING_KEY);
    }
}
