//! The HTTP boundary below every area: the error model and its response, the caller's address,
//! the CSRF check, the SPA, the few pages the server writes itself.

pub mod client_address;
pub mod csrf;
pub mod csv;
pub mod error;
pub mod page;
pub mod request_id;
pub mod spa;
