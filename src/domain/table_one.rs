//! The seed's Table 1 (R13, R14): who may maintain which profiles in which migration phase.
//! One table, consulted by every endpoint it covers; the UI asks it too, to hide what the phase
//! forbids.

use super::migration_phase::MigrationPhase;

/// Who acts: the clearing house's operator, or a participant's DA (through maker–checker).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Operator,
    Da,
}

/// A row of Table 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileFunction {
    /// DA profiles: creation, maintenance, deletion.
    CreateDa,
    MaintainDa,
    DeleteDa,
    /// User profiles.
    CreateUser,
    MaintainUser,
    RegisterUserEmail,
    DeleteUser,
    /// Business user groups on a DA's profile (R16).
    AddBusinessGroupsToDa,
    /// DA group functions on a user's profile.
    AddDaFunctionsToUser,
}

impl ProfileFunction {
    pub const ALL: [Self; 9] = [
        Self::CreateDa,
        Self::MaintainDa,
        Self::DeleteDa,
        Self::CreateUser,
        Self::MaintainUser,
        Self::RegisterUserEmail,
        Self::DeleteUser,
        Self::AddBusinessGroupsToDa,
        Self::AddDaFunctionsToUser,
    ];
}

/// A cell of Table 1 that says no.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{function:?} by {actor:?} is not open in {phase:?}")]
pub struct NotInThisPhase {
    pub actor: Actor,
    pub function: ProfileFunction,
    pub phase: MigrationPhase,
}

/// Table 1, cell by cell.
pub fn allowed(actor: Actor, function: ProfileFunction, phase: MigrationPhase) -> bool {
    use Actor::*;
    use MigrationPhase::*;
    use ProfileFunction::*;
    match (function, actor) {
        (CreateDa | MaintainDa | DeleteDa, Operator) => true,
        (CreateDa | MaintainDa | DeleteDa, Da) => false,
        (CreateUser, Operator) => phase == PreParallel,
        (CreateUser, Da) => phase != PreParallel,
        (MaintainUser | RegisterUserEmail | DeleteUser, Da) => true,
        (MaintainUser | RegisterUserEmail | DeleteUser, Operator) => false,
        (AddBusinessGroupsToDa, _) => phase == PostParallel,
        (AddDaFunctionsToUser, Operator) => phase == PostParallel,
        (AddDaFunctionsToUser, Da) => false,
    }
}

pub fn check(
    actor: Actor,
    function: ProfileFunction,
    phase: MigrationPhase,
) -> Result<(), NotInThisPhase> {
    if allowed(actor, function, phase) {
        Ok(())
    } else {
        Err(NotInThisPhase {
            actor,
            function,
            phase,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MigrationPhase::*;
    use ProfileFunction::*;

    /// The seed's Table 1 as printed: (function, HKEX in each phase, DA in each phase).
    const TABLE: [(ProfileFunction, [bool; 3], [bool; 3]); 9] = [
        (CreateDa, [true, true, true], [false, false, false]),
        (MaintainDa, [true, true, true], [false, false, false]),
        (DeleteDa, [true, true, true], [false, false, false]),
        (
            AddBusinessGroupsToDa,
            [false, false, true],
            [false, false, true],
        ),
        (CreateUser, [true, false, false], [false, true, true]),
        (MaintainUser, [false, false, false], [true, true, true]),
        (RegisterUserEmail, [false, false, false], [true, true, true]),
        (DeleteUser, [false, false, false], [true, true, true]),
        (
            AddDaFunctionsToUser,
            [false, false, true],
            [false, false, false],
        ),
    ];

    #[test]
    fn r13_every_cell_of_table_1_in_every_phase() {
        for (function, hkex, da) in TABLE {
            for (i, phase) in [PreParallel, Parallel, PostParallel]
                .into_iter()
                .enumerate()
            {
                assert_eq!(
                    allowed(Actor::Operator, function, phase),
                    hkex[i],
                    "{function:?} HKEX {phase:?}"
                );
                assert_eq!(
                    allowed(Actor::Da, function, phase),
                    da[i],
                    "{function:?} DA {phase:?}"
                );
            }
        }
        assert_eq!(TABLE.len(), ProfileFunction::ALL.len());
    }
}
