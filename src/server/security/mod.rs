//! The server's defences, below every area: password hashes (Argon2id), session and ticket
//! tokens, and the attempt budgets that throttle guessing (R24, R26c).

pub mod authorisation_code;
pub mod hash_pool;
pub mod password;
pub mod secrets;
pub mod session;
pub mod smartcard;
pub mod throttle;
