//! What every handler can reach.

use std::sync::Arc;

use jiff::Timestamp;

use crate::domain::LoginId;
use crate::server::clock::{AdjustableClock, Clock};
use crate::server::config::Config;
use crate::server::cut_over_hold::CutOverHold;
use crate::server::mail::sender::OutboxSignal;
use crate::server::mail::Mailer;
use crate::server::security::smartcard::CardVerifier;
use crate::server::security::throttle::Throttle;
use crate::server::store::{Change, Store};
use crate::server::transport::Transport;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Present only with `--test-clock`: the same clock, settable.
    pub test_clock: Option<Arc<AdjustableClock>>,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Wakes the background sender when a request has recorded mail.
    pub outbox: OutboxSignal,
    pub throttle: Arc<Throttle>,
    /// How browsers reach the server: the session cookie's policy and the scheme.
    pub transport: Transport,
    /// R25: checks a smartcard's SRN and PIN (modelled; a card middleware could replace it).
    pub cards: Arc<dyn CardVerifier>,
    /// Tests stop a cut-over mid-transaction with it (never armed in production).
    pub cut_over_hold: Arc<CutOverHold>,
    /// The WebAuthn relying party of the passkeys (`--rp-id`, `--rp-origin`).
    pub passkeys: Arc<crate::server::security::passkeys::RelyingParty>,
    /// The OpenID Provider: its issuer and signing keys.
    pub provider: Arc<crate::server::provider::Provider>,
}

impl AppState {
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Begins a change made now: its writes, audit rows and mail commit together.
    pub async fn change(&self) -> anyhow::Result<Change> {
        self.store.change(self.now()).await
    }

    /// Commits `change`, then wakes the sender if it queued mail.
    pub async fn commit(&self, change: Change) -> anyhow::Result<()> {
        let committed = change.commit().await?;
        if committed.mail_queued {
            self.outbox.wake();
        }
        // Counted once committed: a change rolled back logged no one in.
        for (action, detail) in &committed.audited {
            crate::server::metrics::audit_event(*action, detail);
        }
        Ok(())
    }

    /// A change of one write, committed at once.
    pub async fn end_sessions_of(&self, login_id: &LoginId) -> anyhow::Result<()> {
        let mut change = self.change().await?;
        change.end_sessions_of(login_id).await?;
        self.commit(change).await?;
        self.provider.logouts.wake();
        Ok(())
    }

    /// Records that `actor` read personal data (a listing, a download, a profile): one audit
    /// event in a change of its own.
    pub async fn audit_read(
        &self,
        actor: &LoginId,
        action: crate::domain::AuditAction,
        subject: Option<&str>,
        detail: &str,
    ) -> anyhow::Result<()> {
        let mut change = self.change().await?;
        change
            .record(crate::server::store::AuditEvent {
                actor: actor.as_str(),
                action,
                subject,
                detail,
            })
            .await?;
        self.commit(change).await
    }

    /// As [`AppState::audit_read`], written just after the answer goes: for the listing's pages,
    /// which a DA pages through quickly and which must not wait for the single writer. Should the
    /// server die in between, that one event is lost (and logged as a failure otherwise).
    pub fn audit_read_after(
        &self,
        actor: &LoginId,
        action: crate::domain::AuditAction,
        detail: String,
    ) {
        let (state, actor) = (self.clone(), actor.clone());
        tokio::spawn(async move {
            if let Err(error) = state.audit_read(&actor, action, None, &detail).await {
                tracing::error!(error = format!("{error:#}"), "recording a listing read");
            }
        });
    }

    /// Now as Unix seconds, the time base of TOTP.
    pub fn unix_seconds(&self) -> u64 {
        u64::try_from(self.now().as_second()).unwrap_or_default()
    }
}
