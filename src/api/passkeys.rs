//! Wire types of passkeys (issue 17). The WebAuthn options and answers cross as the JSON text
//! that the browser's `PublicKeyCredential.parseCreationOptionsFromJSON`,
//! `parseRequestOptionsFromJSON` and `toJSON` read and write, so the SPA carries no WebAuthn
//! code of its own.

use serde::{Deserialize, Serialize};

/// What `navigator.credentials.create` or `.get` is to be called with: `{"publicKey": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyChallenge {
    pub options: String,
}

/// The browser's answer (`credential.toJSON()` as text), and for a new passkey its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyAnswer {
    pub credential: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One of the user's passkeys, as profile settings list them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyView {
    pub id: String,
    pub name: String,
    /// Hong Kong time, as shown to people.
    pub added_at: String,
    pub last_used_at: Option<String>,
    /// Synced to other devices by its provider (a backed-up passkey).
    pub synced: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyList {
    pub passkeys: Vec<PasskeyView>,
}
