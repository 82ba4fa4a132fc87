//! Wire types of the operator console's applications (issue 28): the OpenID Provider's clients,
//! registered and maintained under four eyes (R6a: a client receives identities).

use serde::{Deserialize, Serialize};

/// A client as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClientView {
    pub client_id: String,
    pub fields: ClientFields,
    pub enabled: bool,
    /// While a rotation's grace lasts: until when the previous secret still works (HKT).
    pub previous_secret_until: Option<String>,
}

/// A client's settings as typed in the console's form, and as it fills the form back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ClientFields {
    pub name: String,
    /// A public client (in a browser or on a device) has no secret and must use PKCE.
    #[serde(default)]
    pub public: bool,
    /// Exact addresses the provider may send codes to: https, or http on a loopback address.
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// Empty: none.
    #[serde(default)]
    pub backchannel_logout_uri: String,
    /// Where the launcher opens it; empty: not in the launcher.
    #[serde(default)]
    pub start_url: String,
    /// Empty: every scope (`openid profile email ccass`).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The lowest `acr` it accepts; empty: any.
    #[serde(default)]
    pub min_acr: String,
    /// `RS256` (empty) or `ES256`.
    #[serde(default)]
    pub id_token_alg: String,
}

/// What an operator asks a second operator to do to a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClientRequestDraft {
    /// A new client; a confidential one's secret is shown once, to the approving operator.
    RegisterClient {
        fields: ClientFields,
    },
    /// New settings; whether it is public stays as registered.
    ChangeClient {
        client_id: String,
        fields: ClientFields,
    },
    /// A new secret, shown once to the approver; the old one keeps working for the grace.
    RotateClientSecret {
        client_id: String,
        grace_minutes: u32,
    },
    DisableClient {
        client_id: String,
    },
    EnableClient {
        client_id: String,
    },
}

/// A confidential client's new secret, in the approval's answer only, to the approver, once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewClientSecret {
    pub client_id: String,
    pub client_secret: String,
}

super::redact::debug_redacting!(NewClientSecret { client_id } redacts { client_secret });
