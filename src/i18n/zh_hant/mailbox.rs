use crate::i18n::catalogue::Mailbox;

pub(super) const TEXTS: Mailbox = Mailbox {
    title: "示範郵箱",
    intro: "伺服器原應以 SMTP 發送的郵件，最新的排在最前。此網頁只在示範模式提供。",
    empty: "暫無郵件。",
    to: "收件人",
    refresh: "重新整理",
};
