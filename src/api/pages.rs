//! Every page of the SPA, listed once ([`Page::ALL`]) with its path: the SPA's router finds the
//! page of an address with [`Page::at`], and links and redirects ask [`Page::path`]. Plain data,
//! so the native tests hold the list together.

use super::Home;

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
    /// The applications behind the log-in: the OpenID Provider's clients (issue 28).
    OperatorApplications,
    /// The readiness report (R29).
    OperatorReadiness,
    /// The cut-over's dry run and its request (R15).
    OperatorCutOver,
    /// Profiles the cut-over archived (R15).
    OperatorArchive,
    /// The whole audit trail, searched.
    OperatorAudit,
    /// The first operator's account, before anyone can log in (`--operator-setup`).
    OperatorSetup,
}

impl Page {
    /// Every page, once.
    pub const ALL: [Self; 33] = [
        Self::Login(Portal::Terminal),
        Self::Login(Portal::Dms),
        Self::Login(Portal::Operator),
        Self::RegisterDevice,
        Self::Otp,
        Self::Home(Home::Terminal),
        Self::Home(Home::Dms),
        Self::Home(Home::Operator),
        Self::Settings,
        Self::Mailbox,
        Self::DmsUsers,
        Self::DmsMaintain(DmsFunction::Enquire),
        Self::DmsMaintain(DmsFunction::Change),
        Self::DmsMaintain(DmsFunction::Create),
        Self::DmsMaintain(DmsFunction::Delete),
        Self::DmsMaintain(DmsFunction::Unlock),
        Self::DmsMaintain(DmsFunction::ResetSoftToken),
        Self::DmsRequests,
        Self::DmsAuthorisationCode,
        Self::DmsAudit,
        Self::DmsBulkEmail,
        Self::DmsBusinessGroups,
        Self::OperatorParticipants,
        Self::OperatorRequests,
        Self::OperatorPhase,
        Self::OperatorHolidays,
        Self::OperatorOperators,
        Self::OperatorApplications,
        Self::OperatorReadiness,
        Self::OperatorCutOver,
        Self::OperatorArchive,
        Self::OperatorAudit,
        Self::OperatorSetup,
    ];

    /// The page's path, without a query.
    pub fn path(self) -> &'static str {
        match self {
            Self::Login(Portal::Terminal) => "/",
            Self::Login(Portal::Dms) => "/dms",
            Self::Login(Portal::Operator) => "/operator",
            Self::RegisterDevice => "/login/register-device",
            Self::Otp => "/login/otp",
            Self::Home(Home::Terminal) => "/terminal",
            Self::Home(Home::Dms) => "/dms/home",
            Self::Home(Home::Operator) => "/operator/home",
            Self::Settings => "/settings",
            Self::Mailbox => "/dev/mailbox",
            Self::DmsUsers => "/dms/users",
            Self::DmsMaintain(DmsFunction::Enquire) => "/dms/enquire",
            Self::DmsMaintain(DmsFunction::Change) => "/dms/change",
            Self::DmsMaintain(DmsFunction::Create) => "/dms/create",
            Self::DmsMaintain(DmsFunction::Delete) => "/dms/delete",
            Self::DmsMaintain(DmsFunction::Unlock) => "/dms/unlock",
            Self::DmsMaintain(DmsFunction::ResetSoftToken) => "/dms/reset-soft-token",
            Self::DmsRequests => "/dms/requests",
            Self::DmsAuthorisationCode => "/dms/authorisation-code",
            Self::DmsAudit => "/dms/audit",
            Self::DmsBulkEmail => "/dms/bulk-email",
            Self::DmsBusinessGroups => "/dms/business-groups",
            Self::OperatorParticipants => "/operator/participants",
            Self::OperatorRequests => "/operator/requests",
            Self::OperatorPhase => "/operator/phase",
            Self::OperatorHolidays => "/operator/holidays",
            Self::OperatorOperators => "/operator/operators",
            Self::OperatorApplications => "/operator/applications",
            Self::OperatorReadiness => "/operator/readiness",
            Self::OperatorCutOver => "/operator/cut-over",
            Self::OperatorArchive => "/operator/archive",
            Self::OperatorAudit => "/operator/audit",
            Self::OperatorSetup => "/operator/setup",
        }
    }

    /// What the router shows at `path`: its page, or none, in the area the path belongs to.
    pub fn at(path: &str) -> Routed {
        let path = match path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        if let Some(page) = Self::ALL.into_iter().find(|p| p.path() == path) {
            return Routed::Page(page);
        }
        match path.split('/').nth(1) {
            Some("terminal") => Routed::Unknown(Area::SignedIn),
            Some("dms" | "operator" | "settings") => Routed::Unknown(Area::Workplace),
            _ => Routed::Unknown(Area::Public),
        }
    }

    /// Behind a full session: the signed-in area's guard loads who is signed in first.
    pub fn needs_session(self) -> bool {
        !matches!(
            self,
            Self::Login(_) | Self::RegisterDevice | Self::Otp | Self::Mailbox | Self::OperatorSetup
        )
    }
}

/// What an address routes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routed {
    Page(Page),
    /// No page: "not found", shown in the area the path belongs to.
    Unknown(Area),
}

impl Routed {
    pub fn needs_session(self) -> bool {
        match self {
            Self::Page(page) => page.needs_session(),
            Self::Unknown(area) => area != Area::Public,
        }
    }
}

/// Where an unknown path belongs: before a log-in, or behind it (CCASS Terminal's, or the
/// workplace bundle's `/dms/…`, `/operator/…` and `/settings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Public,
    SignedIn,
    Workplace,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page's path is routed to that page, whatever the trailing slash.
    #[test]
    fn every_page_is_routed_at_its_path() {
        for page in Page::ALL {
            assert_eq!(Page::at(page.path()), Routed::Page(page), "{page:?}");
            let slashed = format!("{}/", page.path());
            assert_eq!(Page::at(&slashed), Routed::Page(page), "{page:?}");
        }
    }

    #[test]
    fn no_two_pages_share_a_path() {
        let mut paths: Vec<&str> = Page::ALL.iter().map(|p| p.path()).collect();
        paths.sort_unstable();
        let before = paths.len();
        paths.dedup();
        assert_eq!(paths.len(), before);
    }

    #[test]
    fn an_unknown_path_is_not_found_in_its_area() {
        assert_eq!(Page::at("/nowhere"), Routed::Unknown(Area::Public));
        assert_eq!(Page::at("/terminal/x"), Routed::Unknown(Area::SignedIn));
        assert_eq!(Page::at("/dms/x"), Routed::Unknown(Area::Workplace));
        assert_eq!(Page::at("/operator/x/y"), Routed::Unknown(Area::Workplace));
        assert!(!Routed::Unknown(Area::Public).needs_session());
        assert!(Routed::Page(Page::DmsUsers).needs_session());
        assert!(!Routed::Page(Page::OperatorSetup).needs_session());
    }
}
