//! The reference server (feature `server`): axum routes over an sqlx store.

pub mod clock;
pub mod config;
pub mod csrf;
pub mod demo;
pub mod error;
pub mod extract;
pub mod password;
pub mod routes;
pub mod session;
pub mod spa;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
