use crate::i18n::catalogue::Home;

pub(super) const TEXTS: Home = Home {
    terminal_home_title: "中央結算系統終端機",
    dms_home_title: "DMS",
    operator_home_title: "操作員控制台",
    signed_in_as: "已登入：{name}（{user}）",
    previous_login: "上次登入：{at}，方式：{method}。",
    first_login: "這是你首次以雙重認證登入。",
    method_app: "流動應用程式一次性密碼",
    method_email: "電郵一次性密碼",
    method_recovery: "備用碼",
    method_smartcard: "智能卡",
    recovery_left:
        "你已使用備用碼登入。尚餘備用碼：{count} 個。如手機已遺失，請在個人設定登記新裝置。",
    profile_settings: "個人設定",
    log_out: "登出",
    method_passkey: "通行密鑰",
    applications_heading: "您的應用程式",
};
