use crate::i18n::catalogue::Login;

pub(super) const TEXTS: Login = Login {
    terminal_login_title: "中央結算系統終端機",
    dms_login_title: "DMS – 授權管理員",
    operator_login_title: "中央結算系統登入服務 – 操作員控制台",
    login_intro: "請以用戶編號及密碼登入，其後輸入一次性密碼。",
    user_id_label: "用戶編號",
    password_label: "密碼",
    log_in: "登入",
    logging_in: "正在登入…",
    forgot_password: "忘記／重設密碼",
    dms_link: "授權管理員：登入 DMS",
    terminal_link: "用戶：登入中央結算系統終端機",
    id_empty: "請輸入用戶編號。",
    id_wrong_length: "用戶編號共 8 個字元：6 個字元的參與者編號加 2 個字元，例如 B0123401。",
    id_bad_character: "用戶編號只可包含英文字母 A–Z 及數字 0–9。",
    id_must_start_with_letter:
        "用戶編號以參與者編號開首，而參與者編號以英文字母開始，例如 B0123401。",
    id_is_da_suffix:
        "這是授權管理員的用戶編號（以 X、Y 或 Z 加一個數字結尾）；一般用戶編號以其他兩個字元結尾。",
    id_not_da_suffix: "授權管理員的用戶編號以 X、Y 或 Z 加數字 1–9 結尾，例如 B01234X1。",
    id_not_operator: "操作員編號由機構代號、連字號及 2 至 8 個英文字母或數字組成，例如 HKEX-OP01。",
    smartcard_button: "以智能卡登錄",
    two_factor_heading: "以雙重認證登入",
    smartcard_intro: "請輸入智能卡上的智能卡參考號碼及其個人密碼。",
    srn_label: "智能卡參考號碼（SRN）",
    pin_label: "智能卡個人密碼",
    smartcard_only: "並行運行開始前，請以智能卡登入。",
};
