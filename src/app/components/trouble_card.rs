use leptos::prelude::*;

use crate::app::i18n::use_i18n;

/// A page that could not be loaded through no fault of the user: the server's words (a 500, a
/// dropped line) and a way to try again, never a log-in prompt.
#[component]
pub fn TroubleCard(message: Signal<Option<String>>, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="trouble-title">
            <h1 id="trouble-title">{move || i18n.t().common.trouble_title}</h1>
            <div class="message" role="alert">
                <p class="error">{move || message.get().unwrap_or_else(|| i18n.t().errors.internal_error.to_owned())}</p>
            </div>
            <button type="button" class="primary" on:click=move |_| retry.run(())>
                {move || i18n.t().common.try_again}
            </button>
        </section>
    }
}
