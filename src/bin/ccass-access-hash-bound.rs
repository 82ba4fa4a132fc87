//! The hash bound of the benchmark (`bench/run`): how many password hashes per second this
//! machine does when every core hashes, with the server's own function, parameters and reused
//! memory. Log-ins per second are compared against it.
//!
//! `ccass-access-hash-bound [SECONDS]` prints `hashes_per_second threads`.

#![forbid(unsafe_code)]

use std::thread;
use std::time::{Duration, Instant};

use ccass_access::server::security::hash_pool::Memory;
use ccass_access::server::security::password::hash_with;

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let counts: Vec<u64> = (0..threads)
        .map(|_| {
            thread::spawn(move || {
                let mut memory = Memory::default();
                let mut hashes = 0;
                while Instant::now() < until {
                    hash_with(&mut memory, "a benchmark password").expect("hashing works");
                    hashes += 1;
                }
                hashes
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|worker| worker.join().expect("a hashing thread"))
        .collect();
    let total: u64 = counts.iter().sum();
    println!(
        "{:.1} {threads}",
        total as f64 / started.elapsed().as_secs_f64()
    );
}
