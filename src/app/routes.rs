//! Every path of the SPA, written once: the router builds its routes from [`segment`], and
//! links and redirects ask [`Page::path`].

use crate::api::Home;

/// The segments of the SPA's paths.
pub mod segment {
    pub const LOGIN: &str = "login";
    pub const REGISTER_DEVICE: &str = "register-device";
    pub const OTP: &str = "otp";
    pub const TERMINAL: &str = "terminal";
    pub const DMS: &str = "dms";
    pub const OPERATOR: &str = "operator";
    pub const HOME: &str = "home";
    pub const SETTINGS: &str = "settings";
    pub const DEV: &str = "dev";
    pub const MAILBOX: &str = "mailbox";
    pub const USERS: &str = "users";
    pub const ENQUIRE: &str = "enquire";
    pub const CHANGE: &str = "change";
    pub const CREATE: &str = "create";
    pub const DELETE: &str = "delete";
    pub const UNLOCK: &str = "unlock";
    pub const RESET_SOFT_TOKEN: &str = "reset-soft-token";
    pub const REQUESTS: &str = "requests";
    pub const AUTHORISATION_CODE: &str = "authorisation-code";
    pub const AUDIT: &str = "audit";
    pub const PARTICIPANTS: &str = "participants";
    pub const PHASE: &str = "phase";
    pub const HOLIDAYS: &str = "holidays";
    pub const OPERATORS: &str = "operators";
    pub const SETUP: &str = "setup";
    pub const READINESS: &str = "readiness";
    pub const CUT_OVER: &str = "cut-over";
    pub const ARCHIVE: &str = "archive";
    pub const BULK_EMAIL: &str = "bulk-email";
    pub const BUSINESS_GROUPS: &str = "business-groups";
}

/// The functions of the DMS's "Maintain User Profile" tab (seed Appendix A).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DmsFunction {
    Enquire,
    Change,
    Create,
    Delete,
    Unlock,
    ResetSoftToken,
}

impl DmsFunction {
    pub const ALL: [Self; 6] = [
        Self::Enquire,
        Self::Change,
        Self::Create,
        Self::Delete,
        Self::Unlock,
        Self::ResetSoftToken,
    ];

    pub fn segment(self) -> &'static str {
        use segment::*;
        match self {
            Self::Enquire => ENQUIRE,
            Self::Change => CHANGE,
            Self::Create => CREATE,
            Self::Delete => DELETE,
            Self::Unlock => UNLOCK,
            Self::ResetSoftToken => RESET_SOFT_TOKEN,
        }
    }
}

/// The log-in pages: the two of the seed's Appendix B (DAs at `/dms`, users at `/`) and the
/// clearing house's operators' at `/operator`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Portal {
    Terminal,
    Dms,
    Operator,
}

impl Portal {
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

/// A page of the SPA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Login(Portal),
    RegisterDevice,
    Otp,
    Home(Home),
    Settings,
    Mailbox,
    /// The DMS's User Profile Listing (R28).
    DmsUsers,
    /// A function of "Maintain User Profile".
    DmsMaintain(DmsFunction),
    /// "Pending Requests" (and one request, by `?request=`).
    DmsRequests,
    /// "Get Authorisation Code" (R9).
    DmsAuthorisationCode,
    /// The participant's audit trail.
    DmsAudit,
    /// Bulk E-mail Registration (`?batch=…` for one batch).
    DmsBulkEmail,
    /// R16: a user's business user groups put on a DA (after the cut-over).
    DmsBusinessGroups,
    /// The operator console: participants and their DAs (`?participant=…`).
    OperatorParticipants,
    /// Requests waiting for a second operator (R6a).
    OperatorRequests,
    OperatorPhase,
    OperatorHolidays,
    OperatorOperators,
    /// The readiness report (R29).
    OperatorReadiness,
    /// The cut-over's dry run and its request (R15).
    OperatorCutOver,
    /// Profiles the cut-over archived (R15).
    OperatorArchive,
    /// The whole audit trail, searched.
    OperatorAudit,
}

impl Page {
    pub fn path(self) -> String {
        use segment::*;
        let segments: &[&str] = match self {
            Self::Login(Portal::Terminal) => &[],
            Self::Login(Portal::Dms) => &[DMS],
            Self::Login(Portal::Operator) => &[OPERATOR],
            Self::RegisterDevice => &[LOGIN, REGISTER_DEVICE],
            Self::Otp => &[LOGIN, OTP],
            Self::Home(Home::Terminal) => &[TERMINAL],
            Self::Home(Home::Dms) => &[DMS, HOME],
            Self::Home(Home::Operator) => &[OPERATOR, HOME],
            Self::Settings => &[SETTINGS],
            Self::Mailbox => &[DEV, MAILBOX],
            Self::DmsUsers => &[DMS, USERS],
            Self::DmsMaintain(function) => return format!("/{DMS}/{}", function.segment()),
            Self::DmsRequests => &[DMS, REQUESTS],
            Self::DmsAuthorisationCode => &[DMS, AUTHORISATION_CODE],
            Self::DmsAudit => &[DMS, AUDIT],
            Self::DmsBulkEmail => &[DMS, BULK_EMAIL],
            Self::DmsBusinessGroups => &[DMS, BUSINESS_GROUPS],
            Self::OperatorParticipants => &[OPERATOR, PARTICIPANTS],
            Self::OperatorRequests => &[OPERATOR, REQUESTS],
            Self::OperatorPhase => &[OPERATOR, PHASE],
            Self::OperatorHolidays => &[OPERATOR, HOLIDAYS],
            Self::OperatorOperators => &[OPERATOR, OPERATORS],
            Self::OperatorReadiness => &[OPERATOR, READINESS],
            Self::OperatorCutOver => &[OPERATOR, CUT_OVER],
            Self::OperatorArchive => &[OPERATOR, ARCHIVE],
            Self::OperatorAudit => &[OPERATOR, AUDIT],
        };
        format!("/{}", segments.join("/"))
    }

    /// `path?key=value&…`, values percent-encoded.
    pub fn with_query(self, pairs: &[(&str, &str)]) -> String {
        with_query(&self.path(), pairs)
    }

    /// A paged list of one participant's (all when empty): `path?participant=…&page=…`, each
    /// left out at its default.
    pub fn of_participant(self, participant: &str, page: u32) -> String {
        let page = page.to_string();
        let mut pairs = vec![];
        if !participant.is_empty() {
            pairs.push(("participant", participant));
        }
        if page != "1" {
            pairs.push(("page", page.as_str()));
        }
        self.with_query(&pairs)
    }
}

/// `path?key=value&…` for any path (an API's too), values percent-encoded.
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

/// The `page` of a paged list's address: a whole number from 1, else the first page.
pub fn page_number(query: &leptos_router::params::ParamsMap) -> u32 {
    query
        .get("page")
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}
