//! An application's log-in request, waiting while the person logs in (issue 28). The log-in
//! page keeps its ID for this tab; the first home page reached once the log-in completes (the
//! first log-in's reset, device registration and recovery codes included) sends the browser
//! back to the provider, which answers the application.

const KEY: &str = "ccass-authorization";
/// As long as the server keeps the request waiting.
const KEPT_FOR_MS: f64 = 30.0 * 60.0 * 1000.0;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps `id` (from the log-in page's address) for this tab.
pub fn keep(id: &str) {
    let well_formed = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if let (true, Some(storage)) = (well_formed, storage()) {
        let until = js_sys::Date::now() + KEPT_FOR_MS;
        let _ = storage.set_item(KEY, &format!("{id} {until}"));
    }
}

/// Sends the browser back to the provider if a request waits; `true` if it does.
pub fn resume_if_waiting() -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    let Some(kept) = storage.get_item(KEY).ok().flatten() else {
        return false;
    };
    let _ = storage.remove_item(KEY);
    let Some((id, until)) = kept.split_once(' ') else {
        return false;
    };
    if until
        .parse::<f64>()
        .map_or(true, |until| js_sys::Date::now() > until)
    {
        return false;
    }
    let target = format!("/oidc/authorize/resume?authorization={id}");
    web_sys::window()
        .map(|w| w.location().assign(&target).is_ok())
        .unwrap_or(false)
}
