//! Every path of the SPA, written once.

use crate::api::Home;

/// The log-in pages: the two of the seed's Appendix B (DAs at `/dms`, users at `/`) and the
/// clearing house's operators' at `/operator`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Portal {
    Terminal,
    Dms,
    Operator,
}

impl Portal {
    pub fn login_path(self) -> &'static str {
        match self {
            Self::Terminal => "/",
            Self::Dms => "/dms",
            Self::Operator => "/operator",
        }
    }

    /// The page a log-in page links to: users and DAs to each other's; operators to users'.
    pub fn other(self) -> Self {
        match self {
            Self::Terminal => Self::Dms,
            Self::Dms | Self::Operator => Self::Terminal,
        }
    }

    /// The log-in page of whoever works at `home`.
    pub fn of(home: Home) -> Self {
        match home {
            Home::Terminal => Self::Terminal,
            Home::Dms => Self::Dms,
            Home::Operator => Self::Operator,
        }
    }
}

pub const REGISTER_DEVICE: &str = "/login/register-device";
pub const OTP: &str = "/login/otp";
pub const SETTINGS: &str = "/settings";
pub const MAILBOX: &str = "/dev/mailbox";

pub fn home_path(home: Home) -> &'static str {
    match home {
        Home::Terminal => "/terminal",
        Home::Dms => "/dms/home",
        Home::Operator => "/operator/home",
    }
}

/// `path?key=value&…`, values percent-encoded.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}
