//! Paging links for a list the server pages: where the reader is, and the pages either side.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::i18n::use_i18n;
use crate::i18n::fill;

/// "Page 2 of 7" with links to the pages either side; `address` gives a page's address.
#[component]
pub fn Pager(
    page: u32,
    total: i64,
    per_page: u32,
    address: impl Fn(u32) -> String,
) -> impl IntoView {
    let i18n = use_i18n();
    let pages = (total.max(1) as u32).div_ceil(per_page.max(1));
    let said = move || {
        fill(
            i18n.t().dms.page_of,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        )
    };
    let previous = (page > 1).then(|| address(page - 1));
    let next = (page < pages).then(|| address(page + 1));
    view! {
        <nav class="pages" aria-label=said>
            <span>{said}</span>
            {previous.map(|href| view! { <A href=href>{move || i18n.t().dms.previous_page}</A> })}
            {next.map(|href| view! { <A href=href>{move || i18n.t().dms.next_page}</A> })}
        </nav>
    }
}
