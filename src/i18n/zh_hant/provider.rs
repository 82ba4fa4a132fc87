use crate::i18n::catalogue::Provider;

pub(super) const TEXTS: Provider = Provider {
    error_title: "無法處理此應用程式的登入要求",
    error_intro:
        "有應用程式將您轉到 CCASS Access 登入，但其要求無法處理，因此不會將您轉回該應用程式。",
    no_client: "要求中沒有註明應用程式。",
    unknown_client: "此應用程式並未在 CCASS Access 登記，或已被停用。",
    no_redirect_uri: "要求中沒有註明登入後轉回的地址。",
    wrong_redirect_uri: "登入後轉回的地址並非此應用程式已登記的地址。",
    malformed: "要求已損壞：其中某部分重複或過長。",
    what_to_do:
        "請關閉此頁並重新開啟該應用程式。如問題持續，請聯絡貴公司的資訊科技團隊或中央結算系統熱線。",
    returning: "正在返回應用程式…",
    logout_title: "登出 CCASS Access？",
    logout_question: "有應用程式要求結束您的 CCASS Access 工作階段。登出後，您經 CCASS Access 開啟的所有應用程式亦會一併登出。",
    logout_button: "登出",
    logged_out_title: "您已登出 CCASS Access",
    logged_out_text: "您的工作階段已結束，並已通知您經此開啟的應用程式。",
    back_to_application: "返回應用程式",
};
