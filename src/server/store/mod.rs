//! Storage through sqlx: one schema, migrated at start-up, on an embedded SQLite file (the
//! default) or PostgreSQL. Queries use only what both understand: `$n` placeholders, TEXT and
//! BIGINT columns, times as Unix milliseconds.

mod attempts;
mod audit;
mod audit_chain;
mod authorisation_codes;
mod change;
mod credentials;
mod cut_over;
mod das;
mod email_batches;
mod factor_policy;
mod holidays;
mod listing;
mod mailbox;
mod maintenance;
mod oidc_client_requests;
mod oidc_clients;
mod oidc_grants;
mod oidc_logouts;
mod one_time_codes;
mod operator_requests;
mod operators;
mod outbox;
mod passkeys;
mod pending_items;
mod principals;
mod profiles;
mod readiness;
mod requests;
mod retention;
mod sealing;
mod sessions;
mod signing_keys;
mod system;
mod test_clock;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use crate::server::security::secrets::{Column, KeyRing};
use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use audit::{AuditEvent, AuditFilter, StoredAuditEvent};
pub use audit_chain::ChainReport;
pub use authorisation_codes::{CodeAttempt, CodeUse, BLOCKED_FOR, MAX_WRONG_CODES};
pub use change::{Change, Committed, Savepoint};
pub use credentials::{FailureOutcome, TotpState};
pub use cut_over::{ArchivableProfile, ArchiveEntry, CutOverDone, DaStanding, RemovalCount};
pub use das::{DaRow, NewDa};
pub use email_batches::{NewBatchRow, ScopeProfile, StoredBatch, StoredBatchRow};
pub use holidays::Holiday;
pub use listing::{ListedProfile, ListingFilter, ListingPage, ListingSort};
pub use mailbox::StoredMail;
pub use maintenance::StoredProfile;
pub use oidc_client_requests::{ClientAction, NewClientRequest, StoredClientRequest};
pub use oidc_clients::StoredClient;
pub use oidc_grants::{
    CodeTaken, Identity, NewToken, StoredAuthorization, StoredCode, StoredToken, TokenKind,
};
pub use oidc_logouts::DueLogout;
pub use one_time_codes::{code_hash, CodeCheck, RecoveryCheck};
pub use operator_requests::{
    OperatorAction, StoredOperatorRequest, SubjectPending, HOLIDAYS_SUBJECT, PHASE_SUBJECT,
};
pub use operators::OperatorRow;
pub use outbox::{ClaimedMail, MailKind, NewMail};
pub use passkeys::{credential_id, may_be_synced, stored_time, Ceremony, StoredPasskey};
pub use pending_items::{Deadline, Decided, PendingTable};
pub use principals::{ParticipantRow, Standing};
pub use profiles::{Contact, LoginRecord, NewOperator, NewParticipant, NewProfile, ProfileKind};
pub use readiness::ParticipantReadiness;
pub use requests::{AlreadyPending, NewRequest, StoredRequest};
pub use retention::Purged;
pub use sessions::{new_sid, NewSession, Proof, SessionRecord};
pub use signing_keys::{KeyRow, KeyState};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Which database is behind the pool: the few statements that differ ask it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Seals the secrets at rest; `None` for a store that only reads plain tables (tests, the
    /// command line), which fails if it meets a secret.
    secrets: Option<Arc<KeyRing>>,
}

/// A secret sealed for its column, or a clear error when this store holds no key.
fn seal_with(
    secrets: &Option<Arc<KeyRing>>,
    column: Column,
    plain: &str,
) -> anyhow::Result<String> {
    let keys = secrets
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("no secrets key ring: cannot store a secret"))?;
    Ok(keys.seal(column, plain))
}

fn open_with(
    secrets: &Option<Arc<KeyRing>>,
    column: Column,
    stored: &str,
) -> anyhow::Result<String> {
    match secrets {
        Some(keys) => Ok(keys.open(column, stored)?),
        None => anyhow::bail!("no secrets key ring: cannot read a stored secret"),
    }
}

impl Store {
    /// The store with the key ring that seals and opens its secrets.
    pub fn with_secrets(mut self, keys: Arc<KeyRing>) -> Self {
        self.secrets = Some(keys);
        self
    }

    pub(super) fn open(&self, column: Column, stored: &str) -> anyhow::Result<String> {
        open_with(&self.secrets, column, stored)
    }
}

impl Store {
    /// Connects, creating an SQLite file and its folder on first start, and migrates.
    pub async fn connect(database_url: &str) -> anyhow::Result<Self> {
        Self::connect_with(
            database_url,
            crate::server::config::DEFAULT_POSTGRES_CONNECTIONS,
        )
        .await
    }

