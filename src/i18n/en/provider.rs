use crate::i18n::catalogue::Provider;

pub(super) const TEXTS: Provider = Provider {
    error_title: "This application's log-in request cannot be answered",
    error_intro: "An application sent you to CCASS Access to log in, but its request is not one CCASS Access can answer, so you are not sent back to it.",
    no_client: "The request does not name the application.",
    unknown_client: "The application is not registered with CCASS Access, or it has been disabled.",
    no_redirect_uri: "The request does not say where to send you back.",
    wrong_redirect_uri: "The address to send you back to is not one registered for this application.",
    malformed: "The request is damaged: a part of it is given twice or is too long.",
    what_to_do: "Close this page and open the application again. If this keeps happening, tell your firm's IT team or the CCASS Hotline.",
    returning: "Returning to the application…",
    logout_title: "Log out of CCASS Access?",
    logout_question: "An application asks to end your CCASS Access session. If you log out, every application you opened through CCASS Access logs you out too.",
    logout_button: "LOG OUT",
    logged_out_title: "You have logged out of CCASS Access",
    logged_out_text: "Your session has ended, and the applications you opened through it are told.",
    back_to_application: "Return to the application",
};
