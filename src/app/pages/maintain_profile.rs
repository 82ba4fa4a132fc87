//! "Maintain User Profile" (seed Appendix A): "User ID" + "Submit", then "{function} - Detail";
//! for Change and Create the fields are edited and the request made; for Delete, Unlock User and
//! Reset Soft Token the button makes the request; Enquire only shows. The user and the request
//! live in the address (`?user=…&request=…`), so a reload shows the same screen.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{paths, ProfileForm, ProfileView, RequestDraft, RequestView};
use crate::app::client::use_api;
use crate::app::components::{function_name, AlertMessage, DmsShell, RequestPanel, TextField};
use crate::app::form::use_form;
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::{DmsFunction, Page};
use crate::domain::{ClearingHouse, EmailAddress, ProfileStatus};
use crate::i18n::fill;

/// The form's fields as signals, filled from a profile or blank for a new one.
#[derive(Clone, Copy)]
struct Fields {
    user_id: RwSignal<String>,
    status: RwSignal<String>,
    surname: RwSignal<String>,
    other_names: RwSignal<String>,
    email: RwSignal<String>,
    enable_from: RwSignal<String>,
    disable_after: RwSignal<String>,
    houses: RwSignal<Vec<String>>,
}

impl Fields {
    fn new() -> Self {
        Self {
            user_id: RwSignal::new(String::new()),
            status: RwSignal::new(ProfileStatus::Enabled.as_str().into()),
            surname: RwSignal::new(String::new()),
            other_names: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            enable_from: RwSignal::new(String::new()),
            disable_after: RwSignal::new(String::new()),
            houses: RwSignal::new(vec![ClearingHouse::Cash.as_str().into()]),
        }
    }

    fn fill(&self, user_id: &str, form: &ProfileForm) {
        self.user_id.set(user_id.to_owned());
        self.status.set(form.status.clone());
        self.surname.set(form.surname.clone());
        self.other_names.set(form.other_names.clone());
        self.email.set(form.email.clone());
        self.enable_from.set(form.enable_from.clone());
        self.disable_after.set(form.disable_after.clone());
        self.houses.set(form.clearing_houses.clone());
    }

    fn form(&self) -> ProfileForm {
        ProfileForm {
            status: self.status.get(),
            surname: self.surname.get(),
            other_names: self.other_names.get(),
            email: self.email.get(),
            enable_from: self.enable_from.get(),
            disable_after: self.disable_after.get(),
            clearing_houses: self.houses.get(),
        }
    }
}

