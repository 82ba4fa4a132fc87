use crate::i18n::catalogue::Home;

pub(super) const TEXTS: Home = Home {
    terminal_home_title: "CCASS Terminal",
    dms_home_title: "DMS",
    operator_home_title: "Operator console",
    signed_in_as: "Logged in as {name} ({user})",
    previous_login: "Last log-in: {at}, by {method}.",
    first_login: "This is your first log-in with two-factor authentication.",
    method_app: "mobile app OTP",
    method_email: "e-mail OTP",
    method_recovery: "recovery code",
    method_smartcard: "smartcard",
    recovery_left: "You logged in with a recovery code. Recovery codes left: {count}. If your phone is lost, register a new device in Profile settings.",
    profile_settings: "Profile settings",
    log_out: "LOG OUT",
    method_passkey: "passkey",
    applications_heading: "Your applications",
};
