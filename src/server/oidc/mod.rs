//! CCASS Access as an OpenID Provider (OpenID Connect Core 1.0, Discovery 1.0): applications
//! of the clearing house trust its log-in through the authorization code flow.

pub mod assurance;
pub mod authorize;
pub mod back_channel;
pub mod claims;
pub mod client;
pub mod client_requests;
pub mod discovery;
pub mod end_session;
pub mod grant;
pub mod registration;

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
