use leptos::prelude::*;

use crate::app::i18n::use_i18n;

/// Lets keyboard users jump past the banner.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! { <a class="skip-link" href="#main">{move || i18n.t().common.skip_to_content}</a> }
}
