use crate::i18n::catalogue::Common;

pub(super) const TEXTS: Common = Common {
    language_name: "繁體中文",
    switch_language: "語言",
    app_name: "中央結算系統登入",
    skip_to_content: "跳至主要內容",
    not_found_title: "找不到網頁",
    not_found_text: "此網址沒有網頁。",
    sign_in_required_title: "請先登入",
    sign_in_required_text: "登入後方可使用此網頁。",
    back_to_login: "前往登入網頁",
    submit: "提交",
    close: "關閉",
    cancel: "取消",
    continue_label: "繼續",
    print: "列印",
    accept: "接受",
    back_home: "返回主頁",
    loading: "載入中…",
    trouble_title: "未能載入此頁",
    try_again: "重試",
    confirm: "確認",
};
