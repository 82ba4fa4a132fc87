//! One page per route.

mod login;
mod not_found;
mod sign_in_required;

pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use sign_in_required::SignInRequiredPage;
