//! `/dev/mailbox`: the local mailbox of the demo (no SMTP configured); absent otherwise.

use leptos::prelude::*;

use crate::api::{paths, ApiError, MailboxEntry};
use crate::app::client;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::pages::NotFoundPage;

#[component]
pub fn MailboxPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.mailbox.title);
    let mail = RwSignal::new(None::<Result<Vec<MailboxEntry>, ApiError>>);
    let load = move || {
        let language = i18n.get();
        leptos::task::spawn_local(async move {
            mail.set(Some(client::get(paths::MAILBOX, language).await))
        });
    };
    load();

    view! {
        {move || match mail.get() {
            None => view! { <p class="card">{move || i18n.t().common.loading}</p> }.into_any(),
            Some(Err(_)) => view! { <NotFoundPage/> }.into_any(),
            Some(Ok(entries)) => view! {
                <section class="card wide" aria-labelledby="mailbox-title">
                    <h1 id="mailbox-title">{move || i18n.t().mailbox.title}</h1>
                    <p>{move || i18n.t().mailbox.intro}</p>
                    <button type="button" on:click=move |_| load()>{move || i18n.t().mailbox.refresh}</button>
                    <Show when={let empty = entries.is_empty(); move || empty}>
                        <p>{move || i18n.t().mailbox.empty}</p>
                    </Show>
                    {entries.into_iter().map(|m| view! {
                        <article class="mail">
                            <h2>{m.subject}</h2>
                            <p class="meta">{move || i18n.t().mailbox.to}": "{m.to.clone()}" · "{m.at}</p>
                            <pre>{m.text}</pre>
                        </article>
                    }).collect_view()}
                </section>
            }.into_any(),
        }}
    }
}
