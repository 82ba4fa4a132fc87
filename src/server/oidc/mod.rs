//! CCASS Access as an OpenID Provider (OpenID Connect Core 1.0, Discovery 1.0): applications
//! of the clearing house trust its log-in through the authorization code flow.

pub mod assurance;
pub mod authorize;
pub mod back_channel;
pub mod claims;
pub mod client;
pub mod discovery;
pub mod end_session;
pub mod grant;
pub mod issuer;
pub mod keys;
pub mod registration;

use issuer::Issuer;
use keys::KeySet;

/// The provider as one instance runs it.
pub struct Provider {
    /// `None` on a server that is not on a loopback address and was given no `--issuer`: it
    /// provides nothing until it is.
    pub issuer: Option<Issuer>,
    pub keys: KeySet,
    /// Wakes the back-channel logout sender.
    pub logouts: back_channel::LogoutSignal,
}

impl Provider {
    pub fn new(issuer: Option<Issuer>) -> Self {
        Self {
            issuer,
            keys: KeySet::default(),
            logouts: back_channel::LogoutSignal::default(),
        }
    }
}

/// The provider's paths, below the issuer.
pub mod paths {
    pub const DISCOVERY: &str = "/.well-known/openid-configuration";
    pub const JWKS: &str = "/oidc/jwks";
    pub const AUTHORIZE: &str = "/oidc/authorize";
    /// Where the log-in page sends the browser back to once the person has logged in.
    pub const RESUME: &str = "/oidc/authorize/resume";
    pub const TOKEN: &str = "/oidc/token";
    pub const USERINFO: &str = "/oidc/userinfo";
    pub const END_SESSION: &str = "/oidc/logout";
}
