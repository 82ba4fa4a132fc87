use leptos::prelude::*;

use crate::app::i18n::use_i18n;

/// The ten recovery codes, shown once, with Print and Continue.
#[component]
pub fn RecoveryCodes(codes: Vec<String>, on_continue: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    // A plain-text file the user keeps; made in the page, never sent anywhere.
    let file = format!("CCASS Access recovery codes\n\n{}\n", codes.join("\n"));
    let href = format!(
        "data:text/plain;charset=utf-8,{}",
        js_sys::encode_uri_component(&file)
    );
    view! {
        <section class="recovery" aria-labelledby="recovery-title">
            <h2 id="recovery-title">{move || i18n.t().two_factor.recovery_title}</h2>
            <p>{move || i18n.t().two_factor.recovery_intro}</p>
            <ol class="codes">{codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}</ol>
            <div class="actions">
                <button type="button" on:click=print>{move || i18n.t().common.print}</button>
                <a href=href download="ccass-access-recovery-codes.txt">{move || i18n.t().two_factor.save_codes}</a>
                <button type="button" class="primary" on:click=move |_| on_continue.run(())>
                    {move || i18n.t().common.continue_label}
                </button>
            </div>
        </section>
    }
}
