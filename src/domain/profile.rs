//! A profile's standing to log in (R4, R4a).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::stored_names::stored_names;

/// R4: the "User Status" radio of the profile screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProfileStatus {
    Enabled,
    Disabled,
}

stored_names!(ProfileStatus {
    Enabled => "ENABLED",
    Disabled => "DISABLED",
});

/// Why a profile may not log in today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginRefusal {
    Disabled,
    NotYetEnabled { from: Date },
    Expired { after: Date },
}

/// The part of a profile that decides whether it may log in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginWindow {
    pub status: ProfileStatus,
    pub enable_from: Date,
    pub disable_after: Option<Date>,
}

impl LoginWindow {
    /// R4a: ENABLED, and `today` (Hong Kong) within enable-from ..= disable-after.
    pub fn check(&self, today: Date) -> Result<(), LoginRefusal> {
        if self.status == ProfileStatus::Disabled {
            return Err(LoginRefusal::Disabled);
        }
        if today < self.enable_from {
            return Err(LoginRefusal::NotYetEnabled {
                from: self.enable_from,
            });
        }
        match self.disable_after {
            Some(after) if today > after => Err(LoginRefusal::Expired { after }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn window(status: ProfileStatus, to: Option<Date>) -> LoginWindow {
        LoginWindow {
            status,
            enable_from: date(2026, 1, 1),
            disable_after: to,
        }
    }

    #[test]
    fn r4a_enabled_profile_logs_in_inside_its_dates_inclusive() {
        let w = window(ProfileStatus::Enabled, Some(date(2026, 12, 31)));
        assert_eq!(w.check(date(2026, 1, 1)), Ok(()));
        assert_eq!(w.check(date(2026, 12, 31)), Ok(()));
        assert_eq!(
            window(ProfileStatus::Enabled, None).check(date(2099, 1, 1)),
            Ok(())
        );
    }

    #[test]
    fn r4a_refuses_before_enable_from_after_disable_after_and_when_disabled() {
        let w = window(ProfileStatus::Enabled, Some(date(2026, 12, 31)));
        assert_eq!(
            w.check(date(2025, 12, 31)),
            Err(LoginRefusal::NotYetEnabled {
                from: date(2026, 1, 1)
            })
        );
        assert_eq!(
            w.check(date(2027, 1, 1)),
            Err(LoginRefusal::Expired {
                after: date(2026, 12, 31)
            })
        );
        assert_eq!(
            window(ProfileStatus::Disabled, None).check(date(2026, 6, 1)),
            Err(LoginRefusal::Disabled)
        );
    }

    #[test]
    fn r4_status_round_trips() {
        for s in ProfileStatus::ALL {
            assert_eq!(ProfileStatus::try_from(s.as_str()), Ok(*s));
        }
        assert!(ProfileStatus::try_from("enabled").is_err());
    }
}
