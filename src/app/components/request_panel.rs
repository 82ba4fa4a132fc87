//! A maker–checker request as the seed's screen shows it after "Change" (R7–R10): pending, the
//! before and after of every changed field, and "Checker ID" + "Authorization Code" with
//! "Confirm"; the maker may withdraw it, another checker reject it with a reason.

use leptos::prelude::*;

use crate::api::{
    paths, ApiError, CheckerPasskeyChallenge, Confirmation, DaRoleName, DetailFieldName,
    PasskeyChallenge, Rejection, RequestAction, RequestStatus, RequestView,
};
use crate::app::client::{use_api, ApiClient, Empty};
use crate::app::components::{AlertMessage, ChangesTable, StatusMessage, TextField};
use crate::app::form::{use_form, Form};
use crate::app::i18n::{use_i18n, I18n};
use crate::app::session::use_session;
use crate::i18n::{fill, Catalogue};

pub fn action_name(t: &'static Catalogue, action: RequestAction) -> &'static str {
    t.request_action(action)
}

fn field_name(t: &'static Catalogue, field: DetailFieldName) -> &'static str {
    let m = &t.maintain;
    match field {
        DetailFieldName::Status => m.user_status,
        DetailFieldName::Surname => m.surname,
        DetailFieldName::OtherNames => m.other_names,
        DetailFieldName::Email => m.email,
        DetailFieldName::EnableFrom => m.enable_from,
        DetailFieldName::DisableAfter => m.disable_after,
        DetailFieldName::ClearingHouses => m.clearing_houses,
        DetailFieldName::BusinessUserGroups => m.business_user_groups,
    }
}

/// R10: what the screen says once the request is applied.
fn success(t: &'static Catalogue, action: RequestAction) -> &'static str {
    let m = &t.maintain;
    match action {
        RequestAction::Create => m.created_successfully,
        RequestAction::Change => m.changed_successfully,
        RequestAction::Delete => m.deleted_successfully,
        RequestAction::Unlock => m.unlocked_successfully,
        RequestAction::ResetSoftToken => m.reset_successfully,
        RequestAction::AddBusinessGroups => m.business_groups_added,
    }
}

/// What a checker or the maker does with a pending request or batch.
#[derive(Clone)]
pub enum Decision {
    Confirm(Confirmation, CheckerFactor),
    Reject(Rejection),
    Withdraw,
}

/// How the checker at a maker's screen proves their own second factor, where the participant
/// asks for it (issue 26): a typed one-time password (or none asked), or their passkey.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CheckerFactor {
    Typed,
    Passkey,
}

/// The confirmation as it is sent: with `CheckerFactor::Passkey`, the checker's passkey answers
/// a challenge asked for them at this screen first.
pub async fn with_checker_factor(
    api: ApiClient,
    i18n: I18n,
    mut body: Confirmation,
    factor: CheckerFactor,
) -> Result<Confirmation, ApiError> {
    if factor == CheckerFactor::Passkey {
        let asked = CheckerPasskeyChallenge {
            checker_id: body.checker_id.clone(),
        };
        let challenge: PasskeyChallenge = api
            .post(paths::DMS_CHECKER_PASSKEY_CHALLENGE, &asked)
            .await?;
        body.checker_passkey = crate::app::webauthn::get(&challenge.options)
            .await
            .map_err(|f| f.into_error(i18n.t()))?;
    }
    Ok(body)
}

/// The seed's checker part under a pending request or batch: "Checker ID" + "Authorization
/// Code" + "Confirm"; "Withdraw" for its maker; a reason and "Reject" for another checker.
#[component]
pub fn DecisionForms<O: Clone + Send + Sync + 'static>(
    form: Form<Decision, O>,
    made_by_me: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_checker = move || {
        session
            .me()
            .and_then(|me| me.da)
            .is_some_and(|da| da.role == DaRoleName::Checker)
    };
    // Issue 26: where the participant asks it, the checker's own one-time password at a
    // maker's screen (in the checker's own session their log-in proved it).
    let asks_checker_otp = move || {
        !is_checker()
            && session
                .me()
                .and_then(|me| me.da)
                .is_some_and(|da| da.checker_factor_at_screen)
    };
    let (checker_id, code, checker_otp, reason) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let confirmation = move || Confirmation {
        checker_id: checker_id.get(),
        authorisation_code: code.get(),
        checker_otp: checker_otp.get(),
        checker_passkey: String::new(),
    };
    view! {
        <form class="confirm" on:submit=move |ev| {
            ev.prevent_default();
            form.submit(Decision::Confirm(confirmation(), CheckerFactor::Typed));
        }>
            <TextField id="checker-id" label=Signal::derive(move || i18n.t().maintain.checker_id)
                value=checker_id error=form.field("checker_id") autocomplete="off"/>
            <TextField id="authorisation-code" label=Signal::derive(move || i18n.t().maintain.authorization_code)
                value=code error=form.field("authorisation_code") input_type="password" autocomplete="off"/>
            <Show when=move || asks_checker_otp() || form.field("checker_otp").get().is_some()>
                <p class="note">{move || i18n.t().maintain.checker_otp_hint}</p>
                <TextField id="checker-otp" label=Signal::derive(move || i18n.t().maintain.checker_otp)
                    value=checker_otp error=form.field("checker_otp") autocomplete="one-time-code" inputmode="numeric"/>
                <button type="button" class="secondary" disabled=form.pending()
                    on:click=move |_| form.submit(Decision::Confirm(confirmation(), CheckerFactor::Passkey))>
                    {move || i18n.t().maintain.use_checker_passkey}
                </button>
            </Show>
            <button type="submit" disabled=form.pending()>{move || i18n.t().maintain.confirm}</button>
        </form>
        {made_by_me.then(|| view! {
            <button type="button" class="secondary" disabled=form.pending()
                on:click=move |_| form.submit(Decision::Withdraw)>{move || i18n.t().maintain.withdraw}</button>
        })}
        <Show when=move || is_checker() && !made_by_me>
            <form class="reject" on:submit=move |ev| {
                ev.prevent_default();
                form.submit(Decision::Reject(Rejection { reason: reason.get() }));
            }>
                <TextField id="reject-reason" label=Signal::derive(move || i18n.t().maintain.reject_reason)
                    value=reason error=form.field("reason")/>
                <button type="submit" class="secondary" disabled=form.pending()>{move || i18n.t().maintain.reject}</button>
            </form>
        </Show>
    }
}

/// One request, live: `decided` runs after it is confirmed, rejected or withdrawn here.
#[component]
pub fn RequestPanel(request_id: String, #[prop(into)] decided: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(request_id);
    let current = RwSignal::new(None::<RequestView>);
    let load = LocalResource::new(move || {
        let path = paths::fill(paths::DMS_REQUEST, &id.get_value());
        async move { api.get::<RequestView>(&path).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = load.get() {
            current.set(Some(view));
        }
    });
    let form = use_form(move |api, decision: Decision| async move {
        let id = id.get_value();
        match decision {
            Decision::Confirm(body, factor) => {
                let body = with_checker_factor(api, i18n, body, factor).await?;
                api.post(&paths::fill(paths::DMS_REQUEST_CONFIRM, &id), &body)
                    .await
            }
            Decision::Reject(body) => {
                api.post(&paths::fill(paths::DMS_REQUEST_REJECT, &id), &body)
                    .await
            }
            Decision::Withdraw => {
                api.post(&paths::fill(paths::DMS_REQUEST_WITHDRAW, &id), &Empty {})
                    .await
            }
        }
    });
    form.on_success(move |view: RequestView| {
        current.set(Some(view));
        decided.run(());
    });
    let load_error = Signal::derive(move || load.get().and_then(|r| r.err()).map(|e| e.message));

    view! {
        <section class="request" aria-labelledby="request-title">
            <h2 id="request-title">{move || i18n.t().maintain.request}</h2>
            <AlertMessage message=load_error/>
            {move || current.get().map(|request| {
                let t = i18n.t();
                let pending = request.status == RequestStatus::Pending;
                let action = request.action;
                let made_by_me = request.made_by_me;
                view! {
                    <p><strong>{action_name(t, action)}</strong>{format!(" · {}", request.user_id)}</p>
                    <p class="request-status">{format!("{}: {}", t.maintain.status, t.request_status(request.status))}</p>
                    <p>{fill(t.maintain.request_made_by, &[("maker", &request.maker_id), ("at", &request.created_at), ("expires", &request.expires_at)])}</p>
                    {request.reason.clone().map(|r| view! { <p>{format!("{}: {r}", t.maintain.reject_reason)}</p> })}
                    {(!request.changes.is_empty()).then(|| view! {
                        <ChangesTable rows=request.changes.clone().into_iter()
                            .map(|c| (field_name(t, c.field).to_owned(), c.before, c.after)).collect()/>
                    })}
                    {(request.status == RequestStatus::Authorised).then(|| view! {
                        <p class="success" role="status">{success(t, action)}</p>
                    })}
                    {pending.then(|| view! {
                        <p>{t.maintain.request_pending}</p>
                        <DecisionForms form=form made_by_me=made_by_me/>
                    })}
                }
            })}
            <AlertMessage message=form.message()/>
            <StatusMessage message=Signal::derive(move || current.get().and_then(|r| match r.status {
                RequestStatus::Withdrawn => Some(i18n.t().maintain.withdrawn.to_owned()),
                RequestStatus::Rejected => Some(i18n.t().maintain.rejected.to_owned()),
                _ => None,
            }))/>
        </section>
    }
}
