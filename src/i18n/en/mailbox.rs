use crate::i18n::catalogue::Mailbox;

pub(super) const TEXTS: Mailbox = Mailbox {
    title: "Demo mailbox",
    intro: "The mail the server would send through SMTP, newest first. This page exists only in demo mode.",
    empty: "No mail yet.",
    to: "To",
    refresh: "Refresh",
};
