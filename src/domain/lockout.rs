//! R24: consecutive failures of password or OTP lock the account.

/// Failures in a row, of password or OTP, after which the account is locked.
pub const MAX_CONSECUTIVE_FAILURES: i64 = 5;

/// Whether the failure that brought the count to `failures` locks the account.
pub fn locks(failures: i64) -> bool {
    failures >= MAX_CONSECUTIVE_FAILURES
}

/// Who can unlock: a DA unlocks a user through maker-checker; the operator unlocks a DA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unlocker {
    DelegatedAdministrator,
    Operator,
}

pub fn unlocker(is_da: bool) -> Unlocker {
    if is_da {
        Unlocker::Operator
    } else {
        Unlocker::DelegatedAdministrator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r24_the_fifth_failure_in_a_row_locks() {
        assert!(!locks(4));
        assert!(locks(5));
    }

    #[test]
    fn r24_a_da_unlocks_users_and_the_operator_unlocks_das() {
        assert_eq!(unlocker(false), Unlocker::DelegatedAdministrator);
        assert_eq!(unlocker(true), Unlocker::Operator);
    }
}
