//! R24: consecutive failures of password or OTP lock the account.

/// Failures in a row, of password or OTP, after which the account is locked.
pub const MAX_CONSECUTIVE_FAILURES: i64 = 5;

/// Whether the failure that brought the count to `failures` locks the account.
pub fn locks(failures: i64) -> bool {
    failures >= MAX_CONSECUTIVE_FAILURES
}

use super::ids::LoginId;

/// Who can unlock: a DA unlocks a user through maker-checker; an operator unlocks a DA; another
/// operator unlocks an operator (four eyes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unlocker {
    DelegatedAdministrator,
    Operator,
    AnotherOperator,
}

/// It follows from the ID's form alone, so an ID without an account is answered as a real one.
pub fn unlocker(id: &LoginId) -> Unlocker {
    match id {
        LoginId::User(_) => Unlocker::DelegatedAdministrator,
        LoginId::Da(_) => Unlocker::Operator,
        LoginId::Operator(_) => Unlocker::AnotherOperator,
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
        let unlocker_of = |raw| unlocker(&LoginId::parse(raw).unwrap());
        assert_eq!(unlocker_of("B0123401"), Unlocker::DelegatedAdministrator);
        assert_eq!(unlocker_of("B01234X1"), Unlocker::Operator);
        assert_eq!(unlocker_of("HKEX-OP01"), Unlocker::AnotherOperator);
    }
}
