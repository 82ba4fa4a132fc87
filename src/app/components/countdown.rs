use std::time::Duration;

use leptos::prelude::*;

use crate::app::i18n::use_i18n;
use crate::i18n::fill;

/// "The code is valid for another 4:59.", ticking each second (R17: five minutes).
#[component]
pub fn Countdown(until_ms: Signal<f64>) -> impl IntoView {
    let i18n = use_i18n();
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let text = move || {
        let left = ((until_ms.get() - now.get()) / 1000.0).ceil();
        if left <= 0.0 {
            i18n.t().two_factor.otp_countdown_over.to_owned()
        } else {
            let seconds = left as u64;
            let time = format!("{}:{:02}", seconds / 60, seconds % 60);
            fill(i18n.t().two_factor.otp_countdown, &[("time", &time)])
        }
    };
    // role=timer is not announced on every tick; the text is there when the user looks.
    view! { <p class="countdown" role="timer">{text}</p> }
}
