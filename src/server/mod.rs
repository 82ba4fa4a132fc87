//! The reference server (feature `server`): axum routes over an sqlx store.

pub mod auth;
pub mod clock;
pub mod config;
pub mod cut_over_hold;
pub mod demo_app;
pub mod failure;
pub mod four_eyes;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod maker_checker;
pub mod metrics;
pub mod oidc;
pub mod operator;
pub mod provider;
pub mod routes;
pub mod security;
pub mod seed;
pub mod serve;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod transport;
