//! Log-in (seed Appendix B): user ID and password, "Forgot/Reset your Password", and the second
//! factor. Open to anyone; later steps take the half session the password step made.

mod login;
mod passkey;
mod password_reset;
pub mod second_factor;
mod smartcard;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::server::state::AppState;

pub use login::{parse_login_id, MAX_PASSWORD_CHARS};
pub(crate) use passkey::{begin as begin_ceremony, register_in};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login::login))
        .routes(routes!(login::logout))
        .routes(routes!(smartcard::smartcard))
        .routes(routes!(password_reset::start))
        .routes(routes!(password_reset::verify))
        .routes(routes!(password_reset::complete))
        .routes(routes!(second_factor::start_device))
        .routes(routes!(second_factor::activate_device))
        .routes(routes!(second_factor::skip_device))
        .routes(routes!(second_factor::resend_email_otp))
        .routes(routes!(second_factor::submit_otp))
        .routes(routes!(second_factor::use_recovery_code))
        .routes(routes!(passkey::challenge))
        .routes(routes!(passkey::log_in))
        .routes(routes!(passkey::register_challenge))
        .routes(routes!(passkey::register))
}
