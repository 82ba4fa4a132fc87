//! The reference server (feature `server`): axum routes over an sqlx store.

pub mod admission;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod demo;
pub mod email_otp;
pub mod error;
pub mod extract;
pub mod housekeeping;
pub mod mail;
pub mod notices;
pub mod password;
pub mod routes;
pub mod seed;
pub mod serve;
pub mod session;
pub mod sign_in;
pub mod spa;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod throttle;
