//! "Add Business User Groups to DA" (R16, seed 4.3; after the cut-over): a DA maker names the DA
//! profile and the business user whose groups it receives; the request then waits on the same
//! screen for a checker's Checker ID + Authorization Code, as every DMS request does.

use leptos::prelude::*;

use crate::api::{paths, ProfileView, RequestDraft, RequestView};
use crate::app::components::{AlertMessage, DmsShell, RequestPanel, TextField};
use crate::app::form::use_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::session::use_session;

#[derive(Clone)]
struct Asked {
    da_id: String,
    from_user_id: String,
}

#[component]
pub fn BusinessGroupsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.maintain.add_business_groups);
    let session = use_session();
    let own_id = session.me().map(|me| me.user_id).unwrap_or_default();
    let (da_id, from_user_id) = (RwSignal::new(own_id), RwSignal::new(String::new()));
    let made = RwSignal::new(None::<String>);
    // The request is made on the DA profile's version as it stands (R8).
    let form = use_form(move |api, asked: Asked| async move {
        let path = paths::fill(paths::DMS_USER, asked.da_id.trim());
        let version = match api.get::<ProfileView>(&path).await {
            Ok(profile) => profile.version,
            Err(_) => 0,
        };
        let draft = RequestDraft::AddBusinessGroups {
            da_id: asked.da_id.trim().to_owned(),
            from_user_id: asked.from_user_id.trim().to_owned(),
            version,
        };
        api.post::<_, RequestView>(paths::DMS_REQUESTS, &draft)
            .await
    });
    form.on_success(move |view: RequestView| made.set(Some(view.request_id)));
    view! {
        <DmsShell/>
        <section class="card wide" aria-labelledby="groups-title">
            <h1 id="groups-title">{move || i18n.t().maintain.add_business_groups}</h1>
            <p>{move || i18n.t().maintain.add_business_groups_intro}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                made.set(None);
                form.submit(Asked { da_id: da_id.get(), from_user_id: from_user_id.get() });
            }>
                <TextField id="groups-da" label=Signal::derive(move || i18n.t().maintain.da_user_id)
                    value=da_id error=form.field("da_id")/>
                <TextField id="groups-from" label=Signal::derive(move || i18n.t().maintain.from_user_id)
                    value=from_user_id error=form.field("from_user_id")/>
                <button type="submit" class="primary" disabled=form.pending()>{move || i18n.t().maintain.submit}</button>
            </form>
            <AlertMessage message=form.message()/>
            {move || made.get().map(|id| view! { <RequestPanel request_id=id decided=Callback::new(|_| ())/> })}
        </section>
    }
}
