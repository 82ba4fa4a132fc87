use crate::i18n::catalogue::Password;

pub(super) const TEXTS: Password = Password {
    reset_sent: "If {user} has a registered e-mail address, a one-time password has been sent to it; it is valid for 5 minutes. If no e-mail arrives, the user ID may have no registered e-mail: please ask your Delegated Administrator to register it.",
    policy_too_short: "At least 12 characters",
    policy_too_long: "At most 128 characters",
    policy_not_user_id: "Does not contain your user ID",
    policy_common: "Not a common or breached password",
    policy_match: "Both entries are the same",
    policy_unmet: "The password must meet this rule: {rule}.",
    reset_intro: "Enter your user ID. A one-time password will be e-mailed to your registered e-mail address.",
    reset_otp_label: "One-time password from the e-mail",
    new_password_label: "New password",
    confirm_password_label: "Re-enter the new password",
    policy_heading: "Your new password must meet these rules:",
    policy_state_met: "(met)",
    policy_state_unmet: "(not yet met)",
    policy_server_note: "It must also not be a common or breached password, nor one of your last 5 passwords.",
    reset_done: "Your password has been reset. You can now log in with your user ID and the new password.",
    policy_no_control: "No control characters such as tabs or line breaks",
    policy_not_blank: "Not made of spaces only",
};
