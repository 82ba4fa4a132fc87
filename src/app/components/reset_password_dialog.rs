//! "Forgot/Reset your Password" (seed Appendix B, steps 3–7; R17, R18): a pop-up that walks
//! user ID → e-mailed OTP → new password twice → confirmation → Close.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::{AlertMessage, Countdown, Modal, PolicyChecklist, StatusMessage, TextField};
use crate::api::{
    paths, Done, OtpSent, PasswordResetComplete, PasswordResetStart, PasswordResetTicket,
    PasswordResetVerify,
};
use crate::app::form::post_form;
use crate::app::i18n::use_i18n;
use crate::i18n::fill;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    UserId,
    Otp,
    NewPassword,
    Done,
}

#[component]
pub fn ResetPasswordDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::UserId);
    let user_id = RwSignal::new(String::new());
    let otp = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let ticket = RwSignal::new(String::new());
    let expires_ms = RwSignal::new(0.0_f64);
    let status = RwSignal::new(None::<String>);

    let send = post_form::<PasswordResetStart, OtpSent>(paths::PASSWORD_RESET);
    let verify =
        post_form::<PasswordResetVerify, PasswordResetTicket>(paths::PASSWORD_RESET_VERIFY);
    let complete = post_form::<PasswordResetComplete, Done>(paths::PASSWORD_RESET_COMPLETE);
    // One alert for the three requests: each submission clears what the others said.
    let clear_all = move || {
        send.clear();
        verify.clear();
        complete.clear();
    };

    // Each opening starts afresh.
    Effect::new(move |_| {
        if open.get() {
            step.set(Step::UserId);
            for field in [otp, password, confirmation, ticket] {
                field.set(String::new());
            }
            clear_all();
            status.set(None);
        }
    });

    send.on_success(move |sent| {
        expires_ms.set(js_sys::Date::now() + sent.valid_seconds as f64 * 1000.0);
        let user = user_id.get_untracked().trim().to_ascii_uppercase();
        status.set(Some(fill(i18n.t().password.reset_sent, &[("user", &user)])));
        otp.set(String::new());
        step.set(Step::Otp);
    });
    verify.on_success(move |t| {
        ticket.set(t.ticket);
        status.set(None);
        step.set(Step::NewPassword);
    });
    complete.on_success(move |_| step.set(Step::Done));

    let error = move || {
        send.error()
            .get()
            .or_else(|| verify.error().get())
            .or_else(|| complete.error().get())
    };
    let field_error = move |name: &'static str| {
        Signal::derive(move || error().and_then(|e| e.field(name).map(str::to_owned)))
    };
    let message = Signal::derive(move || error().map(|e| e.message));
    let busy = move || send.pending().get() || verify.pending().get() || complete.pending().get();
    let send_user_id = move || {
        send.submit(PasswordResetStart {
            user_id: user_id.get_untracked(),
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        clear_all();
        match step.get_untracked() {
            Step::UserId => send_user_id(),
            Step::Otp => verify.submit(PasswordResetVerify {
                user_id: user_id.get_untracked(),
                otp: otp.get_untracked(),
            }),
            Step::NewPassword => complete.submit(PasswordResetComplete {
                ticket: ticket.get_untracked(),
                password: password.get_untracked(),
                confirmation: confirmation.get_untracked(),
            }),
            Step::Done => open.set(false),
        }
    };
    let normalised_user = Signal::derive(move || user_id.get().trim().to_ascii_uppercase());

    view! {
        <Modal open=open labelled_by="reset-title">
            <h2 id="reset-title">{move || i18n.t().login.forgot_password}</h2>
            <form on:submit=on_submit novalidate>
                {move || match step.get() {
                    Step::UserId => view! {
                        <p>{move || i18n.t().password.reset_intro}</p>
                        <TextField id="reset-user-id" label=Signal::derive(move || i18n.t().login.user_id_label)
                            value=user_id error=field_error("user_id") autocomplete="username"/>
                    }.into_any(),
                    Step::Otp => view! {
                        <TextField id="reset-otp" label=Signal::derive(move || i18n.t().password.reset_otp_label)
                            value=otp error=field_error("otp") autocomplete="one-time-code" inputmode="numeric"/>
                        <Countdown until_ms=expires_ms.into()/>
                        <button type="button" class="link" on:click=move |_| { clear_all(); send_user_id(); }>
                            {move || i18n.t().two_factor.send_again}
                        </button>
                    }.into_any(),
                    Step::NewPassword => view! {
                        <TextField id="new-password" label=Signal::derive(move || i18n.t().password.new_password_label)
                            value=password error=field_error("password") input_type="password" autocomplete="new-password"/>
                        <TextField id="confirm-password" label=Signal::derive(move || i18n.t().password.confirm_password_label)
                            value=confirmation error=field_error("confirmation") input_type="password" autocomplete="new-password"/>
                        <PolicyChecklist password=password confirmation=confirmation user_id=normalised_user/>
                    }.into_any(),
                    Step::Done => view! { <p class="success-text">{move || i18n.t().password.reset_done}</p> }.into_any(),
                }}
                <StatusMessage message=status.into()/>
                <AlertMessage message=message/>
                <div class="actions">
                    <Show when=move || step.get() != Step::Done>
                        <button type="submit" class="primary" disabled=busy>{move || i18n.t().common.submit}</button>
                    </Show>
                    <button type="button" on:click=move |_| open.set(false)>{move || i18n.t().common.close}</button>
                </div>
            </form>
        </Modal>
    }
}
