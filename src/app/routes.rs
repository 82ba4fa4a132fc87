//! Every path of the SPA, written once.

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
