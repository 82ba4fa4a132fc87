//! The signing bound of the benchmark (`bench/run`, issue 28): how many RS256 ID tokens per
//! second this machine signs when every core signs, with the provider's own key type, library
//! and claims. Code exchanges per second are compared against it.
//!
//! `ccass-access-sign-bound [SECONDS]` prints `signatures_per_second threads`.

#![forbid(unsafe_code)]

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use ccass_access::domain::relying_party::Alg;
use ccass_access::server::security::jose::{generate, SigningKey};

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let pkcs8 = generate(Alg::Rs256).expect("an RSA key");
    let key = Arc::new(SigningKey::from_pkcs8(Alg::Rs256, &pkcs8).expect("the key loads"));
    // An ID token's claims as the provider writes them, give or take a few bytes.
    let claims = serde_json::json!({
        "iss": "https://ccass.example.com", "sub": "k8Qm3tYzZx1vV0a2b3c4d5", "aud": "AZ2WIqDeU6gfvxxPfpI2QA",
        "azp": "AZ2WIqDeU6gfvxxPfpI2QA", "exp": 1_900_000_600, "iat": 1_900_000_000,
        "auth_time": 1_899_999_990, "nonce": "WoJN82Scd-5tj15Q7nqMJOVH6Oc6hPNEIDKalfOIhpk",
        "sid": "3b1b6c0e0f5d4c2a9e8f7a6b5c4d3e2f", "at_hash": "pAl5qXQsREkOB2yfmprhrJ",
        "amr": ["pwd", "otp", "mfa"], "acr": "urn:ccass:acr:app-otp",
        "preferred_username": "B0123401", "name": "WONG KA HO",
    });
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let counts: Vec<u64> = (0..threads)
        .map(|_| {
            let (key, claims) = (key.clone(), claims.clone());
            thread::spawn(move || {
                let mut signed = 0;
                while Instant::now() < until {
                    key.sign("JWT", &claims).expect("signing works");
                    signed += 1;
                }
                signed
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|worker| worker.join().expect("a signing thread"))
        .collect();
    let total: u64 = counts.iter().sum();
    println!(
        "{:.1} {threads}",
        total as f64 / started.elapsed().as_secs_f64()
    );
}
