use leptos::prelude::*;

use crate::app::i18n::use_i18n;

/// Offers the other language, named in itself ("繁體中文" / "English"), on every page.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || i18n.language.get().other();
    view! {
        <nav class="language-switch" aria-label=move || i18n.t().common.switch_language>
            <button
                type="button"
                lang=move || other().tag()
                on:click=move |_| i18n.language.update(|l| *l = l.other())
            >
                {move || other().catalogue().common.language_name}
            </button>
        </nav>
    }
}
