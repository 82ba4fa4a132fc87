//! Forgetting what is no longer needed, so that every store stays bounded: spent attempt
//! windows, failures of unknown IDs, expired codes and tickets (old mail, sessions and audit
//! events go by the retention purge, `jobs::retention`); and the
//! requests the clock closes, with the checkers' reminders.

use std::sync::Arc;
use std::time::Duration;

use jiff::SignedDuration;

use crate::server::clock::Clock;
use crate::server::store::Store;

const EVERY: Duration = Duration::from_secs(600);
/// Failures of IDs without an account are kept this long, and at most this many.
const UNKNOWN_FAILURES_KEPT: SignedDuration = SignedDuration::from_hours(24 * 30);
const UNKNOWN_FAILURES_MAX: i64 = 100_000;

pub fn spawn(store: Store, clock: Arc<dyn Clock>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = sweep(&store, clock.as_ref()).await {
                tracing::warn!(error = format!("{error:#}"), "housekeeping");
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}

pub async fn sweep(store: &Store, clock: &dyn Clock) -> anyhow::Result<()> {
    let now = clock.now();
    store
        .prune_budgets(now - SignedDuration::from_hours(1))
        .await?;
    store
        .prune_unknown_failures(now - UNKNOWN_FAILURES_KEPT, UNKNOWN_FAILURES_MAX)
        .await?;
    store
        .prune_expired_codes(now - SignedDuration::from_hours(1))
        .await?;
    crate::server::maker_checker::housekeeping::sweep(store, now).await?;
    Ok(())
}
