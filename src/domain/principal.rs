//! Who is acting, and in which roles: a participant's profile (business user groups, and a
//! DA's authority as maker or checker with its access levels) or one of the clearing house's
//! operators. Resolved from the session; handlers ask it, not the log-in stage.

use super::ids::{LoginId, OperatorId, ParticipantId};
use crate::stored_names::stored_names;

/// A DA's fixed role in maker–checker (R7, R8), set by the operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaRole {
    Maker,
    Checker,
}

stored_names!(DaRole {
    Maker => "MAKER",
    Checker => "CHECKER",
});

/// What a DA may do in the DMS: the role, and access levels such as `EE` (R28).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaAuthority {
    pub role: DaRole,
    pub access_levels: Vec<String>,
}

/// The roles of a participant's profile. After the cut-over one DA ID may hold business user
/// groups too (R16), so both may be present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParticipantRoles {
    pub business_user_groups: Vec<String>,
    pub da: Option<DaAuthority>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Participant {
        id: LoginId,
        participant: ParticipantId,
        roles: ParticipantRoles,
    },
    Operator {
        id: OperatorId,
    },
}

/// Where a principal works: CCASS Terminal, the DMS, or the operators' pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workplace {
    Terminal,
    Dms,
    Operator,
}

impl Principal {
    pub fn login_id(&self) -> LoginId {
        match self {
            Self::Participant { id, .. } => id.clone(),
            Self::Operator { id } => LoginId::Operator(id.clone()),
        }
    }

    /// Where the log-in lands (R21): a DA in the DMS, a user in CCASS Terminal.
    pub fn workplace(&self) -> Workplace {
        match self {
            Self::Operator { .. } => Workplace::Operator,
            Self::Participant { roles, .. } if roles.da.is_some() => Workplace::Dms,
            Self::Participant { .. } => Workplace::Terminal,
        }
    }

    /// A DA of `of` in `role`, as maker–checker asks.
    pub fn is_da(&self, of: &ParticipantId, role: DaRole) -> bool {
        matches!(self, Self::Participant { participant, roles, .. }
            if participant == of && roles.da.as_ref().is_some_and(|da| da.role == role))
    }

    /// A DA holding access level `level` (R28: `EE` for the listing).
    pub fn holds_access_level(&self, level: &str) -> bool {
        matches!(self, Self::Participant { roles, .. }
            if roles.da.as_ref().is_some_and(|da| da.access_levels.iter().any(|l| l == level)))
    }

    pub fn as_operator(&self) -> Option<&OperatorId> {
        match self {
            Self::Operator { id } => Some(id),
            Self::Participant { .. } => None,
        }
    }
}

/// `SETTLEMENT,ENQUIRY` as stored: the names, without blanks.
pub fn split_list(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da(role: DaRole) -> Principal {
        Principal::Participant {
            id: LoginId::parse("B01234X1").unwrap(),
            participant: ParticipantId::parse("B01234").unwrap(),
            roles: ParticipantRoles {
                business_user_groups: vec![],
                da: Some(DaAuthority {
                    role,
                    access_levels: split_list("EE"),
                }),
            },
        }
    }

    #[test]
    fn a_da_checker_of_one_participant_is_no_checker_of_another_and_no_maker() {
        let checker = da(DaRole::Checker);
        let own = ParticipantId::parse("B01234").unwrap();
        let other = ParticipantId::parse("BNK999").unwrap();
        assert!(checker.is_da(&own, DaRole::Checker));
        assert!(!checker.is_da(&own, DaRole::Maker));
        assert!(!checker.is_da(&other, DaRole::Checker));
        assert_eq!(checker.workplace(), Workplace::Dms);
        assert!(checker.holds_access_level("EE"));
        assert!(!checker.holds_access_level("AA"));
    }

    #[test]
    fn operators_work_as_operators_and_are_no_participant_s_da() {
        let operator = Principal::Operator {
            id: OperatorId::parse("HKEX-OP01").unwrap(),
        };
        assert_eq!(operator.workplace(), Workplace::Operator);
        assert!(!operator.is_da(&ParticipantId::parse("B01234").unwrap(), DaRole::Maker));
        assert_eq!(operator.login_id().as_str(), "HKEX-OP01");
    }

    #[test]
    fn stored_lists_split_on_commas() {
        assert_eq!(
            split_list("SETTLEMENT, ENQUIRY,"),
            ["SETTLEMENT", "ENQUIRY"]
        );
        assert!(split_list("").is_empty());
    }
}
