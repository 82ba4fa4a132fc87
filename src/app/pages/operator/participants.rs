//! Participants and their DA profiles (R1, R2, R6, R27): create a participant; for one of them
//! (`?participant=…`) its DAs, with a new DA, a DA's e-mail and a DA's deletion asked of a
//! second operator, and unlock and a lost phone done at once.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::forms::{request_form, said};
use crate::api::{
    paths, BusinessGroupsFrom, CheckerPolicy, DaChange, DaRoleName, DaSummaryRow, Done,
    FactorPolicy, NewParticipantForm, OperatorNewUser, OperatorRequestDraft, OperatorRequestView,
    ParticipantSummary, ProfileForm,
};
use crate::app::client::{use_api, ApiClient, Empty};
use crate::app::components::{AlertMessage, OperatorShell, StatusMessage, TextField};
use crate::app::form::{post_form, use_form};
use crate::app::i18n::{use_i18n, use_title};
use crate::app::routes::Page;
use crate::domain::{ClearingHouse, ParticipantKind, ProfileStatus};
use crate::i18n::{fill, Catalogue};

fn kind_name(t: &'static Catalogue, kind: &str) -> &'static str {
    let c = &t.operator;
    match kind {
        "CLEARING" => c.kind_clearing,
        "CUSTODIAN" => c.kind_custodian,
        "STOCK_PLEDGEE" => c.kind_stock_pledgee,
        "CLEARING_AGENCY" => c.kind_clearing_agency,
        _ => c.kind_designated_bank,
    }
}

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|t| t.operator.nav_participants);
    let api = use_api();
    let query = use_query_map();
    let selected = Memo::new(move |_| query.read().get("participant").filter(|p| !p.is_empty()));
    let refresh = crate::app::refresh::use_refresh();
    let list = LocalResource::new(move || {
        refresh.track();
        async move {
            api.get::<Vec<ParticipantSummary>>(paths::OPERATOR_PARTICIPANTS)
                .await
        }
    });
    let (id, name, kind, principal) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("CLEARING".to_owned()),
        RwSignal::new(String::new()),
    );
    let create = post_form::<NewParticipantForm, Done>(paths::OPERATOR_PARTICIPANTS);
    let may_create_users = crate::app::phase::use_allowed(
        crate::domain::table_one::Actor::Operator,
        crate::domain::table_one::ProfileFunction::CreateUser,
    );
    create.on_success(move |_| list.refetch());
    // Issue 17: refusing e-mail OTP is the operator's explicit choice, per participant.
    let policy = use_form(
        move |api: ApiClient, (participant, allowed): (String, bool)| async move {
            let path = paths::fill(paths::OPERATOR_PARTICIPANT_FACTOR_POLICY, &participant);
            api.post::<_, Done>(
                &path,
                &FactorPolicy {
                    email_otp_allowed: allowed,
                },
            )
            .await
        },
    );
    policy.on_success(move |_| list.refetch());
    // Issue 26: a checker's own second factor beside their code at a maker's screen.
    let checker_policy = use_form(
        move |api: ApiClient, (participant, required): (String, bool)| async move {
            let path = paths::fill(paths::OPERATOR_PARTICIPANT_CHECKER_POLICY, &participant);
            api.post::<_, Done>(
                &path,
                &CheckerPolicy {
                    second_factor_at_screen: required,
                },
            )
            .await
        },
    );
    checker_policy.on_success(move |_| list.refetch());
    let error = Signal::derive(move || list.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <OperatorShell/>
        <section class="card wide" aria-labelledby="participants-title">
            <h1 id="participants-title">{move || i18n.t().operator.nav_participants}</h1>
            <AlertMessage message=error/>
            <AlertMessage message=policy.message()/>
            <AlertMessage message=checker_policy.message()/>
            {move || list.get().and_then(|r| r.ok()).map(|rows| {
                let t = i18n.t();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t.operator.nav_participants>
                        <table>
                            <thead><tr>
                                <th scope="col">{t.operator.participant_id}</th>
                                <th scope="col">{t.operator.participant_name}</th>
                                <th scope="col">{t.operator.participant_kind}</th>
                                <th scope="col">{t.operator.profiles}</th>
                                <th scope="col">{t.operator.email_otp_column}</th>
                                <th scope="col">{t.maintain.checker_factor_column}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|p| {
                                    let href = Page::OperatorParticipants.with_query(&[("participant", &p.participant_id)]);
                                    let label = fill(t.operator.open_das, &[("participant", &p.participant_id)]);
                                    let (participant, allowed) = (p.participant_id.clone(), !p.email_otp_allowed);
                                    let (asked_of, asking) = (p.participant_id.clone(), !p.checker_factor_at_screen);
                                    let checker_label = fill(
                                        if p.checker_factor_at_screen { t.maintain.stop_asking_checker_factor } else { t.maintain.ask_checker_factor },
                                        &[("participant", &p.participant_id)],
                                    );
                                    let policy_label = fill(
                                        if p.email_otp_allowed { t.operator.refuse_email_otp } else { t.operator.allow_email_otp },
                                        &[("participant", &p.participant_id)],
                                    );
                                    view! {
                                        <tr>
                                            <th scope="row"><A href=href attr:aria-label=label>{p.participant_id}</A></th>
                                            <td>{p.name}</td>
                                            <td>{kind_name(t, &p.kind)}</td>
                                            <td>{p.profiles}</td>
                                            <td>
                                                {if p.email_otp_allowed { t.operator.email_otp_allowed } else { t.operator.email_otp_refused }}
                                                " "
                                                <button type="button" class="secondary" on:click=move |_| policy.submit((participant.clone(), allowed))>
                                                    {policy_label}
                                                </button>
                                            </td>
                                            <td>
                                                {if p.checker_factor_at_screen { t.maintain.checker_factor_asked } else { t.maintain.checker_factor_not_asked }}
                                                " "
                                                <button type="button" class="secondary" on:click=move |_| checker_policy.submit((asked_of.clone(), asking))>
                                                    {checker_label}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
            <form class="create-participant" on:submit=move |ev| {
                ev.prevent_default();
                create.submit(NewParticipantForm { participant_id: id.get(), name: name.get(), kind: kind.get(), principal: principal.get() });
            }>
                <h2>{move || i18n.t().operator.create_participant}</h2>
                <TextField id="new-participant-id" label=Signal::derive(move || i18n.t().operator.participant_id) value=id error=create.field("participant_id")/>
                <TextField id="new-participant-name" label=Signal::derive(move || i18n.t().operator.participant_name) value=name error=create.field("name")/>
                <div class="field">
                    <label for="new-participant-kind">{move || i18n.t().operator.participant_kind}</label>
                    <select id="new-participant-kind" on:change=move |ev| kind.set(event_target_value(&ev)) prop:value=move || kind.get()>
                        {ParticipantKind::ALL.iter().map(|k| k.as_str()).map(|k| view! { <option value=k>{move || kind_name(i18n.t(), k)}</option> }).collect_view()}
                    </select>
                </div>
                <TextField id="new-participant-principal" label=Signal::derive(move || i18n.t().operator.principal) value=principal error=create.field("principal")/>
                <button type="submit" disabled=create.pending()>{move || i18n.t().operator.create_participant}</button>
                <AlertMessage message=create.message()/>
                <StatusMessage message=said(create, |t| t.operator.done)/>
            </form>
            {move || selected.get().map(|participant| view! { <ParticipantDas participant=participant/> })}
            <Show when=move || may_create_users.get()>
                <NewUser/>
            </Show>
        </section>
    }
}

/// R13: before the parallel run HKEX creates users; the form shows only then.
#[component]
fn NewUser() -> impl IntoView {
    let i18n = use_i18n();
    let (user_id, surname, other_names, email, enable_from) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let create = post_form::<OperatorNewUser, Done>(paths::OPERATOR_USERS);
    view! {
        <form class="new-user" on:submit=move |ev| {
            ev.prevent_default();
            create.submit(OperatorNewUser {
                user_id: user_id.get(),
                profile: ProfileForm {
                    status: ProfileStatus::Enabled.as_str().into(),
                    surname: surname.get(),
                    other_names: other_names.get(),
                    email: email.get(),
                    enable_from: enable_from.get(),
                    disable_after: String::new(),
                    clearing_houses: vec![ClearingHouse::Cash.as_str().into()],
                },
            });
        }>
            <h2>{move || i18n.t().operator.create_user}</h2>
            <TextField id="new-user-id" label=Signal::derive(move || i18n.t().operator.user_id) value=user_id error=create.field("user_id")/>
            <TextField id="new-user-surname" label=Signal::derive(move || i18n.t().operator.surname) value=surname error=create.field("surname")/>
            <TextField id="new-user-other-names" label=Signal::derive(move || i18n.t().operator.other_names) value=other_names error=create.field("other_names")/>
            <TextField id="new-user-email" label=Signal::derive(move || i18n.t().operator.email) value=email error=create.field("email") input_type="email"/>
            <TextField id="new-user-enable-from" label=Signal::derive(move || i18n.t().operator.enable_from) value=enable_from error=create.field("enable_from") input_type="date"/>
            <button type="submit" disabled=create.pending()>{move || i18n.t().operator.create_user}</button>
            <AlertMessage message=create.message()/>
            <StatusMessage message=said(create, |t| t.operator.done)/>
        </form>
    }
}

#[derive(Clone)]
enum DaAction {
    Unlock(String),
    ResetSoftToken(String),
    /// R6: the operator enables or disables a DA at once (its names and dates kept).
    Change(String, DaChange),
    /// R25: a new smartcard PIN, until the cut-over.
    ResetCardPin(String),
    /// R16: a business user's groups onto the DA, after the cut-over.
    AddGroups(String, String),
}

#[component]
fn ParticipantDas(participant: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let key = StoredValue::new(participant.clone());
    let das = LocalResource::new(move || {
        let path = paths::fill(paths::OPERATOR_PARTICIPANT_DAS, &key.get_value());
        async move { api.get::<Vec<DaSummaryRow>>(&path).await }
    });
    let request = request_form();
    let pin_asked = RwSignal::new(None::<String>);
    let smartcards_open = crate::app::phase::use_phase();
    let direct = use_form(move |api, action: DaAction| async move {
        match action {
            DaAction::Unlock(id) => {
                api.post::<_, Done>(&paths::fill(paths::OPERATOR_DA_UNLOCK, &id), &Empty {})
                    .await
            }
            DaAction::ResetSoftToken(id) => {
                api.post(
                    &paths::fill(paths::OPERATOR_DA_RESET_SOFT_TOKEN, &id),
                    &Empty {},
                )
                .await
            }
            DaAction::Change(id, change) => {
                api.post(&paths::fill(paths::OPERATOR_DA, &id), &change)
                    .await
            }
            DaAction::AddGroups(id, user_id) => {
                api.post(
                    &paths::fill(paths::OPERATOR_DA_BUSINESS_GROUPS, &id),
                    &BusinessGroupsFrom { user_id },
                )
                .await
            }
            DaAction::ResetCardPin(id) => api
                .post::<_, OperatorRequestView>(
                    &paths::fill(paths::OPERATOR_DA_CARD_PIN, &id),
                    &Empty {},
                )
                .await
                .map(|asked| {
                    pin_asked.set(Some(asked.subject));
                    Done { done: true }
                }),
        }
    });
    direct.on_success(move |_| das.refetch());
    let (da_id, role, surname, other_names, email, enable_from) = (
        RwSignal::new(format!("{participant}X")),
        RwSignal::new("MAKER".to_owned()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let new_email = RwSignal::new(String::new());
    let groups_from = RwSignal::new(String::new());
    let (functions_user, functions_role) = (
        RwSignal::new(participant.clone()),
        RwSignal::new("MAKER".to_owned()),
    );
    // Table 1: DA group functions on a user, after the cut-over only.
    let may_add_functions = crate::app::phase::use_allowed(
        crate::domain::table_one::Actor::Operator,
        crate::domain::table_one::ProfileFunction::AddDaFunctionsToUser,
    );
    // R13, R16: after the cut-over only.
    let may_add_groups = crate::app::phase::use_allowed(
        crate::domain::table_one::Actor::Operator,
        crate::domain::table_one::ProfileFunction::AddBusinessGroupsToDa,
    );
    let error = Signal::derive(move || das.get().and_then(|r| r.err()).map(|e| e.message));
    view! {
        <section class="participant-das" aria-labelledby="das-title">
            <h2 id="das-title">{move || fill(i18n.t().operator.das_of, &[("participant", &key.get_value())])}</h2>
            <AlertMessage message=error/>
            <AlertMessage message=direct.message()/>
            <StatusMessage message=Signal::derive(move || pin_asked.get().map(|id| fill(i18n.t().operator.pin_requested, &[("id", &id)])).or_else(|| said(direct, |t| t.operator.done).get()))/>
            {move || das.get().and_then(|r| r.ok()).map(|rows| {
                let t = i18n.t();
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t.operator.da_id}</th>
                            <th scope="col">{t.operator.role}</th>
                            <th scope="col">{t.operator.name}</th>
                            <th scope="col">{t.operator.email}</th>
                            <th scope="col">{t.operator.locked}</th>
                            <th scope="col"><span class="visually-hidden">{t.operator.status}</span></th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|da| {
                                let role = match da.role { Some(DaRoleName::Maker) => t.operator.role_maker, Some(DaRoleName::Checker) => t.operator.role_checker, None => "" };
                                let (unlock, reset, email_for, delete) = (da.user_id.clone(), da.user_id.clone(), da.user_id.clone(), da.user_id.clone());
                                let enabled = da.status == ProfileStatus::Enabled.as_str();
                                let toggle = DaAction::Change(da.user_id.clone(), DaChange {
                                    status: if enabled { ProfileStatus::Disabled } else { ProfileStatus::Enabled }.as_str().into(),
                                    surname: da.surname.clone(),
                                    other_names: da.other_names.clone(),
                                    enable_from: da.enable_from.clone(),
                                    disable_after: da.disable_after.clone().unwrap_or_default(),
                                });
                                let toggle_label = fill(if enabled { t.operator.disable } else { t.operator.enable }, &[("id", &da.user_id)]);
                                view! {
                                    <tr>
                                        <th scope="row">{da.user_id.clone()}</th>
                                        <td>{role}</td>
                                        <td>{da.name}</td>
                                        <td>{da.email.unwrap_or_default()}</td>
                                        <td>{if da.locked { t.dms.yes } else { t.dms.no }}</td>
                                        <td class="actions">
                                            {da.locked.then(|| view! {
                                                <button type="button" on:click=move |_| direct.submit(DaAction::Unlock(unlock.clone()))>{fill(t.operator.unlock, &[("id", &da.user_id)])}</button>
                                            })}
                                            <button type="button" on:click=move |_| direct.submit(toggle.clone())>{toggle_label}</button>
                                            {smartcards_open.get().is_some_and(|p| p.allows_smartcard()).then(|| {
                                                let id = da.user_id.clone();
                                                view! {
                                                    <button type="button" on:click=move |_| direct.submit(DaAction::ResetCardPin(id.clone()))>{fill(t.operator.reset_card_pin, &[("id", &da.user_id)])}</button>
                                                }
                                            })}
                                            <button type="button" on:click=move |_| direct.submit(DaAction::ResetSoftToken(reset.clone()))>{fill(t.operator.reset_soft_token, &[("id", &da.user_id)])}</button>
                                            {may_add_groups.get().then(|| {
                                                let id = da.user_id.clone();
                                                view! {
                                                    <button type="button" on:click=move |_| direct.submit(DaAction::AddGroups(id.clone(), groups_from.get()))>{fill(t.operator.add_groups_to, &[("id", &da.user_id)])}</button>
                                                }
                                            })}
                                            <button type="button" on:click=move |_| request.submit(OperatorRequestDraft::SetDaEmail { da_id: email_for.clone(), email: new_email.get() })>{t.operator.request_email}</button>
                                            <button type="button" on:click=move |_| request.submit(OperatorRequestDraft::DeleteDa { da_id: delete.clone() })>{fill(t.operator.request_delete, &[("da", &da.user_id)])}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
            <TextField id="da-new-email" label=Signal::derive(move || i18n.t().operator.new_email) value=new_email error=request.field("email") input_type="email"/>
            <Show when=move || may_add_groups.get()>
                <TextField id="da-groups-from" label=Signal::derive(move || i18n.t().maintain.from_user_id) value=groups_from error=direct.field("user_id")/>
            </Show>
            <form class="new-da" on:submit=move |ev| {
                ev.prevent_default();
                let role = if role.get() == "CHECKER" { DaRoleName::Checker } else { DaRoleName::Maker };
                request.submit(OperatorRequestDraft::CreateDa {
                    da_id: da_id.get(), role, surname: surname.get(), other_names: other_names.get(),
                    email: email.get(), enable_from: enable_from.get(),
                });
            }>
                <h3>{move || i18n.t().operator.request_new_da}</h3>
                <TextField id="new-da-id" label=Signal::derive(move || i18n.t().operator.da_id) value=da_id error=request.field("da_id")/>
                <RoleChoice name="new-da-role" role=role/>
                <TextField id="new-da-surname" label=Signal::derive(move || i18n.t().operator.surname) value=surname error=request.field("surname")/>
                <TextField id="new-da-other-names" label=Signal::derive(move || i18n.t().operator.other_names) value=other_names error=request.field("other_names")/>
                <TextField id="new-da-email" label=Signal::derive(move || i18n.t().operator.email) value=email error=request.field("email") input_type="email"/>
                <TextField id="new-da-enable-from" label=Signal::derive(move || i18n.t().operator.enable_from) value=enable_from error=request.field("enable_from") input_type="date"/>
                <button type="submit" disabled=request.pending()>{move || i18n.t().operator.request_new_da}</button>
            </form>
            <Show when=move || may_add_functions.get()>
                <form class="da-functions" aria-labelledby="da-functions-title" on:submit=move |ev| {
                    ev.prevent_default();
                    let role = if functions_role.get() == "CHECKER" { DaRoleName::Checker } else { DaRoleName::Maker };
                    request.submit(OperatorRequestDraft::AddDaFunctions { user_id: functions_user.get(), role });
                }>
                    <h3 id="da-functions-title">{move || fill(i18n.t().operator.da_functions_title, &[("participant", &key.get_value())])}</h3>
                    <TextField id="da-functions-user" label=Signal::derive(move || i18n.t().operator.user_id) value=functions_user error=request.field("user_id")/>
                    <RoleChoice name="da-functions-role" role=functions_role/>
                    <button type="submit" disabled=request.pending()>{move || i18n.t().operator.request_da_functions}</button>
                </form>
            </Show>
            <AlertMessage message=request.message()/>
            <StatusMessage message=said(request, |t| t.operator.requested)/>
        </section>
    }
}

/// A DA's fixed role (R6), maker or checker, as two radio buttons named `name`.
#[component]
fn RoleChoice(name: &'static str, role: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset>
            <legend>{move || i18n.t().operator.role}</legend>
            {["MAKER", "CHECKER"].into_iter().map(|value| view! {
                <label>
                    <input type="radio" name=name value=value prop:checked=move || role.get() == value on:change=move |_| role.set(value.to_owned())/>
                    {move || if value == "MAKER" { i18n.t().operator.role_maker } else { i18n.t().operator.role_checker }}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
