//! What the console's forms share: a request for a second operator, and the confirmation of
//! an action just done.

use leptos::prelude::*;

use crate::api::{OperatorRequestDraft, OperatorRequestView};
use crate::app::form::{use_form, Form};

/// A form that makes a request for a second operator; says so when it is recorded.
pub(crate) fn request_form() -> Form<OperatorRequestDraft, OperatorRequestView> {
    use_form(move |api, draft: OperatorRequestDraft| async move {
        api.post(crate::api::paths::OPERATOR_REQUESTS, &draft).await
    })
}

/// The text for a phase name as stored (`PARALLEL` …).
pub(crate) fn phase_text(t: &'static crate::i18n::Catalogue, raw: &str) -> &'static str {
    match crate::domain::MigrationPhase::try_from(raw) {
        Ok(phase) => t.phase_name(phase),
        Err(_) => "",
    }
}

/// Confirmation for what an action just did.
pub(crate) fn said<I: 'static, O: Clone + 'static>(
    form: Form<I, O>,
    text: fn(&'static crate::i18n::Catalogue) -> &'static str,
) -> Signal<Option<String>> {
    let i18n = crate::app::i18n::use_i18n();
    let succeeded = form.succeeded();
    Signal::derive(move || succeeded.get().then(|| text(i18n.t()).to_owned()))
}
