//! Throttling of guesses (R24): per user ID and per client address, so guessing slows down well
//! before the five-failure lockout, and one address cannot try many IDs fast.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct Throttle {
    per_user: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl Throttle {
    pub fn new(per_user_per_minute: u32, per_address_per_minute: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least one"));
        Self {
            per_user: RateLimiter::keyed(quota(per_user_per_minute)),
            per_address: RateLimiter::keyed(quota(per_address_per_minute)),
        }
    }

    /// Counts one attempt; false when either budget is spent.
    pub fn allow(&self, user_id: &str, address: Option<IpAddr>) -> bool {
        let user_ok = self
            .per_user
            .check_key(&user_id.to_ascii_uppercase())
            .is_ok();
        let address_ok = address.is_none_or(|ip| self.per_address.check_key(&ip).is_ok());
        user_ok && address_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r24_attempts_beyond_the_budget_are_refused_per_user_and_per_address() {
        let throttle = Throttle::new(3, 5);
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        assert!((0..3).all(|_| throttle.allow("B0123401", Some(ip))));
        assert!(!throttle.allow("b0123401", Some(ip)));
        assert!(throttle.allow("B0123402", Some(ip)));
        assert!(
            !throttle.allow("B0123403", Some(ip)),
            "the address budget of 5 is spent"
        );
        assert!(throttle.allow("B0123404", Some("203.0.113.10".parse().unwrap())));
    }
}
