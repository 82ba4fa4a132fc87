//! Notices (R26d, ASVS 2.2.3): a change to someone's log-in is announced by mail to their
//! registered address through the outbox, in the language they last used, in the change's own
//! transaction.

use crate::domain::EmailAddress;
use crate::domain::LoginId;
use crate::i18n::Language;
use crate::server::mail::{notice_mail, Notice};
use crate::server::store::{Change, MailKind};

/// Records the notice for delivery as part of `change`; a profile without an e-mail address
/// gets none. `spoken` is the language of the request when the person themselves made the
/// change: it becomes the language they last used.
pub async fn announce(
    change: &mut Change,
    login_id: &LoginId,
    notice: Notice,
    spoken: Option<Language>,
) -> anyhow::Result<()> {
    if let Some(language) = spoken {
        change.set_language(login_id, language).await?;
    }
    let Some(contact) = change.contact(login_id).await? else {
        return Ok(());
    };
    let Some(to) = contact
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
    else {
        return Ok(());
    };
    let mail = notice_mail(
        &to,
        login_id.as_str(),
        notice,
        change.at(),
        contact.language,
    )
    .into_outbox(MailKind::Notice, Some(login_id.as_str()));
    change.enqueue_mail(&mail).await?;
    Ok(())
}

/// Records a notice to a given address, such as the one a change of e-mail leaves behind.
pub async fn announce_to(
    change: &mut Change,
    login_id: &LoginId,
    to: &EmailAddress,
    notice: Notice,
) -> anyhow::Result<()> {
    let language = change.contact(login_id).await?.and_then(|c| c.language);
    let mail = notice_mail(to, login_id.as_str(), notice, change.at(), language)
        .into_outbox(MailKind::Notice, Some(login_id.as_str()));
    change.enqueue_mail(&mail).await?;
    Ok(())
}
