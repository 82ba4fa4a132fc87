//! One page per route.

mod home;
mod login;
mod mailbox;
mod not_found;
mod otp;
mod register_device;
mod settings;
mod sign_in_required;
mod signed_in_area;
mod user_listing;

pub use home::HomePage;
pub use login::LoginPage;
pub use mailbox::MailboxPage;
pub use not_found::NotFoundPage;
pub use otp::OtpPage;
pub use register_device::RegisterDevicePage;
pub use settings::SettingsPage;
pub use sign_in_required::SignInRequiredPage;
pub use signed_in_area::SignedInArea;
pub use user_listing::UserListingPage;
