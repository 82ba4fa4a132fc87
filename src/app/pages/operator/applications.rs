//! The applications behind CCASS Access (issue 28): the OpenID Provider's clients. Registering,
//! changing, a new secret, disabling and enabling are each asked of a second operator (R6a: a
//! client receives identities), who decides them under Approvals.

use leptos::prelude::*;

use super::forms::said;
use crate::api::{paths, ClientFields, ClientRequestDraft, ClientView, OperatorRequestView};
use crate::app::client::use_api;
use crate::app::components::{AlertMessage, OperatorShell, StatusMessage, TextField};
use crate::app::form::{post_form, Form};
use crate::app::i18n::{use_i18n, use_title};
use crate::i18n::{fill, Catalogue};

/// The `acr` levels a client may ask as its lowest, with their words.
fn levels(t: &'static Catalogue) -> [(&'static str, &'static str); 5] {
    let p = &t.provider;
    [
        ("", p.acr_any),
        ("urn:ccass:acr:recovery-code", p.acr_recovery_code),
        ("urn:ccass:acr:email-otp", p.acr_email_otp),
        ("urn:ccass:acr:app-otp", p.acr_app_otp),
        ("urn:ccass:acr:hardware", p.acr_hardware),
    ]
}

/// The form's fields, one signal each; lists are typed one per line.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    public: RwSignal<bool>,
    redirect_uris: RwSignal<String>,
    post_logout_redirect_uris: RwSignal<String>,
    backchannel_logout_uri: RwSignal<String>,
    start_url: RwSignal<String>,
    scopes: RwSignal<String>,
    min_acr: RwSignal<String>,
    id_token_alg: RwSignal<String>,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Fields {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            public: RwSignal::new(false),
            redirect_uris: RwSignal::new(String::new()),
            post_logout_redirect_uris: RwSignal::new(String::new()),
            backchannel_logout_uri: RwSignal::new(String::new()),
            start_url: RwSignal::new(String::new()),
            scopes: RwSignal::new(String::new()),
            min_acr: RwSignal::new(String::new()),
            id_token_alg: RwSignal::new("RS256".to_owned()),
        }
    }

    fn read(self) -> ClientFields {
        ClientFields {
            name: self.name.get(),
            public: self.public.get(),
            redirect_uris: lines(&self.redirect_uris.get()),
            post_logout_redirect_uris: lines(&self.post_logout_redirect_uris.get()),
            backchannel_logout_uri: self.backchannel_logout_uri.get(),
            start_url: self.start_url.get(),
            scopes: self
                .scopes
                .get()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            min_acr: self.min_acr.get(),
            id_token_alg: self.id_token_alg.get(),
        }
    }

    /// Fills the form with a client's settings (a change starts from them), or empties it.
    fn fill(self, from: Option<&ClientFields>) {
        let empty = ClientFields::default();
        let f = from.unwrap_or(&empty);
        self.name.set(f.name.clone());
        self.public.set(f.public);
        self.redirect_uris.set(f.redirect_uris.join("\n"));
        self.post_logout_redirect_uris
            .set(f.post_logout_redirect_uris.join("\n"));
        self.backchannel_logout_uri
            .set(f.backchannel_logout_uri.clone());
        self.start_url.set(f.start_url.clone());
        self.scopes.set(f.scopes.join(" "));
        self.min_acr.set(f.min_acr.clone());
        let alg = if f.id_token_alg.is_empty() {
            "RS256"
        } else {
            &f.id_token_alg
        };
        self.id_token_alg.set(alg.to_owned());
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.provider.nav_applications);
    let api = use_api();
    let refresh = crate::app::refresh::use_refresh();
    let list = LocalResource::new(move || {
        refresh.track();
        async move { api.get::<Vec<ClientView>>(paths::OPERATOR_CLIENTS).await }
    });
    let request: Form<ClientRequestDraft, OperatorRequestView> =
        post_form(paths::OPERATOR_CLIENT_REQUESTS);
    let fields = Fields::new();
    // The client being changed; none: the form registers a new one.
    let changing = RwSignal::new(None::<String>);
    request.on_success(move |_| {
        changing.set(None);
        fields.fill(None);
    });
    let grace = RwSignal::new("60".to_owned());
    let error = Signal::derive(move || list.get().and_then(|r| r.err()).map(|e| e.message));
    let p = move || &i18n.t().provider;
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="applications-title">
            <h1 id="applications-title">{move || p().nav_applications}</h1>
            <AlertMessage message=error/>
            <AlertMessage message=request.message()/>
            <StatusMessage message=said(request, |t| t.operator.requested)/>
            <TextField id="grace-minutes" label=Signal::derive(move || p().grace_minutes) value=grace error=request.field("grace_minutes") input_type="number"/>
            {move || list.get().and_then(|r| r.ok()).map(|clients| {
                let t = i18n.t();
                if clients.is_empty() {
                    return view! { <p>{t.provider.no_clients}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t.provider.nav_applications>
                        <table>
                            <thead><tr>
                                <th scope="col">{t.provider.client_name}</th>
                                <th scope="col">{t.provider.client_id}</th>
                                <th scope="col">{t.provider.client_kind}</th>
                                <th scope="col">{t.provider.enabled}</th>
                                <th scope="col">{t.provider.redirect_uris}</th>
                                <th scope="col"><span class="visually-hidden">{t.operator.status}</span></th>
                            </tr></thead>
                            <tbody>
                                {clients.into_iter().map(|c| client_row(t, c, request, fields, changing, grace)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
            <ClientForm fields=fields changing=changing request=request/>
        </section>
    }
}

fn client_row(
    t: &'static Catalogue,
    client: ClientView,
    request: Form<ClientRequestDraft, OperatorRequestView>,
    fields: Fields,
    changing: RwSignal<Option<String>>,
    grace: RwSignal<String>,
) -> impl IntoView {
    let name = client.fields.name.clone();
    let id = client.client_id.clone();
    let (for_change, settings) = (id.clone(), client.fields.clone());
    let (for_rotate, for_toggle) = (id.clone(), id.clone());
    let enabled = client.enabled;
    let kind = if client.fields.public {
        t.provider.kind_public
    } else {
        t.provider.kind_confidential
    };
    let named = |text| fill(text, &[("name", &name)]);
    let (change_label, rotate_label) = (
        named(t.provider.change_client),
        named(t.provider.request_rotate),
    );
    let toggle_label = named(if enabled {
        t.provider.request_disable
    } else {
        t.provider.request_enable
    });
    let grace_note = client
        .previous_secret_until
        .map(|until| fill(t.provider.previous_secret_until, &[("until", &until)]));
    view! {
        <tr>
            <th scope="row">{name.clone()}</th>
            <td><code>{id}</code></td>
            <td>{kind}</td>
            <td>{if enabled { t.dms.yes } else { t.dms.no }}</td>
            <td>{client.fields.redirect_uris.join(" ")}{grace_note.map(|note| view! { <p>{note}</p> })}</td>
            <td class="actions">
                <button type="button" on:click=move |_| {
                    fields.fill(Some(&settings));
                    changing.set(Some(for_change.clone()));
                }>{change_label}</button>
                {(!client.fields.public).then(|| view! {
                    <button type="button" on:click=move |_| {
                        let grace_minutes = grace.get().trim().parse().unwrap_or(u32::MAX);
                        request.submit(ClientRequestDraft::RotateClientSecret { client_id: for_rotate.clone(), grace_minutes });
                    }>{rotate_label}</button>
                })}
                <button type="button" on:click=move |_| {
                    let client_id = for_toggle.clone();
                    request.submit(if enabled {
                        ClientRequestDraft::DisableClient { client_id }
                    } else {
                        ClientRequestDraft::EnableClient { client_id }
                    });
                }>{toggle_label}</button>
            </td>
        </tr>
    }
}

/// A list of addresses, one per line.
#[component]
fn UriList(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <textarea id=id rows="3" bind:value=value
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().map(|_| described.clone())></textarea>
            {move || error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
}

/// Registers a client, or changes the one being changed.
#[component]
fn ClientForm(
    fields: Fields,
    changing: RwSignal<Option<String>>,
    request: Form<ClientRequestDraft, OperatorRequestView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || &i18n.t().provider;
    let heading = move || match changing.get() {
        Some(_) => fill(p().change_client, &[("name", &fields.name.get())]),
        None => p().request_register.to_owned(),
    };
    view! {
        <form aria-labelledby="client-form-title" on:submit=move |ev| {
            ev.prevent_default();
            let settings = fields.read();
            request.submit(match changing.get() {
                Some(client_id) => ClientRequestDraft::ChangeClient { client_id, fields: settings },
                None => ClientRequestDraft::RegisterClient { fields: settings },
            });
        }>
            <h2 id="client-form-title">{heading}</h2>
            <TextField id="client-name" label=Signal::derive(move || p().client_name) value=fields.name error=request.field("name")/>
            <label class="check">
                <input type="checkbox" prop:checked=move || fields.public.get() disabled=move || changing.get().is_some()
                    on:change=move |ev| fields.public.set(event_target_checked(&ev))/>
                {move || p().kind_public}
            </label>
            <UriList id="client-redirect-uris" label=Signal::derive(move || p().redirect_uris) value=fields.redirect_uris error=request.field("redirect_uris")/>
            <UriList id="client-post-logout-uris" label=Signal::derive(move || p().post_logout_redirect_uris) value=fields.post_logout_redirect_uris error=request.field("post_logout_redirect_uris")/>
            <TextField id="client-backchannel-uri" label=Signal::derive(move || p().backchannel_logout_uri) value=fields.backchannel_logout_uri error=request.field("backchannel_logout_uri")/>
            <TextField id="client-start-url" label=Signal::derive(move || p().start_url) value=fields.start_url error=request.field("start_url")/>
            <TextField id="client-scopes" label=Signal::derive(move || p().scopes) value=fields.scopes error=request.field("scopes")/>
            <div class="field">
                <label for="client-min-acr">{move || p().min_acr}</label>
                <select id="client-min-acr" on:change=move |ev| fields.min_acr.set(event_target_value(&ev)) prop:value=move || fields.min_acr.get()>
                    {move || levels(i18n.t()).into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="client-alg">{move || p().id_token_alg}</label>
                <select id="client-alg" on:change=move |ev| fields.id_token_alg.set(event_target_value(&ev)) prop:value=move || fields.id_token_alg.get()>
                    <option value="RS256">"RS256"</option>
                    <option value="ES256">"ES256"</option>
                </select>
            </div>
            <div class="actions">
                <button type="submit" class="primary" disabled=request.pending()>
                    {move || if changing.get().is_some() { p().request_change } else { p().request_register }}
                </button>
                {move || changing.get().is_some().then(|| view! {
                    <button type="button" on:click=move |_| { changing.set(None); fields.fill(None); }>{p().cancel_change}</button>
                })}
            </div>
        </form>
    }
}
