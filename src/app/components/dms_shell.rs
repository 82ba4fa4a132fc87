use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::DaRoleName;
use crate::app::i18n::use_i18n;
use crate::app::routes::Page;
use crate::app::session::use_session;
use crate::i18n::fill;

/// The DMS's frame (seed Appendix A): who is working, as which DA of which participant, and
/// the tabs with their functions.
#[component]
pub fn DmsShell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
                        <section aria-labelledby="tab-listings">
                            <h2 id="tab-listings">{move || i18n.t().dms.view_listings}</h2>
                            <ul>
                                <li><A href=Page::DmsUsers.path()>{move || i18n.t().dms.user_profile_listing}</A></li>
                            </ul>
                        </section>
                    </nav>
                </div>
            }
        })}
    }
}
