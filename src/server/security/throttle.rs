//! Throttling of guesses (R24, R26c): budgets per (user ID, client address), per address, and a
//! looser ceiling per user ID, kept in the database so that every instance spends from the
//! same budget. A stranger guessing from one address spends that pair's budget, not the user's.

use std::net::IpAddr;

use jiff::SignedDuration;

/// One budget an attempt is charged to: at most `limit` attempts per `window` for `key`.
#[derive(Clone, Debug)]
pub struct Budget {
    pub key: String,
    pub limit: i64,
    pub window: SignedDuration,
}

#[derive(Clone, Debug)]
pub struct Throttle {
    per_user_and_address: i64,
    per_address: i64,
    per_user: i64,
}

const WINDOW: SignedDuration = SignedDuration::from_secs(60);

impl Throttle {
    /// Limits per minute.
    pub fn new(per_user_and_address: u32, per_address: u32, per_user: u32) -> Self {
        Self {
            per_user_and_address: i64::from(per_user_and_address.max(1)),
            per_address: i64::from(per_address.max(1)),
            per_user: i64::from(per_user.max(per_user_and_address).max(1)),
        }
    }

    /// The budgets one attempt for `login_id` from `address` is charged to.
    pub fn budgets(&self, login_id: &str, address: Option<IpAddr>) -> Vec<Budget> {
        let id = login_id.to_ascii_uppercase();
        let budget = |key: String, limit: i64| Budget {
            key,
            limit,
            window: WINDOW,
        };
        let mut budgets = vec![budget(format!("user:{id}"), self.per_user)];
        if let Some(ip) = address {
            budgets.push(budget(
                format!("user-address:{id}|{ip}"),
                self.per_user_and_address,
            ));
            budgets.push(budget(format!("address:{ip}"), self.per_address));
        }
        budgets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r24_an_attempt_is_charged_to_the_pair_the_address_and_the_user() {
        let throttle = Throttle::new(10, 120, 50);
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        let budgets = throttle.budgets("b0123401", Some(ip));
        let keys: Vec<(&str, i64)> = budgets.iter().map(|b| (b.key.as_str(), b.limit)).collect();
        assert_eq!(
            keys,
            [
                ("user:B0123401", 50),
                ("user-address:B0123401|203.0.113.9", 10),
                ("address:203.0.113.9", 120),
            ]
        );
    }

    #[test]
    fn the_per_user_ceiling_is_never_tighter_than_the_pair() {
        let throttle = Throttle::new(10, 120, 3);
        assert_eq!(throttle.budgets("B0123401", None)[0].limit, 10);
    }
}
