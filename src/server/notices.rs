//! Notices (R26d, ASVS 2.2.3): a change to someone's log-in is announced by mail to their
//! registered address through the outbox, in the language they last used.

use super::mail::{notice_mail, Notice};
use super::state::AppState;
use super::store::MailKind;
use crate::domain::EmailAddress;
use crate::i18n::Language;

/// Records the notice for delivery; a profile without an e-mail address gets none. `spoken`
/// is the language of the request when the person themselves made the change: it becomes the
/// language they last used.
pub async fn announce(
    state: &AppState,
    login_id: &str,
    notice: Notice,
    spoken: Option<Language>,
) -> anyhow::Result<()> {
    if let Some(language) = spoken {
        state.store.set_language(login_id, language).await?;
    }
    let Some(contact) = state.store.contact(login_id).await? else {
        return Ok(());
    };
    let Some(to) = contact
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
    else {
        return Ok(());
    };
    let now = state.now();
    let mail = notice_mail(&to, login_id, notice, now, contact.language)
        .into_outbox(MailKind::Notice, Some(login_id));
    state.store.enqueue_mail(&mail, now).await?;
    state.outbox.wake();
    Ok(())
}
