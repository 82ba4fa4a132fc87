//! The daily retention purge (Hong Kong's PDPO: data kept no longer than needed); the first
//! runs at start-up. What each purge removes is on the audit trail.

use std::sync::Arc;
use std::time::Duration;

use crate::server::clock::Clock;
use crate::server::config::Retention;
use crate::server::store::Store;

const EVERY: Duration = Duration::from_secs(24 * 3600);

pub fn spawn(
    store: Store,
    clock: Arc<dyn Clock>,
    retention: Retention,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match store.purge(retention, clock.now()).await {
                Ok(purged) => tracing::info!(?purged, "retention purge"),
                Err(error) => tracing::warn!(error = format!("{error:#}"), "retention purge"),
            }
            tokio::time::sleep(EVERY).await;
        }
    })
}
