//! The server's defences, below every area: password hashes (Argon2id), session and ticket
//! tokens, the attempt budgets that throttle guessing (R24, R26c), and the passkeys' relying
//! party.

pub mod authorisation_code;
pub mod hash_pool;
pub mod jose;
pub mod passkeys;
pub mod password;
pub mod secrets;
pub mod session;
pub mod smartcard;
pub mod throttle;
