//! What the clock does to requests: one not decided within its service days expires, one whose
//! maker may no longer act (disabled or deleted) is withdrawn, and checkers are reminded.

use crate::server::four_eyes::{self, Step};
use crate::server::store::{PendingTable, Store};

use super::decide::Requests;
use super::email_batch::Batches;
use super::reminders::remind_checkers;

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
