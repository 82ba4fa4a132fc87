//! `/dev/mailbox`: the local mailbox of the demo (no SMTP configured); absent otherwise.

use leptos::prelude::*;

use super::not_found::NotFoundPage;
use crate::api::{paths, ErrorCode, MailboxEntry};
use crate::app::client::use_api;
use crate::app::components::TroubleCard;
use crate::app::i18n::{use_i18n, use_title};

#[component]
pub fn MailboxPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.mailbox.title);
    let api = use_api();
    let mail =
        LocalResource::new(
            move || async move { api.get::<Vec<MailboxEntry>>(paths::MAILBOX).await },
        );
    let refresh = move || mail.refetch();

    view! {
        <Transition fallback=move || view! { <p class="card">{move || i18n.t().common.loading}</p> }>
            {move || Suspend::new(async move {
                match mail.await {
                    // Without the demo's local mailbox the path does not exist.
                    Err(e) if e.code == ErrorCode::NotFound => view! { <NotFoundPage/> }.into_any(),
                    Err(e) => {
                        let message = Signal::derive(move || Some(e.message.clone()));
                        view! { <TroubleCard message=message retry=Callback::new(move |_| refresh())/> }.into_any()
                    }
                    Ok(entries) => view! {
                        <section class="card wide" aria-labelledby="mailbox-title">
                            <h1 id="mailbox-title">{move || i18n.t().mailbox.title}</h1>
                            <p>{move || i18n.t().mailbox.intro}</p>
                            <button type="button" on:click=move |_| refresh()>{move || i18n.t().mailbox.refresh}</button>
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
                }
            })}
        </Transition>
    }
}
