//! "Get Authorisation Code" (R9): a DA checker's code of this month, renewed on the 1st; the
//! approvals made with it at other DAs' screens, and a button that renews it at once when one
//! of them is not the checker's own (issue 26).

use leptos::prelude::*;

use crate::api::{paths, AuthorisationCodeView, CodeUseView};
use crate::app::client::use_api;
use crate::app::components::request_panel::action_name;
use crate::app::components::{AlertMessage, DmsShell, StatusMessage};
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::{fill, Catalogue};

#[component]
pub fn AuthorisationCodePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.maintain.get_authorisation_code);
    let api = use_api();
    let code = LocalResource::new(move || async move {
        api.get::<AuthorisationCodeView>(paths::DMS_AUTHORISATION_CODE)
            .await
    });
    // After "Renew my code now", the answer of the renewal is the page's code.
    let renewed = RwSignal::new(None::<AuthorisationCodeView>);
    let current = Signal::derive(move || renewed.get().or_else(|| code.get().and_then(|r| r.ok())));
    let failure = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let renew = move |_| {
        busy.set(true);
        done.set(None);
        leptos::task::spawn_local(async move {
            match api
                .post::<_, AuthorisationCodeView>(paths::DMS_AUTHORISATION_CODE_RENEW, &())
                .await
            {
                Ok(view) => {
                    renewed.set(Some(view));
                    failure.set(None);
                    done.set(Some(i18n.t().maintain.code_renewed.to_owned()));
                }
                Err(e) => failure.set(Some(e.message)),
            }
            busy.set(false);
        });
    };
    let error = Signal::derive(move || {
        failure
            .get()
            .or_else(|| code.get().and_then(|r| r.err()).map(|e| e.message))
    });
    view! {
        <DmsShell/>
        <section class="card" aria-labelledby="code-title">
            <h1 id="code-title">{move || i18n.t().maintain.get_authorisation_code}</h1>
            <AlertMessage message=error/>
            <StatusMessage message=done.into()/>
            {move || current.get().map(|c| {
                let t = i18n.t();
                view! {
                    <p>{fill(t.maintain.code_intro, &[("month", &c.month)])}</p>
                    <p class="authorisation-code"><span class="visually-hidden">{t.maintain.authorization_code}</span><code>{c.code}</code></p>
                    <p>{fill(t.maintain.code_valid_until, &[("date", &c.valid_until)])}</p>
                    <h2 id="code-used-title">{t.maintain.code_used_title}</h2>
                    <UsesElsewhere t=t uses=c.used_elsewhere/>
                    <p>
                        <button type="button" class="secondary" on:click=renew disabled=move || busy.get()>
                            {t.maintain.renew_code}
                        </button>
                    </p>
                }
            })}
        </section>
    }
}

/// The approvals made with the code at other DAs' screens, newest first, in `t`'s words (the
/// caller's closure follows the language).
#[component]
fn UsesElsewhere(t: &'static Catalogue, uses: Vec<CodeUseView>) -> impl IntoView {
    if uses.is_empty() {
        return view! { <p>{t.maintain.code_used_none}</p> }.into_any();
    }
    view! {
        <p>{t.maintain.code_used_intro}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="code-used-title">
            <table>
                <thead><tr>
                    <th scope="col">{t.maintain.code_use_when}</th>
                    <th scope="col">{t.maintain.code_use_typed_by}</th>
                    <th scope="col">{t.maintain.code_use_what}</th>
                    <th scope="col">{t.maintain.code_use_subject}</th>
                </tr></thead>
                <tbody>
                    {uses.into_iter().map(|u| {
                        let what = u.action.map_or(t.maintain.code_use_email_batch, |a| action_name(t, a));
                        view! {
                            <tr>
                                <td>{u.at}</td>
                                <th scope="row">{u.typed_by}</th>
                                <td>{what}</td>
                                <td>{u.subject}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
