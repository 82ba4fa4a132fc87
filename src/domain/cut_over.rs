//! The cut-over to POST_PARALLEL (R15): what it removes, which participants it would leave
//! without a DA maker or a DA checker, and the operator's confirmation for each of those.

use std::collections::BTreeSet;

use super::{DaRole, ParticipantId};

/// A DA that stays after the cut-over (it has an e-mail).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RemainingDa {
    pub role: DaRole,
    pub enabled: bool,
}

/// What a participant would lack after the cut-over: a DA maker, a DA checker, or both. Only
/// an enabled DA counts: a disabled one cannot make or check a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DaGap {
    pub no_maker: bool,
    pub no_checker: bool,
}

impl DaGap {
    pub fn of(remaining: impl IntoIterator<Item = RemainingDa>) -> Self {
        let mut gap = Self {
            no_maker: true,
            no_checker: true,
        };
        for da in remaining.into_iter().filter(|da| da.enabled) {
            match da.role {
                DaRole::Maker => gap.no_maker = false,
                DaRole::Checker => gap.no_checker = false,
            }
        }
        gap
    }

    /// Left unable to make or to authorise a request: the operator must confirm it by name.
    pub fn is_gap(self) -> bool {
        self.no_maker || self.no_checker
    }
}

/// The participants left without a maker or checker that the operator has not confirmed by
/// name; the cut-over waits until there are none.
pub fn unconfirmed<'a>(
    at_risk: impl IntoIterator<Item = &'a ParticipantId>,
    confirmed: &[ParticipantId],
) -> Vec<ParticipantId> {
    let confirmed: BTreeSet<&ParticipantId> = confirmed.iter().collect();
    at_risk
        .into_iter()
        .filter(|p| !confirmed.contains(p))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da(role: DaRole, enabled: bool) -> RemainingDa {
        RemainingDa { role, enabled }
    }

    #[test]
    fn r15_a_participant_keeping_an_enabled_maker_and_checker_has_no_gap() {
        let gap = DaGap::of([da(DaRole::Maker, true), da(DaRole::Checker, true)]);
        assert!(!gap.is_gap());
    }

    #[test]
    fn r15_a_participant_losing_its_only_checker_is_named() {
        let gap = DaGap::of([da(DaRole::Maker, true)]);
        assert_eq!(
            gap,
            DaGap {
                no_maker: false,
                no_checker: true
            }
        );
        assert!(gap.is_gap());
        assert!(DaGap::of([]).no_maker && DaGap::of([]).no_checker);
    }

    #[test]
    fn r15_a_disabled_da_does_not_count_as_cover() {
        let gap = DaGap::of([da(DaRole::Maker, true), da(DaRole::Checker, false)]);
        assert!(gap.no_checker);
    }

    #[test]
    fn r15_every_participant_at_risk_must_be_confirmed_by_name() {
        let a = ParticipantId::parse("B01234").unwrap();
        let b = ParticipantId::parse("C56789").unwrap();
        assert_eq!(
            unconfirmed([&a, &b], std::slice::from_ref(&a)),
            vec![b.clone()]
        );
        assert!(unconfirmed([&a, &b], &[b.clone(), a.clone()]).is_empty());
        assert!(unconfirmed([], &[a]).is_empty());
    }
}
