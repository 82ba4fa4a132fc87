use crate::i18n::catalogue::Common;

pub(super) const TEXTS: Common = Common {
    language_name: "English",
    switch_language: "Language",
    app_name: "CCASS Access",
    skip_to_content: "Skip to main content",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address.",
    sign_in_required_title: "Please log in",
    sign_in_required_text: "This page is available after you log in.",
    back_to_login: "Go to the log-in page",
    submit: "SUBMIT",
    close: "Close",
    cancel: "Cancel",
    continue_label: "Continue",
    print: "Print",
    accept: "Accept",
    back_home: "Back to the home page",
    loading: "Loading…",
    trouble_title: "This page could not be loaded",
    try_again: "Try again",
    confirm: "Confirm",
};
