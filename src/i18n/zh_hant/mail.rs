use crate::i18n::catalogue::Mail;

pub(super) const TEXTS: Mail = Mail {
    otp_subject: "中央結算系統登入：你的一次性密碼",
    purpose_reset: "（用於重設密碼）",
    purpose_login: "（用於登入）",
    purpose_channel: "（用於更改接收一次性密碼的方式）",
    otp_line: "用戶編號 {user}：你的一次性密碼{purpose}為 {code}。",
    otp_expiry: "此密碼於香港時間 {expires} 失效，只可使用一次。",
    otp_requested_from: "此要求來自網絡地址 {address}。",
    otp_not_you: "如你並未提出此要求，請勿向任何人透露此密碼，並立即通知你的授權管理員。",
    notice_subject: "中央結算系統登入：你的登入設定有變",
    notice_password: "用戶編號 {user}：你的密碼已於 {at} 更改。",
    notice_device: "用戶編號 {user}：已於 {at} 登記接收一次性密碼的流動裝置。",
    notice_device_replaced: "用戶編號 {user}：你接收一次性密碼的流動裝置已於 {at} 更換，原有裝置已失效。",
    notice_channel_email: "用戶編號 {user}：由 {at} 起，你的一次性密碼將以電郵發送。",
    notice_recovery: "用戶編號 {user}：已於 {at} 使用備用碼登入。餘下備用碼：{count} 個。",
    notice_locked: "用戶編號 {user}：你的帳戶於 {at} 因連續 5 次失敗而被鎖定。",
    notice_not_you: "如非你本人所為，請立即通知你的授權管理員；授權管理員請致電中央結算系統熱線 +852 2979 7111。",
    notice_passkey_added: "用戶編號 {user}：已於 {at} 為你的登入加入通行密鑰，可代替一次性密碼使用。",
    notice_passkey_removed: "用戶編號 {user}：已於 {at} 從你的登入移除一個通行密鑰，該密鑰已失效。",
};
