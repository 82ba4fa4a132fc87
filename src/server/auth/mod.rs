//! What log-in is made of behind its routes: admission (R4a, R24, R26b), the steps every
//! log-in shares, e-mailed codes and notices.

pub mod admission;
pub mod email_otp;
pub mod notices;
pub mod passkey_ceremony;
pub mod password_reset;
pub mod second_factor;
pub mod session_limits;
pub mod sign_in;
