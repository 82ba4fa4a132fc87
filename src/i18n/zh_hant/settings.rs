use crate::i18n::catalogue::Settings;

pub(super) const TEXTS: Settings = Settings {
    channel_heading: "接收一次性密碼的方式",
    channel_now_app: "現時：由流動認證應用程式提供。",
    channel_now_email: "現時：以電郵發送。",
    switch_to_email: "改用電郵",
    switch_to_email_intro: "如要改用電郵，請以應用程式的驗證碼確認。",
    switch_to_app: "改用流動應用程式",
    channel_switched_email: "一次性密碼現改以電郵發送。",
    channel_switched_app: "一次性密碼現改由流動應用程式提供。",
    replace_device: "更換裝置",
    replace_device_intro:
        "如要登記新裝置，請以現有應用程式的密碼或一個備用碼確認。新裝置確認前，現有裝置仍然有效。",
    switch_to_app_intro: "如要改用應用程式，請以我們電郵至你登記地址的密碼確認。",
    send_code: "發送密碼",
    email_code_label: "電郵中的密碼",
    passkeys_heading: "通行密鑰",
    passkeys_none: "你尚未有通行密鑰。",
    passkeys_intro:
        "通行密鑰可在輸入密碼後代替驗證碼登入。加入或移除通行密鑰須先以現有的第二重認證確認。",
    passkey_name_label: "通行密鑰名稱（例如：辦公室手提電腦）",
    passkey_add: "加入通行密鑰",
    passkey_remove: "移除 {name}",
    passkey_added: "已加入通行密鑰。",
    passkey_removed: "已移除通行密鑰。",
    passkey_added_at: "於 {at} 加入",
    passkey_last_used: "最後使用於 {at}",
    passkey_never_used: "尚未使用",
    passkey_synced: "已同步",
    passkey_prove: "請以應用程式或電郵的驗證碼，或復原碼確認。",
};
