//! CCASS Access: the SPA (`csr`) and the reference server (`server`) share the wire types in
//! [`api`], the rules in [`domain`] and the text in [`i18n`]; nothing else crosses the line.

// No `unsafe` in our code: any would first need `forbid` lifted here, a decision in review.
#![forbid(unsafe_code)]

pub mod api;
pub mod domain;
pub mod i18n;
pub mod stored_names;

#[cfg(feature = "csr")]
pub mod app;

#[cfg(feature = "server")]
pub mod server;
