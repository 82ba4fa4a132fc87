//! A change: one transaction that carries the writes of one action and the audit rows and mail
//! that record it, so that they commit together or not at all.

use jiff::Timestamp;
use sqlx::{Any, AnyConnection, Transaction};

use super::{Backend, Store};

/// One unit of work. Dropped without [`Change::commit`], nothing of it happened.
///
/// While a change is open, every write of the same request goes through it: a second writer
/// on the pool would wait for this one's locks (SQLite has one writer at a time).
pub struct Change {
    tx: Transaction<'static, Any>,
    at: Timestamp,
    mail_queued: bool,
}

/// What a committed change leaves for the caller to do.
#[must_use]
pub struct Committed {
    /// Mail was recorded in the outbox: the sender should look now.
    pub mail_queued: bool,
}

impl Store {
    /// Begins a change made at `at` (the server's clock).
    pub async fn change(&self, at: Timestamp) -> anyhow::Result<Change> {
        let tx = match self.backend {
            // The writer's lock from the start: a change that reads before it writes would
            // otherwise fail when another connection wrote in between (SQLITE_BUSY_SNAPSHOT);
            // this way it waits its turn (busy_timeout).
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Change {
            tx,
            at,
            mail_queued: false,
        })
    }
}

impl Change {
    pub fn at(&self) -> Timestamp {
        self.at
    }

    pub(super) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    pub(super) fn mail_was_queued(&mut self) {
        self.mail_queued = true;
    }

    pub async fn commit(self) -> anyhow::Result<Committed> {
        self.tx.commit().await?;
        Ok(Committed {
            mail_queued: self.mail_queued,
        })
    }
}
