//! The OpenID Provider as one instance holds it, below the services that use it (`oidc/`) and
//! the state every handler reaches: its issuer, its signing keys, and the signal that wakes the
//! back-channel logout sender.

pub mod issuer;
pub mod keys;

use std::sync::Arc;

use tokio::sync::Notify;

use issuer::Issuer;
use keys::KeySet;

pub struct Provider {
    /// `None` on a server that is not on a loopback address and was given no `--issuer`: it
    /// provides nothing until it is.
    pub issuer: Option<Issuer>,
    pub keys: KeySet,
    /// Wakes the back-channel logout sender.
    pub logouts: LogoutSignal,
}

impl Provider {
    pub fn new(issuer: Option<Issuer>) -> Self {
        Self {
            issuer,
            keys: KeySet::default(),
            logouts: LogoutSignal::default(),
        }
    }
}

/// Wakes the back-channel logout sender: a session has just ended here.
#[derive(Clone, Default)]
pub struct LogoutSignal(Arc<Notify>);

impl LogoutSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    /// Waits until woken.
    pub async fn woken(&self) {
        self.0.notified().await;
    }
}
