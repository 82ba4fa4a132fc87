//! The background sender of the outbox: claims due rows under a lease, delivers them, and
//! retries failures with backoff. It wakes when a request records mail and polls besides, for
//! rows of other instances, retries, and rows left over from before a restart.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::sync::Notify;

use super::Mailer;
use crate::server::clock::Clock;
use crate::server::store::{new_row_id, Store};

/// Rows claimed at once.
const BATCH: i64 = 20;
/// Longer than an SMTP exchange can take (lettre gives up after a minute).
const LEASE: SignedDuration = SignedDuration::from_secs(120);
const POLL: Duration = Duration::from_secs(2);
/// After this many failed attempts the row is given up (and its body dropped).
const MAX_ATTEMPTS: i64 = 10;

/// Wakes the sender when a request has recorded mail.
#[derive(Clone, Default)]
pub struct OutboxSignal(Arc<Notify>);

impl OutboxSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// Seconds before the next attempt after `attempts` failures: 5 s, 10 s, 20 s … at most 15 min.
pub fn backoff(attempts: i64) -> SignedDuration {
    let exponent = u32::try_from(attempts.clamp(0, 16)).unwrap_or(16);
    SignedDuration::from_secs((5_i64 << exponent).min(15 * 60))
}

/// The running sender: stopped at shutdown, its leases handed back.
pub struct Sender {
    task: tokio::task::JoinHandle<()>,
    owner: String,
    stopping: Arc<Notify>,
    store: Store,
}

pub fn spawn(store: Store, mailer: Mailer, clock: Arc<dyn Clock>, signal: OutboxSignal) -> Sender {
    let owner = new_row_id();
    let stopping = Arc::new(Notify::new());
    let task = {
        let (owner, stopping, store) = (owner.clone(), stopping.clone(), store.clone());
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    // A send under way is cut short; its lease is handed back below.
                    () = stopping.notified() => return,
                    round = deliver_due(&store, &mailer, clock.as_ref(), &owner) => match round {
                        Ok(claimed) if claimed == BATCH as usize => continue,
                        Ok(_) => {}
                        Err(error) => tracing::warn!(error = format!("{error:#}"), "mail outbox"),
                    },
                }
                tokio::select! {
                    () = stopping.notified() => return,
                    () = signal.0.notified() => {},
                    () = tokio::time::sleep(POLL) => {},
                }
            }
        })
    };
    Sender {
        task,
        owner,
        stopping,
        store,
    }
}

impl Sender {
    /// Stops sending and hands back the leases of rows not sent: another instance (or this one
    /// restarted) sends them at once instead of after the lease's two minutes.
    pub async fn stop(self) {
        self.stopping.notify_one();
        let _ = self.task.await;
        match self.store.release_mail_leases(&self.owner).await {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "mail leases handed back at shutdown"),
            Err(error) => tracing::warn!(error = format!("{error:#}"), "handing mail leases back"),
        }
    }
}

/// One round: claims what is due and tries each. Answers how many rows it claimed.
pub async fn deliver_due(
    store: &Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    owner: &str,
) -> anyhow::Result<usize> {
    let now = clock.now();
    let claimed = store.claim_due_mail(owner, now, now + LEASE, BATCH).await?;
    for mail in &claimed {
        match mailer.send(mail, clock.now()).await {
            Ok(()) => {
                store
                    .mark_mail_delivered(&mail.mail_id, owner, clock.now())
                    .await?;
            }
            Err(error) => {
                let attempts = mail.attempts + 1;
                let now = clock.now();
                let retry_at: Option<Timestamp> =
                    (attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts));
                tracing::warn!(
                    message_id = %mail.message_id,
                    attempts,
                    error = format!("{error:#}"),
                    "mail not delivered"
                );
                store
                    .mark_mail_failed(&mail.mail_id, owner, &format!("{error:#}"), retry_at, now)
                    .await?;
            }
        }
    }
    Ok(claimed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_quarter_hour() {
        assert_eq!(backoff(0).as_secs(), 5);
        assert_eq!(backoff(1).as_secs(), 10);
        assert_eq!(backoff(3).as_secs(), 40);
        assert_eq!(backoff(9).as_secs(), 900);
        assert_eq!(backoff(60).as_secs(), 900);
    }
}
