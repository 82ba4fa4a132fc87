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
    /// The audit events it wrote (action and detail): chained as it commits, then counted.
    audited: Vec<(crate::domain::AuditAction, String)>,
    backend: Backend,
    secrets: Option<std::sync::Arc<crate::server::security::secrets::KeyRing>>,
}

/// What a committed change leaves for the caller to do.
#[must_use]
pub struct Committed {
    /// Mail was recorded in the outbox: the sender should look now.
    pub mail_queued: bool,
    /// The audit events it wrote, now committed (the metrics count some of them).
    pub audited: Vec<(crate::domain::AuditAction, String)>,
}

/// A point inside a change that what follows can be undone back to, leaving what came before.
#[must_use]
pub struct Savepoint {
    audited: usize,
}

impl Store {
    /// Begins a change made at `at` (the server's clock).
    pub async fn change(&self, at: Timestamp) -> anyhow::Result<Change> {
        let tx = self.begin_write().await?;
        Ok(Change {
            tx,
            at,
            mail_queued: false,
            audited: Vec::new(),
            backend: self.backend,
            secrets: self.secrets.clone(),
        })
    }
}

impl Store {
    /// A transaction that will write. On SQLite it takes the writer's lock from the start: one
    /// that reads before it writes would otherwise fail when another connection wrote in
    /// between (SQLITE_BUSY_SNAPSHOT); this way it waits its turn (busy_timeout).
    pub(super) async fn begin_write(&self) -> anyhow::Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }
}

/// What a login holds besides its profile or operator row: removing the login removes these.
pub(super) const EVERYTHING_OF_LOGIN: [&str; 6] = [
    "DELETE FROM credentials WHERE login_id = $1",
    "DELETE FROM password_history WHERE login_id = $1",
    "DELETE FROM recovery_codes WHERE login_id = $1",
    "DELETE FROM email_otps WHERE login_id = $1",
    "DELETE FROM sessions WHERE login_id = $1",
    "DELETE FROM passkeys WHERE login_id = $1",
];

/// A login's second factor (a lost phone): the next log-in registers a device again (R26a).
/// Its passkeys go too: "Reset Soft Token" leaves the user no second factor but a new one.
pub(super) const SECOND_FACTOR_OF_LOGIN: [&str; 4] = [
    "UPDATE credentials SET otp_channel = NULL, totp_secret = NULL, totp_pending_secret = NULL, \
     totp_pending_at = NULL, totp_last_step = NULL WHERE login_id = $1",
    "DELETE FROM recovery_codes WHERE login_id = $1",
    "DELETE FROM email_otps WHERE login_id = $1",
    "DELETE FROM passkeys WHERE login_id = $1",
];

impl Change {
    /// Runs each statement with `login` as its one parameter.
    pub(super) async fn for_login(
        &mut self,
        login: &str,
        statements: &[&str],
    ) -> anyhow::Result<()> {
        for statement in statements {
            sqlx::query(statement)
                .bind(login)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    pub fn at(&self) -> Timestamp {
        self.at
    }

    pub(super) fn seal(
        &self,
        column: crate::server::security::secrets::Column,
        plain: &str,
    ) -> anyhow::Result<String> {
        super::seal_with(&self.secrets, column, plain)
    }

    pub(super) fn open(
        &self,
        column: crate::server::security::secrets::Column,
        stored: &str,
    ) -> anyhow::Result<String> {
        super::open_with(&self.secrets, column, stored)
    }

    pub(super) fn backend(&self) -> Backend {
        self.backend
    }

    pub(super) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    pub(super) fn mail_was_queued(&mut self) {
        self.mail_queued = true;
    }

    pub(super) fn audit_was_written(&mut self, action: crate::domain::AuditAction, detail: &str) {
        self.audited.push((action, detail.to_owned()));
    }

    /// Marks this point of the change (one at a time): [`Change::roll_back_to`] undoes what
    /// follows it.
    pub async fn savepoint(&mut self) -> anyhow::Result<Savepoint> {
        sqlx::query("SAVEPOINT change_step")
            .execute(self.conn())
            .await?;
        Ok(Savepoint {
            audited: self.audited.len(),
        })
    }

    /// Undoes every write since `savepoint`; the change goes on from there.
    pub async fn roll_back_to(&mut self, savepoint: Savepoint) -> anyhow::Result<()> {
        sqlx::query("ROLLBACK TO SAVEPOINT change_step")
            .execute(self.conn())
            .await?;
        self.audited.truncate(savepoint.audited);
        Ok(())
    }

    pub async fn commit(mut self) -> anyhow::Result<Committed> {
        // Last, so the chain's head is held only for the commit itself.
        if !self.audited.is_empty() {
            self.chain_audit_events().await?;
        }
        self.tx.commit().await?;
        Ok(Committed {
            mail_queued: self.mail_queued,
            audited: self.audited,
        })
    }
}
