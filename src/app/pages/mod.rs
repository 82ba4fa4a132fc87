//! One page per route.

mod audit_trail;
mod authorisation_code;
mod bulk_email;
pub mod console;
mod dms_readiness;
mod home;
mod load_workplace;
mod login;
mod mailbox;
mod maintain_profile;
mod not_found;
mod otp;
mod pending_requests;
mod register_device;
mod settings;
mod sign_in_required;
mod signed_in_area;
mod user_listing;

pub use audit_trail::AuditTrailPage;
pub use authorisation_code::AuthorisationCodePage;
pub use bulk_email::BulkEmailPage;
pub use dms_readiness::DmsReadiness;
pub use home::HomePage;
pub use load_workplace::{workplace_loaded, LoadWorkplace};
pub use login::LoginPage;
pub use mailbox::MailboxPage;
pub use maintain_profile::MaintainProfilePage;
pub use not_found::NotFoundPage;
pub use otp::OtpPage;
pub use pending_requests::PendingRequestsPage;
pub use register_device::RegisterDevicePage;
pub use settings::SettingsPage;
pub use sign_in_required::SignInRequiredPage;
pub use signed_in_area::SignedInArea;
pub use user_listing::UserListingPage;
