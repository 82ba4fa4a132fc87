use super::Catalogue;

pub(super) const CATALOGUE: Catalogue = Catalogue {
    language_name: "繁體中文",
    switch_language: "語言",
    app_name: "中央結算系統登入",
    operator_name: "香港中央結算有限公司",
    skip_to_content: "跳至主要內容",

    terminal_login_title: "中央結算系統終端機",
    dms_login_title: "DMS – 授權管理員",
    login_intro: "請以用戶編號及密碼登入，其後輸入一次性密碼。",
    user_id_label: "用戶編號",
    password_label: "密碼",
    log_in: "登入",
    logging_in: "正在登入…",
    forgot_password: "忘記／重設密碼",
    password_accepted: "{user} 的密碼正確。請繼續輸入一次性密碼。",
    dms_link: "授權管理員：登入 DMS",
    terminal_link: "用戶：登入中央結算系統終端機",

    not_found_title: "找不到網頁",
    not_found_text: "此網址沒有網頁。",
    sign_in_required_title: "請先登入",
    sign_in_required_text: "登入後方可使用此網頁。",
    back_to_login: "前往登入網頁",

    id_empty: "請輸入用戶編號。",
    id_wrong_length: "用戶編號共 8 個字元：6 個字元的參與者編號加 2 個字元，例如 B0123401。",
    id_bad_character: "用戶編號只可包含英文字母 A–Z 及數字 0–9。",
    id_must_start_with_letter:
        "用戶編號以參與者編號開首，而參與者編號以英文字母開始，例如 B0123401。",
    id_is_da_suffix:
        "這是授權管理員的用戶編號（以 X、Y 或 Z 加一個數字結尾）；一般用戶編號以其他兩個字元結尾。",
    id_not_da_suffix: "授權管理員的用戶編號以 X、Y 或 Z 加數字 1–9 結尾，例如 B01234X1。",
    email_empty: "請輸入電郵地址。",
    email_too_long: "電郵地址最多 254 個字元。",
    email_malformed: "請輸入格式如 name@company.com.hk 的電郵地址。",
    password_empty: "請輸入密碼。",
    field_too_long: "輸入內容過長。",

    invalid_input: "請更正下列標示的資料。",
    malformed_request: "無法讀取此要求，請重新載入網頁後再試。",
    invalid_credentials: "用戶編號或密碼不正確。",
    profile_disabled: "此用戶檔案已停用。請聯絡你的授權管理員。",
    profile_not_yet_enabled: "此用戶檔案由 {date} 起啟用，請屆時登入。",
    profile_expired: "此用戶檔案已於 {date} 後停用。請聯絡你的授權管理員。",
    two_factor_not_open:
        "以密碼及一次性密碼登入將於平行運行期開始後提供。在此之前，請以智能卡登入。",
    unauthenticated: "你的登入時段已結束，請重新登入。",
    forbidden: "你無權進行此操作。",
    not_found: "找不到。",
    csrf_rejected: "此要求並非來自中央結算系統登入網頁，已被拒絕。",
    unavailable: "服務暫時未能提供，請於數分鐘後再試。",
    network_error: "無法連接伺服器，請檢查網絡連線後再試。",
    internal_error: "系統發生錯誤，請再試一次；如問題持續，請致電中央結算系統熱線。",
};
