//! The system-wide migration from smartcard to 2FA (R12).

use serde::{Deserialize, Serialize};

use crate::stored_names::stored_names;

/// R12: PRE_PARALLEL → PARALLEL → POST_PARALLEL, moved forward only, by the operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MigrationPhase {
    /// Smartcard only; DAs register e-mails.
    PreParallel,
    /// Smartcard or 2FA; the log-in page offers both.
    Parallel,
    /// 2FA only.
    PostParallel,
}

stored_names!(MigrationPhase {
    PreParallel => "PRE_PARALLEL",
    Parallel => "PARALLEL",
    PostParallel => "POST_PARALLEL",
});

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhaseError {
    #[error("the migration moves forward one phase at a time: {from} cannot become {to}")]
    NotNextPhase {
        from: MigrationPhase,
        to: MigrationPhase,
    },
}

impl MigrationPhase {
    pub fn next(self) -> Option<Self> {
        match self {
            Self::PreParallel => Some(Self::Parallel),
            Self::Parallel => Some(Self::PostParallel),
            Self::PostParallel => None,
        }
    }

    /// The operator's move: only to the phase right after this one.
    pub fn advance_to(self, target: Self) -> Result<Self, PhaseError> {
        if self.next() == Some(target) {
            Ok(target)
        } else {
            Err(PhaseError::NotNextPhase {
                from: self,
                to: target,
            })
        }
    }

    /// R12, R25: smartcard log-in ends with the parallel run.
    pub fn allows_smartcard(self) -> bool {
        self != Self::PostParallel
    }

    /// R12: password + OTP log-in opens with the parallel run.
    pub fn allows_two_factor(self) -> bool {
        self != Self::PreParallel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r12_phases_round_trip_through_their_names() {
        for phase in MigrationPhase::ALL {
            assert_eq!(MigrationPhase::try_from(phase.as_str()), Ok(*phase));
        }
        assert!(MigrationPhase::try_from("parallel").is_err());
        assert!(MigrationPhase::try_from("").is_err());
    }

    #[test]
    fn r12_phases_move_forward_one_step_only() {
        use MigrationPhase::*;
        assert_eq!(PreParallel.advance_to(Parallel), Ok(Parallel));
        assert_eq!(Parallel.advance_to(PostParallel), Ok(PostParallel));
        assert!(PreParallel.advance_to(PostParallel).is_err());
        assert!(Parallel.advance_to(PreParallel).is_err());
        assert!(PostParallel.advance_to(PostParallel).is_err());
        assert_eq!(PostParallel.next(), None);
    }

    #[test]
    fn r12_log_in_methods_per_phase() {
        use MigrationPhase::*;
        assert!(PreParallel.allows_smartcard() && !PreParallel.allows_two_factor());
        assert!(Parallel.allows_smartcard() && Parallel.allows_two_factor());
        assert!(!PostParallel.allows_smartcard() && PostParallel.allows_two_factor());
    }
}
