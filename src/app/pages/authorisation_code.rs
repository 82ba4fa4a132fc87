//! "Get Authorisation Code" (R9): a DA checker's code of this month, renewed on the 1st.

use leptos::prelude::*;

use crate::api::{paths, AuthorisationCodeView};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, DmsShell};
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::fill;

#[component]
pub fn AuthorisationCodePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.maintain.get_authorisation_code);
    let api = use_api();
    let code = LocalResource::new(move || async move {
        api.get::<AuthorisationCodeView>(paths::DMS_AUTHORISATION_CODE)
            .await
    });
    let error = Signal::derive(move || code.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <DmsShell/>
        <section class="card" aria-labelledby="code-title">
            <h1 id="code-title">{move || i18n.t().maintain.get_authorisation_code}</h1>
            <AlertMessage message=error/>
            {move || code.get().and_then(|r| r.ok()).map(|c| {
                let t = i18n.t();
                view! {
                    <p>{fill(t.maintain.code_intro, &[("month", &c.month)])}</p>
                    <p class="authorisation-code"><span class="visually-hidden">{t.maintain.authorization_code}</span><code>{c.code}</code></p>
                    <p>{fill(t.maintain.code_valid_until, &[("date", &c.valid_until)])}</p>
                }
            })}
        </section>
    }
}
