use crate::i18n::catalogue::Mail;

pub(super) const TEXTS: Mail = Mail {
    otp_subject: "CCASS Access: your one-time password",
    purpose_reset: "to reset your password",
    purpose_login: "to log in",
    purpose_channel: "to change how you receive one-time passwords",
    otp_line: "User ID {user}: your one-time password {purpose} is {code}.",
    otp_expiry: "It expires at {expires}, Hong Kong time, and can be used once.",
    otp_requested_from: "It was requested from the address {address}.",
    otp_not_you: "If you did not ask for it, do not share it with anyone and tell your Delegated Administrator at once.",
    notice_subject: "CCASS Access: a change to your log-in",
    notice_password: "User ID {user}: your password was changed at {at}.",
    notice_device: "User ID {user}: a mobile device was registered for your one-time passwords at {at}.",
    notice_device_replaced: "User ID {user}: your mobile device for one-time passwords was replaced at {at}. The previous device no longer works.",
    notice_channel_email: "User ID {user}: from {at}, your one-time passwords come by e-mail.",
    notice_recovery: "User ID {user}: a recovery code was used to log in at {at}. Recovery codes left: {count}.",
    notice_locked: "User ID {user}: your account was locked at {at}, after 5 failed attempts.",
    notice_not_you: "If this was not you, tell your Delegated Administrator at once; a Delegated Administrator calls the CCASS Hotline +852 2979 7111.",
    notice_passkey_added: "User ID {user}: a passkey was added to your log-in at {at}. It can now be used instead of a one-time password.",
    notice_passkey_removed: "User ID {user}: a passkey was removed from your log-in at {at}; it no longer works.",
};
