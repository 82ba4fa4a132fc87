use crate::i18n::catalogue::Login;

pub(super) const TEXTS: Login = Login {
    terminal_login_title: "CCASS Terminal",
    dms_login_title: "DMS – Delegated Administrator",
    operator_login_title: "CCASS Access – Operator console",
    login_intro: "Log in with your user ID and password. A one-time password follows.",
    user_id_label: "User ID",
    password_label: "Password",
    log_in: "LOG IN",
    logging_in: "Logging in…",
    forgot_password: "Forgot/Reset your Password",
    dms_link: "Delegated Administrators: log in to the DMS",
    terminal_link: "Users: log in to CCASS Terminal",
    id_empty: "Enter your user ID.",
    id_wrong_length: "A user ID has 8 characters: the 6-character participant ID and 2 more, e.g. B0123401.",
    id_bad_character: "A user ID contains only the letters A–Z and the digits 0–9.",
    id_must_start_with_letter: "A user ID begins with the participant ID, which starts with a letter, e.g. B0123401.",
    id_is_da_suffix: "This is a DA user ID (ending in X, Y or Z and a digit); a user ID ends in two other characters.",
    id_not_da_suffix: "A DA user ID ends in X, Y or Z followed by a digit 1–9, e.g. B01234X1.",
    id_not_operator: "An operator ID is the organisation, a hyphen and 2–8 letters or digits, e.g. HKEX-OP01.",
};
