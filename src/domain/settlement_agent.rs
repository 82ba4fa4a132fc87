//! Settlement agents (R27, seed 4.1): a participant whose settlement agent logs in for it
//! maintains the e-mails of the agent's users. Its DAs reach those users for that alone.

use super::profile_details::{DetailField, FieldChange};

/// How a DA reaches a profile: one of their own participant's, or a user of a settlement agent
/// whose principal is their participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Own,
    Agent,
}

/// A principal's DA tried more than the e-mail of an agent's user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("only the e-mail of a settlement agent's user is maintained by its principal's DAs")]
pub struct EmailOnly;

impl Reach {
    /// R27: on an agent's user, a change of the e-mail and nothing else.
    pub fn may_change(self, changes: &[FieldChange]) -> Result<(), EmailOnly> {
        match self {
            Self::Own => Ok(()),
            Self::Agent if changes.iter().all(|c| c.field == DetailField::Email) => Ok(()),
            Self::Agent => Err(EmailOnly),
        }
    }

    /// R27: creating, deleting, unlocking or resetting an agent's user stays with the agent.
    pub fn may_maintain_otherwise(self) -> Result<(), EmailOnly> {
        match self {
            Self::Own => Ok(()),
            Self::Agent => Err(EmailOnly),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(field: DetailField) -> FieldChange {
        FieldChange {
            field,
            before: "a".into(),
            after: "b".into(),
        }
    }

    #[test]
    fn r27_a_principal_changes_only_the_email_of_an_agents_user() {
        assert_eq!(
            Reach::Agent.may_change(&[change(DetailField::Email)]),
            Ok(())
        );
        assert_eq!(
            Reach::Agent.may_change(&[change(DetailField::Email), change(DetailField::Surname)]),
            Err(EmailOnly)
        );
        assert_eq!(Reach::Agent.may_maintain_otherwise(), Err(EmailOnly));
    }

    #[test]
    fn r27_on_its_own_users_a_participant_changes_anything() {
        assert_eq!(
            Reach::Own.may_change(&[change(DetailField::Surname)]),
            Ok(())
        );
        assert_eq!(Reach::Own.may_maintain_otherwise(), Ok(()));
    }
}
