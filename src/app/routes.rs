//! The SPA's addresses: the pages are listed once, in [`crate::api::pages`]; here what only the
//! browser does with them (queries, a list's page number).

pub use crate::api::pages::{Area, DmsFunction, Page, Portal, Routed};

impl Page {
    /// `path?key=value&…`, values percent-encoded.
    pub fn with_query(self, pairs: &[(&str, &str)]) -> String {
        with_query(self.path(), pairs)
    }

    /// A paged list of one participant's (all when empty): `path?participant=…&page=…`, each
    /// left out at its default.
    pub fn of_participant(self, participant: &str, page: u32) -> String {
        let page = page.to_string();
        let mut pairs = vec![];
        if !participant.is_empty() {
            pairs.push(("participant", participant));
        }
        if page != "1" {
            pairs.push(("page", page.as_str()));
        }
        self.with_query(&pairs)
    }
}

/// `path?key=value&…` for any path (an API's too), values percent-encoded.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The `page` of a paged list's address: a whole number from 1, else the first page.
pub fn page_number(query: &leptos_router::params::ParamsMap) -> u32 {
    query
        .get("page")
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}
