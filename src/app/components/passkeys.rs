use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::{AlertMessage, StatusMessage, TextField};
use crate::api::{
    paths, ApiError, DeviceProof, OtpChannel, OtpSent, PasskeyAnswer, PasskeyChallenge,
    PasskeyList, PasskeyView,
};
use crate::app::client::{use_api, ApiClient, Empty};
use crate::app::form::{post_form, use_form};
use crate::app::i18n::use_i18n;
use crate::app::webauthn;
use crate::i18n::fill;

/// What the proof form is for.
#[derive(Clone, PartialEq)]
enum Intent {
    Add,
    Remove(PasskeyView),
}

/// The present second factor as typed, the proof of an addition or removal (R26a).
fn proof_of(code: String, recovery: bool) -> DeviceProof {
    if recovery {
        DeviceProof {
            otp: None,
            recovery_code: Some(code),
        }
    } else {
        DeviceProof {
            otp: Some(code),
            recovery_code: None,
        }
    }
}

/// Profile settings' passkeys (issue 17): the list, "Add a passkey" and "Remove", each proven
/// by the present second factor (a code from the app or the e-mail, or a recovery code).
#[component]
pub fn Passkeys(channel: Signal<Option<OtpChannel>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let listed = RwSignal::new(None::<Vec<PasskeyView>>);
    let load_error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match api.get::<PasskeyList>(paths::SETTINGS_PASSKEYS).await {
            Ok(list) => listed.set(Some(list.passkeys)),
            Err(e) => load_error.set(Some(e.message)),
        }
    });
    let intent = RwSignal::new(None::<Intent>);
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let with_recovery = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);

    let work = use_form(
        move |api: ApiClient, (intent, proof): (Intent, DeviceProof)| {
            let name = name.get_untracked();
            async move {
                match intent {
                    Intent::Add => {
                        let challenge: PasskeyChallenge =
                            api.post(paths::SETTINGS_PASSKEY_CHALLENGE, &proof).await?;
                        let credential = webauthn::create(&challenge.options)
                            .await
                            .map_err(|f| f.into_error(i18n.t()))?;
                        let answer = PasskeyAnswer {
                            credential,
                            name: Some(name),
                        };
                        api.post::<_, PasskeyList>(paths::SETTINGS_PASSKEYS, &answer)
                            .await
                    }
                    Intent::Remove(passkey) => {
                        let path = paths::fill(paths::SETTINGS_PASSKEY_REMOVE, &passkey.id);
                        api.post::<_, PasskeyList>(&path, &proof).await
                    }
                }
            }
        },
    );
    work.on_success(move |list| {
        let t = &i18n.t().settings;
        let done = match intent.get_untracked() {
            Some(Intent::Remove(_)) => t.passkey_removed,
            _ => t.passkey_added,
        };
        listed.set(Some(list.passkeys));
        intent.set(None);
        code.set(String::new());
        name.set(String::new());
        status.set(Some(done.to_owned()));
    });
    let send = post_form::<Empty, OtpSent>(paths::SETTINGS_EMAIL_OTP);
    let failure = move || -> Option<ApiError> { work.error().get().or_else(|| send.error().get()) };
    let field_error = move |field: &'static str| {
        Signal::derive(move || failure().and_then(|e| e.field(field).map(str::to_owned)))
    };
    let code_error = Signal::derive(move || {
        failure().and_then(|e| e.field("otp").or(e.field("code")).map(str::to_owned))
    });
    let by_email = move || channel.get() == Some(OtpChannel::Email);
    let code_label = Signal::derive(move || {
        let t = i18n.t();
        if with_recovery.get() {
            t.two_factor.recovery_label
        } else if by_email() {
            t.settings.email_code_label
        } else {
            t.two_factor.app_code_label
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(chosen) = intent.get() {
            send.clear();
            work.submit((chosen, proof_of(code.get(), with_recovery.get())));
        }
    };
    let open = move |chosen: Intent| {
        work.clear();
        status.set(None);
        intent.set(Some(chosen));
    };

    view! {
        <h2>{move || i18n.t().settings.passkeys_heading}</h2>
        <p>{move || i18n.t().settings.passkeys_intro}</p>
        <AlertMessage message=load_error.into()/>
        {move || listed.get().map(|passkeys| {
            let t = i18n.t();
            if passkeys.is_empty() {
                return view! { <p class="passkeys-none">{t.settings.passkeys_none}</p> }.into_any();
            }
            view! {
                <ul class="passkeys">
                    {passkeys.into_iter().map(|passkey| {
                        let used = passkey.last_used_at.as_deref().map_or_else(
                            || t.settings.passkey_never_used.to_owned(),
                            |at| fill(t.settings.passkey_last_used, &[("at", at)]),
                        );
                        let label = fill(t.settings.passkey_remove, &[("name", &passkey.name)]);
                        let chosen = passkey.clone();
                        view! {
                            <li>
                                <strong>{passkey.name.clone()}</strong>
                                " · "{fill(t.settings.passkey_added_at, &[("at", &passkey.added_at)])}
                                " · "{used}
                                {passkey.synced.then(|| format!(" · {}", t.settings.passkey_synced))}
                                " "
                                <button type="button" class="secondary" on:click=move |_| open(Intent::Remove(chosen.clone()))>
                                    {label}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
        <Show
            when=move || intent.get().is_some()
            fallback=move || view! {
                <button type="button" on:click=move |_| open(Intent::Add)>
                    {move || i18n.t().settings.passkey_add}
                </button>
            }
        >
            <form class="passkey-proof" on:submit=on_submit novalidate>
                <Show when=move || intent.get() == Some(Intent::Add)>
                    <TextField id="passkey-name" label=Signal::derive(move || i18n.t().settings.passkey_name_label)
                        value=name error=field_error("name")/>
                </Show>
                <p>{move || i18n.t().settings.passkey_prove}</p>
                <Show when=move || by_email() && !with_recovery.get()>
                    <button type="button" on:click=move |_| send.submit(Empty {}) disabled=move || send.pending().get()>
                        {move || i18n.t().settings.send_code}
                    </button>
                </Show>
                <TextField id="passkey-proof-code" label=code_label value=code error=code_error
                    autocomplete="one-time-code" inputmode="text"/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || work.pending().get()>
                        {move || match intent.get() {
                            Some(Intent::Remove(p)) => fill(i18n.t().settings.passkey_remove, &[("name", &p.name)]),
                            _ => i18n.t().settings.passkey_add.to_owned(),
                        }}
                    </button>
                    <button type="button" class="link" on:click=move |_| with_recovery.update(|r| *r = !*r)>
                        {move || if with_recovery.get() { i18n.t().two_factor.use_otp_instead } else { i18n.t().two_factor.use_recovery }}
                    </button>
                    <button type="button" on:click=move |_| intent.set(None)>{move || i18n.t().common.cancel}</button>
                </div>
            </form>
        </Show>
        <StatusMessage message=status.into()/>
        <AlertMessage message=Signal::derive(move || failure().map(|e| e.message))/>
    }
}
