//! The operators' work (R6, R6a, R12, R13): what an operator does alone (participants,
//! unlocking, a lost phone, users before the parallel run, the holiday calendar) and what needs
//! a second operator (DAs created or deleted, a DA's e-mail, a phase move, operators added or
//! removed). Every step is one [`Change`](crate::server::store::Change) with its audit rows.

pub mod cut_over;
pub mod direct;
pub mod requests;
