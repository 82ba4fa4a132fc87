//! The launcher (issue 28): the applications behind CCASS Access that a signed-in person can
//! open from their home page.

use serde::{Deserialize, Serialize};

/// One application: its name and where it starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationLink {
    pub name: String,
    pub start_url: String,
}

/// Every application a person may open, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Applications {
    pub applications: Vec<ApplicationLink>,
}
