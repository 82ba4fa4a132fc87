use crate::i18n::catalogue::Password;

pub(super) const TEXTS: Password = Password {
    reset_sent: "如 {user} 已登記電郵地址，一次性密碼已發送至該地址，有效時間為 5 分鐘。如未收到電郵，此用戶編號可能未有登記電郵地址：請聯絡你的授權管理員登記。",
    policy_too_short: "最少 12 個字元",
    policy_too_long: "最多 128 個字元",
    policy_not_user_id: "不包含你的用戶編號",
    policy_common: "並非常用或已外洩的密碼",
    policy_match: "兩次輸入相同",
    policy_unmet: "密碼必須符合此規則：{rule}。",
    reset_intro: "請輸入你的用戶編號。一次性密碼將以電郵發送至你已登記的電郵地址。",
    reset_otp_label: "電郵內的一次性密碼",
    new_password_label: "新密碼",
    confirm_password_label: "再次輸入新密碼",
    policy_heading: "新密碼必須符合以下規則：",
    policy_state_met: "（已符合）",
    policy_state_unmet: "（尚未符合）",
    policy_server_note: "新密碼亦不可為常用或已外洩的密碼，亦不可為你最近 5 個密碼之一。",
    reset_done: "你的密碼已重設。你現在可以用戶編號及新密碼登入。",
    policy_no_control: "不可包含定位字元、換行等控制字元",
    policy_not_blank: "不可只由空格組成",
};
