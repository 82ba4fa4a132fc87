//! The readiness report's counts (R29): the seed's checklist (e-mails registered, 2FA tried,
//! smartcard still in use) for one participant or all.

/// The seed's checklist as counts for one participant or all (R29).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    pub profiles: i64,
    pub without_email: i64,
    /// Logged in by password and a second factor at least once.
    pub two_factor: i64,
    /// Logged in, but only ever by smartcard.
    pub smartcard_only: i64,
}

impl Readiness {
    pub fn with_email(self) -> i64 {
        self.profiles - self.without_email
    }

    pub fn never_logged_in(self) -> i64 {
        self.profiles - self.two_factor - self.smartcard_only
    }

    /// Whole percent of the profiles, rounded down, so 100 means every one.
    pub fn percent(self, part: i64) -> i64 {
        if self.profiles == 0 {
            0
        } else {
            part * 100 / self.profiles
        }
    }

    pub fn sum(rows: impl IntoIterator<Item = Self>) -> Self {
        rows.into_iter().fold(Self::default(), |a, b| Self {
            profiles: a.profiles + b.profiles,
            without_email: a.without_email + b.without_email,
            two_factor: a.two_factor + b.two_factor,
            smartcard_only: a.smartcard_only + b.smartcard_only,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r29_counts_add_up_and_derive_the_rest() {
        let one = Readiness {
            profiles: 10,
            without_email: 3,
            two_factor: 4,
            smartcard_only: 2,
        };
        assert_eq!(one.with_email(), 7);
        assert_eq!(one.never_logged_in(), 4);
        assert_eq!(one.percent(one.two_factor), 40);
        let total = Readiness::sum([one, one]);
        assert_eq!(total.profiles, 20);
        assert_eq!(total.never_logged_in(), 8);
        assert_eq!(Readiness::default().percent(0), 0);
    }
}
