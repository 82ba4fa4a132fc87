use leptos::prelude::*;

use crate::app::i18n::use_i18n;
use crate::domain::password_policy::{PolicyBreach, PolicyReport};

/// The password policy, each rule marked met or not as the user types (R17).
#[component]
pub fn PolicyChecklist(
    password: RwSignal<String>,
    confirmation: RwSignal<String>,
    user_id: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let report = Memo::new(move |_| {
        PolicyReport::evaluate(&password.get(), &confirmation.get(), &user_id.get())
    });
    let rule = move |breach: PolicyBreach, met: fn(&PolicyReport) -> bool| {
        let is_met = move || met(&report.get());
        view! {
            <li class=move || if is_met() { "met" } else { "unmet" }>
                <span aria-hidden="true">{move || if is_met() { "✓ " } else { "✗ " }}</span>
                {move || i18n.t().policy_rule(breach)}
                " "
                <span class="visually-hidden">
                    {move || if is_met() { i18n.t().password.policy_state_met } else { i18n.t().password.policy_state_unmet }}
                </span>
            </li>
        }
    };
    view! {
        <div class="policy" id="password-policy">
            <p>{move || i18n.t().password.policy_heading}</p>
            <ul>
                {rule(PolicyBreach::TooShort, |r| r.long_enough)}
                {rule(PolicyBreach::TooLong, |r| r.short_enough)}
                {rule(PolicyBreach::IsUserId, |r| r.not_user_id)}
                {rule(PolicyBreach::Mismatch, |r| r.entries_match)}
            </ul>
            <p class="note">{move || i18n.t().password.policy_server_note}</p>
        </div>
    }
}
