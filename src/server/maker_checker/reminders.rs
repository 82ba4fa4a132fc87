//! Checkers hear by mail, at most once an hour each, that requests wait for them.

use jiff::SignedDuration;

use crate::domain::{EmailAddress, ParticipantId};
use crate::server::mail::waiting_mail;
use crate::server::store::{Change, MailKind};

/// A checker hears of waiting requests at most this often.
const REMINDER_EVERY: SignedDuration = SignedDuration::from_hours(1);

/// Mails each checker of `participant` who has not heard within the hour, as part of `change`.
pub async fn remind_checkers(
    change: &mut Change,
    participant: &ParticipantId,
) -> anyhow::Result<()> {
    let waiting = change.pending_count(participant).await?;
    if waiting == 0 {
        return Ok(());
    }
    let since = change.at() - REMINDER_EVERY;
    for checker in change.checkers_of(participant).await? {
        if change
            .mailed_since(&checker, MailKind::RequestsWaiting, since)
            .await?
        {
            continue;
        }
        let Some(contact) = change.contact(&checker).await? else {
            continue;
        };
        let Some(to) = contact
            .email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok())
        else {
            continue;
        };
        let count = usize::try_from(waiting).unwrap_or_default();
        let mail = waiting_mail(&to, participant.as_str(), count, contact.language)
            .into_outbox(MailKind::RequestsWaiting, Some(checker.as_str()));
        change.enqueue_mail(&mail).await?;
    }
    Ok(())
}
