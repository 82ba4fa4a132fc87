use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::DaRoleName;
use crate::app::i18n::use_i18n;
use crate::app::routes::{DmsFunction, Page};
use crate::app::session::use_session;
use crate::i18n::{fill, Catalogue};

/// A function's name as the seed's menu shows it.
pub fn function_name(t: &'static Catalogue, function: DmsFunction) -> &'static str {
    let m = &t.maintain;
    match function {
        DmsFunction::Enquire => m.enquire_user_profile,
        DmsFunction::Change => m.change_user_profile,
        DmsFunction::Create => m.create_user_profile,
        DmsFunction::Delete => m.delete_user_profile,
        DmsFunction::Unlock => m.unlock_user,
        DmsFunction::ResetSoftToken => m.reset_soft_token,
    }
}

/// The DMS's frame (seed Appendix A): who is working, as which DA of which participant, and
/// the tabs with their functions, each a link that survives a reload.
#[component]
pub fn DmsShell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let refresh = crate::app::refresh::use_refresh();
    // R13: before the parallel run HKEX creates users, so the menu does not offer it to DAs.
    let may_create = crate::app::phase::use_allowed(
        crate::domain::table_one::Actor::Da,
        crate::domain::table_one::ProfileFunction::CreateUser,
    );
    let may_add_groups = crate::app::phase::use_allowed(
        crate::domain::table_one::Actor::Da,
        crate::domain::table_one::ProfileFunction::AddBusinessGroupsToDa,
    );
    let is_maker = move || {
        session
            .me()
            .and_then(|me| me.da)
            .is_some_and(|da| da.role == DaRoleName::Maker)
    };
    // Each tab: its heading and its functions, as (page, name).
    let tabs = move || {
        let t = i18n.t();
        let mut maintain = DmsFunction::ALL
            .iter()
            .filter(|&&f| f != DmsFunction::Create || may_create.get())
            .map(|&f| (Page::DmsMaintain(f), function_name(t, f)))
            .collect::<Vec<_>>();
        // A batch is a maker's request; checkers reach batches from Pending Requests.
        if is_maker() {
            maintain.push((Page::DmsBulkEmail, t.bulk_email.nav));
            // R13, R16: after the cut-over only.
            if may_add_groups.get() {
                maintain.push((Page::DmsBusinessGroups, t.maintain.add_business_groups));
            }
        }
        vec![
            (
                t.dms.view_listings,
                vec![
                    (Page::DmsUsers, t.dms.user_profile_listing),
                    (Page::DmsAudit, t.maintain.audit_trail),
                ],
            ),
            (t.maintain.maintain_user_profile, maintain),
            (
                t.maintain.authorisation,
                vec![
                    (Page::DmsRequests, t.maintain.pending_requests),
                    (
                        Page::DmsAuthorisationCode,
                        t.maintain.get_authorisation_code,
                    ),
                ],
            ),
        ]
    };
    view! {
        {move || session.me().and_then(|me| me.da.map(|da| (me.user_id, da))).map(|(user, da)| {
            let role = move || match da.role {
                DaRoleName::Maker => i18n.t().dms.role_maker,
                DaRoleName::Checker => i18n.t().dms.role_checker,
            };
            let participant = da.participant_id.clone();
            view! {
                <div class="dms-shell">
                    <p class="dms-who">{move || fill(i18n.t().dms.header, &[("user", &user), ("role", role()), ("participant", &participant)])}</p>
                    <nav class="dms-tabs" aria-label="DMS">
                        {move || tabs().into_iter().enumerate().map(|(n, (heading, items))| {
                            let (id, labelled_by) = (format!("dms-tab-{n}"), format!("dms-tab-{n}"));
                            view! {
                                <section aria-labelledby=labelled_by>
                                    <h2 id=id>{heading}</h2>
                                    <ul>
                                        {items.into_iter().map(|(page, name)| view! {
                                            <li><A href=page.path() on:click=move |_| refresh.bump()>{name}</A></li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            }
                        }).collect_view()}
                    </nav>
                </div>
            }
        })}
    }
}
