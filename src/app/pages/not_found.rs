use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{Page, Portal};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.common.not_found_title);
    view! {
        <section class="card">
            <h1>{move || i18n.t().common.not_found_title}</h1>
            <p>{move || i18n.t().common.not_found_text}</p>
            <p><A href=Page::Login(Portal::Terminal).path()>{move || i18n.t().common.back_to_login}</A></p>
        </section>
    }
}
