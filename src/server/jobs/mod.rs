//! Work the server does in the background, apart from any request.

pub mod housekeeping;
pub mod retention;
