//! "Login with Smartcard" (R25), the legacy log-in, modelled: user ID, the card's SRN and its
//! PIN, in a pop-up beside the 2FA log-in; the card is both factors, so it lands on the home.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{AlertMessage, Modal, TextField};
use crate::api::{paths, SignedIn, SmartcardLoginRequest};
use crate::app::form::post_form;
use crate::app::i18n::use_i18n;
use crate::app::routes::Page;

#[component]
pub fn SmartcardDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let (user_id, srn, pin) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let log_in = post_form::<SmartcardLoginRequest, SignedIn>(paths::SMARTCARD_LOGIN);
    log_in.on_success(move |signed_in| {
        open.set(false);
        navigate(Page::Home(signed_in.home).path(), Default::default());
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        log_in.submit(SmartcardLoginRequest {
            user_id: user_id.get(),
            srn: srn.get(),
            pin: pin.get(),
        });
    };
    view! {
        <Modal open=open labelled_by="smartcard-title">
            <h2 id="smartcard-title">{move || i18n.t().login.smartcard_button}</h2>
            <p>{move || i18n.t().login.smartcard_intro}</p>
            <form on:submit=submit novalidate>
                <TextField id="card-user-id" label=Signal::derive(move || i18n.t().login.user_id_label)
                    value=user_id error=log_in.field("user_id") autocomplete="username"/>
                <TextField id="card-srn" label=Signal::derive(move || i18n.t().login.srn_label)
                    value=srn error=log_in.field("srn")/>
                <TextField id="card-pin" label=Signal::derive(move || i18n.t().login.pin_label)
                    value=pin error=log_in.field("pin") input_type="password" inputmode="numeric"/>
                <AlertMessage message=log_in.message()/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || log_in.pending().get()>
                        {move || i18n.t().login.log_in}
                    </button>
                    <button type="button" on:click=move |_| open.set(false)>{move || i18n.t().common.cancel}</button>
                </div>
            </form>
        </Modal>
    }
}
