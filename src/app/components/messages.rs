use leptos::prelude::*;

/// Errors, announced as they appear (the region is always present, so screen readers hear it).
#[component]
pub fn AlertMessage(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="message" role="alert">
            {move || message.get().map(|text| view! { <p class="error">{text}</p> })}
        </div>
    }
}

/// Confirmations and progress, announced politely.
#[component]
pub fn StatusMessage(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="message" role="status">
            {move || message.get().map(|text| view! { <p class="success">{text}</p> })}
        </div>
    }
}
