//! API tests: each starts the real server on a free port with a fresh database (a temporary
//! SQLite file, or a fresh PostgreSQL database when `TEST_POSTGRES_URL` names a server).

#![forbid(unsafe_code)]

mod client;
mod helpers;

mod audit_chain;
mod authority;
mod backup;
mod business_groups;
mod contract;
mod crash;
mod cut_over;
mod demo_app;
mod dms;
mod email_batches;
mod factor_policy;
mod health;
mod login;
mod mailbox;
mod maker_checker;
mod operator;
mod passkeys;
mod password_reset;
mod principals;
mod provider;
mod provider_clients;
mod provider_console;
mod provider_flow;
mod provider_logout;
mod scale_out;
mod second_factor;
mod security;
mod settlement_agents;
mod shutdown;
mod smartcard;
mod spa;
mod store;
mod test_clock;
mod test_fixtures;
mod transactions;
mod transport;
