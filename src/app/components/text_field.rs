use leptos::html::Input;
use leptos::prelude::*;

/// A labelled input whose error is tied to it (`aria-invalid`, `aria-describedby`).
#[component]
pub fn TextField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] name: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] node_ref: Option<NodeRef<Input>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let node_ref = node_ref.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                name=name.unwrap_or(id)
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                node_ref=node_ref
                bind:value=value
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().map(|_| described_by.clone())
            />
            {move || error.get().map(|message| view! { <p id=error_id.clone() class="field-error">{message}</p> })}
        </div>
    }
}
