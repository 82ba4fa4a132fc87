//! What the clock does to requests: a request not decided within its service days expires, a
//! request whose maker may no longer act (disabled or deleted) is withdrawn, and checkers hear
//! by mail, at most once an hour each, that requests wait for them.

use jiff::SignedDuration;

use crate::domain::{EmailAddress, ParticipantId};
use crate::server::four_eyes::{self, Step};
use crate::server::mail::waiting_mail;
use crate::server::store::{Change, MailKind, PendingTable, Store};

use super::decide::Requests;
use super::email_batch::Batches;

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

/// Expires, withdraws and reminds; one change per item, so one failure stops nothing else.
pub async fn sweep(store: &Store, now: jiff::Timestamp) -> anyhow::Result<()> {
    for request in store.requests_to_close(now).await? {
        let step = if request.expires_at <= now {
            Step::Expired
        } else {
            Step::Withdrawn
        };
        four_eyes::close_by_clock::<Requests>(store, now, &request.request_id, step).await?;
    }
    for batch_id in store
        .pending_past_deadline(PendingTable::EmailBatches, now)
        .await?
    {
        four_eyes::close_by_clock::<Batches>(store, now, &batch_id, Step::Expired).await?;
    }
    for participant in store.participants_with_waiting_requests().await? {
        let mut change = store.change(now).await?;
        remind_checkers(&mut change, &participant).await?;
        let _ = change.commit().await?;
    }
    Ok(())
}