#[component]
pub fn MaintainProfilePage(function: DmsFunction) -> impl IntoView {
    let i18n = use_i18n();
    use_title(move |t| function_name(t, function));
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let user = Memo::new(move |_| query.read().get("user").filter(|u| !u.is_empty()));
    let request = Memo::new(move |_| query.read().get("request").filter(|r| !r.is_empty()));
    let fields = Fields::new();
    let searched = RwSignal::new(String::new());
    let profile = LocalResource::new(move || {
        let user = user.get();
        async move {
            match user {
                Some(id) => Some(
                    api.get::<ProfileView>(&paths::fill(paths::DMS_USER, &id))
                        .await,
                ),
                None => None,
            }
        }
    });
    let shown = RwSignal::new(None::<ProfileView>);
    Effect::new(move |_| match profile.get() {
        Some(Some(Ok(view))) => {
            fields.fill(&view.user_id, &view.form);
            searched.set(view.user_id.clone());
            shown.set(Some(view));
        }
        _ => shown.set(None),
    });
    let load_error = Signal::derive(move || match profile.get() {
        Some(Some(Err(e))) => Some(e.message),
        _ => None,
    });

    let go = {
        let navigate = navigate.clone();
        move |pairs: &[(&str, &str)]| {
            navigate(
                &Page::DmsMaintain(function).with_query(pairs),
                NavigateOptions::default(),
            )
        }
    };
    let search = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            go(&[("user", searched.get().trim())]);
        }
    };

    let form = use_form(move |api, draft: RequestDraft| async move {
        api.post::<_, RequestView>(paths::DMS_REQUESTS, &draft)
            .await
    });
    {
        let go = go.clone();
        form.on_success(move |made: RequestView| {
            go(&[("user", &made.user_id), ("request", &made.request_id)]);
        });
    }
    // R5: a free webmail address is accepted after a warning, on the second press.
    let warned_for = RwSignal::new(None::<String>);
    let webmail_warning = Signal::derive(move || {
        warned_for.get().and_then(|email| {
            EmailAddress::parse(&email)
                .ok()
                .map(|e| fill(i18n.t().maintain.webmail_warning, &[("domain", e.domain())]))
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let editing = matches!(function, DmsFunction::Change | DmsFunction::Create);
        if editing {
            let email = fields.email.get();
            let free = EmailAddress::parse(&email).is_ok_and(|e| e.is_free_webmail());
            if free && warned_for.get().as_deref() != Some(email.as_str()) {
                warned_for.set(Some(email));
                return;
            }
        }
        let version = shown.get().map(|v| v.version).unwrap_or_default();
        let user_id = fields.user_id.get().trim().to_owned();
        let draft = match function {
            DmsFunction::Create => RequestDraft::Create {
                user_id,
                profile: fields.form(),
            },
            DmsFunction::Change => RequestDraft::Change {
                user_id,
                version,
                profile: fields.form(),
            },
            DmsFunction::Delete => RequestDraft::Delete { user_id, version },
            DmsFunction::Unlock => RequestDraft::Unlock { user_id, version },
            DmsFunction::ResetSoftToken => RequestDraft::ResetSoftToken { user_id, version },
            DmsFunction::Enquire => return,
        };
        form.submit(draft);
    };
    let button = move || {
        let m = &i18n.t().maintain;
        match function {
            DmsFunction::Create => Some(m.create),
            DmsFunction::Change => Some(m.change),
            DmsFunction::Delete => Some(m.delete),
            DmsFunction::Unlock => Some(m.unlock),
            DmsFunction::ResetSoftToken => Some(m.reset),
            DmsFunction::Enquire => None,
        }
    };
    // The fields are edited only while making a Change or Create request.
    let editable = move || {
        matches!(function, DmsFunction::Change | DmsFunction::Create)
            && request.get().is_none()
            && shown.get().is_none_or(|v| v.da_role.is_none())
    };
    let show_detail = move || function == DmsFunction::Create || shown.get().is_some();
    let refetch = Callback::new(move |_| profile.refetch());

    view! {
        <DmsShell/>
        <section class="card wide" aria-labelledby="maintain-title">
            <h1 id="maintain-title">{move || function_name(i18n.t(), function)}</h1>
            <Show when=move || function != DmsFunction::Create>
                <form class="search" on:submit=search.clone()>
                    <TextField id="search-user-id" label=Signal::derive(move || i18n.t().maintain.user_id)
                        value=searched error=Signal::derive(|| None)/>
                    <button type="submit">{move || i18n.t().maintain.submit}</button>
                </form>
            </Show>
            <AlertMessage message=load_error/>
            <Show when=show_detail>
                <form class="profile-detail" on:submit=submit>
                    <h2>{move || fill(i18n.t().maintain.detail_title, &[("function", function_name(i18n.t(), function))])}</h2>
                    <p>{move || if shown.get().is_some_and(|v| v.da_role.is_some()) { i18n.t().maintain.da_profile } else { i18n.t().maintain.end_user_profile }}</p>
                    {move || if function == DmsFunction::Create && request.get().is_none() {
                        view! { <TextField id="user-id" label=Signal::derive(move || i18n.t().maintain.user_id) value=fields.user_id error=form.field("user_id")/> }.into_any()
                    } else {
                        view! { <p class="field-value"><span>{move || i18n.t().maintain.user_id}</span>" "<strong>{move || fields.user_id.get()}</strong></p> }.into_any()
                    }}
                    <fieldset disabled=move || !editable()>
                        <legend>{move || i18n.t().maintain.user_status}</legend>
                        {ProfileStatus::ALL.iter().copied().map(|status| (status, status.as_str())).map(|(status, value)| view! {
                            <label>
                                <input type="radio" name="status" value=value
                                    prop:checked=move || fields.status.get() == value
                                    on:change=move |_| fields.status.set(value.to_owned())/>
                                {move || match status { ProfileStatus::Enabled => i18n.t().maintain.enabled, ProfileStatus::Disabled => i18n.t().maintain.disabled }}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <fieldset class="plain" disabled=move || !editable()>
                        <TextField id="surname" label=Signal::derive(move || i18n.t().maintain.surname) value=fields.surname error=form.field("surname") autocomplete="off"/>
                        <TextField id="other-names" label=Signal::derive(move || i18n.t().maintain.other_names) value=fields.other_names error=form.field("other_names") autocomplete="off"/>
                        <TextField id="email" label=Signal::derive(move || i18n.t().maintain.email) value=fields.email error=form.field("email") input_type="email" autocomplete="off"/>
                        <TextField id="enable-from" label=Signal::derive(move || i18n.t().maintain.enable_from) value=fields.enable_from error=form.field("enable_from") input_type="date"/>
                        <TextField id="disable-after" label=Signal::derive(move || i18n.t().maintain.disable_after) value=fields.disable_after error=form.field("disable_after") input_type="date"/>
                    </fieldset>
                    <fieldset disabled=move || !editable()>
                        <legend>{move || i18n.t().maintain.clearing_houses}</legend>
                        {ClearingHouse::ALL.iter().copied().map(|typed| (typed, typed.as_str())).map(|(typed, house)| view! {
                            <label>
                                <input type="checkbox" value=house
                                    prop:checked=move || fields.houses.get().iter().any(|h| h == house)
                                    on:change=move |_| fields.houses.update(|hs| {
                                        if let Some(at) = hs.iter().position(|h| h == house) { hs.remove(at); } else { hs.push(house.to_owned()); }
                                    })/>
                                {move || match typed { ClearingHouse::Cash => i18n.t().maintain.house_cash, ClearingHouse::Hkcc => i18n.t().maintain.house_hkcc, ClearingHouse::Seoch => i18n.t().maintain.house_seoch }}
                            </label>
                        }).collect_view()}
                        {move || form.field("clearing_houses").get().map(|e| view! { <p class="field-error">{e}</p> })}
                    </fieldset>
                    {move || shown.get().map(|v| {
                        let t = i18n.t();
                        let none = || t.maintain.none.to_owned();
                        let rows = [
                            (t.maintain.locked, if v.locked { t.dms.yes.to_owned() } else { t.dms.no.to_owned() }),
                            (t.maintain.otp_channel, v.otp_channel.map(|c| match c {
                                crate::api::OtpChannel::App => t.dms.channel_app.to_owned(),
                                crate::api::OtpChannel::Email => t.dms.channel_email.to_owned(),
                            }).unwrap_or_else(none)),
                            (t.maintain.last_login, v.last_login_at.clone().unwrap_or_else(none)),
                            (t.maintain.business_user_groups, Some(v.business_user_groups.join(", ")).filter(|s| !s.is_empty()).unwrap_or_else(none)),
                            (t.maintain.access_levels, Some(v.access_levels.join(", ")).filter(|s| !s.is_empty()).unwrap_or_else(none)),
                            (t.maintain.srn, v.srn.clone().unwrap_or_else(none)),
                            (t.maintain.certificate_expiry, v.certificate_expiry.clone().unwrap_or_else(none)),
                        ];
                        view! {
                            <dl class="profile-facts">
                                {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                            </dl>
                        }
                    })}
                    <div class="message" role="alert">
                        {move || webmail_warning.get().map(|w| view! { <p class="warning">{w}</p> })}
                    </div>
                    {move || (request.get().is_none() && shown.get().is_none_or(|v| v.da_role.is_none() && v.pending_request.is_none()))
                        .then(button).flatten().map(|label| view! {
                            <button type="submit" disabled=form.pending()>{label}</button>
                        })}
                    <AlertMessage message=form.message()/>
                </form>
            </Show>
            {move || request.get().or_else(|| shown.get().and_then(|v| v.pending_request)).map(|id| view! {
                <RequestPanel request_id=id decided=refetch/>
            })}
        </section>
    }
}
