//! Every path of the SPA, written once.

use crate::api::Home;

/// The two log-in pages of the seed's Appendix B: DAs at `/dms`, users at `/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Portal {
    Terminal,
    Dms,
}

impl Portal {
    pub fn login_path(self) -> &'static str {
        match self {
            Self::Terminal => "/",
            Self::Dms => "/dms",
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Terminal => Self::Dms,
            Self::Dms => Self::Terminal,
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