    /// As [`Store::connect`], with at most `postgres_connections` connections to PostgreSQL
    /// (SQLite has one writer; its pool stays at four).
    pub async fn connect_with(
        database_url: &str,
        postgres_connections: u32,
    ) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let url = prepare_url(database_url)?;
        let is_sqlite = url.starts_with("sqlite:");
        let options = AnyConnectOptions::from_str(&url).context("parsing the database URL")?;
        let pool = AnyPoolOptions::new()
            .max_connections(if is_sqlite {
                4
            } else {
                postgres_connections.max(2)
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if is_sqlite {
                        // The timeout makes a second writer wait instead of failing: first, so
                        // that even switching to WAL waits for an instance starting beside us.
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        // WAL lets readers proceed while one writer commits.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        // In WAL mode NORMAL syncs at checkpoints, not at every commit: a
                        // commit survives the process being killed, and only a power loss can
                        // take back the last ones. Every log-in attempt writes its budget, so
                        // a sync per commit would cap the server at the disk's sync rate.
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("connecting to the database {}", redact(&url)))?;
        // Instances started together migrate one after another: PostgreSQL's migrator holds an
        // advisory lock; SQLite's has none, so a lock file beside the database stands in for it.
        let migrating = if is_sqlite {
            sqlite_migration_lock(&url).await?
        } else {
            None
        };
        MIGRATOR
            .run(&pool)
            .await
            .context("migrating the database")?;
        drop(migrating);
        let backend = if is_sqlite {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        Ok(Self {
            pool,
            backend,
            secrets: None,
        })
    }

    /// Every migration this version ships has been applied, and none failed: the schema is the
    /// one the code expects (`/api/ready`).
    pub async fn migrations_current(&self) -> anyhow::Result<bool> {
        let shipped = MIGRATOR.migrations.iter().map(|m| m.version).max();
        let (applied, failed): (Option<i64>, i64) = sqlx::query_as(
            "SELECT MAX(CASE WHEN success THEN version END), \
             CAST(SUM(CASE WHEN success THEN 0 ELSE 1 END) AS BIGINT) FROM _sqlx_migrations",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(failed == 0 && applied == shipped)
    }

    /// An online backup of an SQLite database into a new file `to`: a consistent copy taken
    /// while the server runs (`VACUUM INTO`). PostgreSQL is backed up with its own `pg_dump`.
    pub async fn backup_sqlite(&self, to: &Path) -> anyhow::Result<()> {
        if self.backend != Backend::Sqlite {
            anyhow::bail!("this is PostgreSQL: back it up with pg_dump (see README)");
        }
        if to.exists() {
            anyhow::bail!("{} exists already; a backup never overwrites", to.display());
        }
        sqlx::query("VACUUM INTO $1")
            .bind(to.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await
            .with_context(|| format!("backing up into {}", to.display()))?;
        Ok(())
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        self.pool.execute("SELECT 1").await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// An exclusive lock on `<database>.migrating` for as long as the file is held (`None` for an
/// in-memory database, which no other instance can share).
async fn sqlite_migration_lock(url: &str) -> anyhow::Result<Option<std::fs::File>> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    if path.is_empty() || path == ":memory:" {
        return Ok(None);
    }
    let lock_path = format!("{path}.migrating");
    let file = tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)?;
        file.lock()?;
        Ok(file)
    })
    .await?
    .context("locking the database for its migrations")?;
    Ok(Some(file))
}

/// SQLite needs its folder to exist and `mode=rwc` to create the file.
fn prepare_url(database_url: &str) -> anyhow::Result<String> {
    let Some(rest) = database_url.strip_prefix("sqlite:") else {
        return Ok(database_url.to_owned());
    };
    let path = rest.trim_start_matches("//");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if file != ":memory:" {
        if let Some(parent) = Path::new(file)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
    }
    if query.split('&').any(|kv| kv.starts_with("mode=")) {
        Ok(database_url.to_owned())
    } else {
        let sep = if query.is_empty() { "?" } else { "&" };
        Ok(format!("{database_url}{sep}mode=rwc"))
    }
}

/// Database URLs may carry a password; logs get the scheme and host only.
pub fn redact(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, _)), Some(at)) => format!("{scheme}://…{}", &url[at..]),
        _ => url.to_owned(),
    }
}

/// A write that met a row with the same key: the caller asked for an ID already taken, which
/// is their mistake to correct (409), not a fault of the server.
#[derive(Debug, thiserror::Error)]
#[error("{what} already exists")]
pub struct AlreadyExists {
    pub what: &'static str,
}

/// The one place a unique-key violation becomes [`AlreadyExists`]; every other failure of the
/// write stays a fault. `.map_err(unique("participant"))` on an insert.
pub(crate) fn unique(what: &'static str) -> impl Fn(sqlx::Error) -> anyhow::Error {
    move |error| match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => AlreadyExists { what }.into(),
        _ => error.into(),
    }
}

/// A date as stored (`YYYY-MM-DD`, Hong Kong): one this version cannot read is a fault.
pub(crate) fn stored_date(raw: &str) -> anyhow::Result<jiff::civil::Date> {
    raw.parse()
        .map_err(|e| anyhow::anyhow!("stored date {raw:?}: {e}"))
}

/// A login ID as stored: one this version cannot read is a fault of the data, never a default.
pub(crate) fn stored_login_id(raw: &str) -> anyhow::Result<crate::domain::LoginId> {
    crate::domain::LoginId::parse(raw).map_err(|e| anyhow::anyhow!("stored login ID {raw:?}: {e}"))
}

/// Random identifiers for rows that are not named by the domain (requests, audit events).
pub fn new_row_id() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        assert_eq!(
            prepare_url("sqlite::memory:").unwrap(),
            "sqlite::memory:?mode=rwc"
        );
        assert_eq!(
            prepare_url("sqlite://target/x/test.db?mode=ro").unwrap(),
            "sqlite://target/x/test.db?mode=ro"
        );
        assert_eq!(
            prepare_url("postgres://u@h/db").unwrap(),
            "postgres://u@h/db"
        );
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://…@h:5432/db"
        );
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
