use crate::i18n::catalogue::Settings;

pub(super) const TEXTS: Settings = Settings {
    channel_heading: "How you receive one-time passwords",
    channel_now_app: "Currently: from the mobile authenticator app.",
    channel_now_email: "Currently: by e-mail.",
    switch_to_email: "Switch to e-mail",
    switch_to_email_intro: "To switch to e-mail, confirm with a code from your app.",
    switch_to_app: "Switch to the mobile app",
    channel_switched_email: "One-time passwords now come by e-mail.",
    channel_switched_app: "One-time passwords now come from your mobile app.",
    replace_device: "Replace device",
    replace_device_intro: "To register a new device, confirm with a code from your current app or one of your recovery codes. Your current device keeps working until the new one is confirmed.",
    switch_to_app_intro: "To switch to the app, confirm with a code that we e-mail to your registered address.",
    send_code: "Send code",
    email_code_label: "Code from the e-mail",
};
