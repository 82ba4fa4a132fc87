//! Every user-facing text, one catalogue per language, shared by the SPA and the server (whose
//! error messages and e-mails speak the language the browser asked for). A catalogue is a struct,
//! so a text missing in one language fails to compile.

mod en;
mod zh_hant;

use serde::{Deserialize, Serialize};

use crate::domain::lockout::Unlocker;
use crate::domain::otp::{OtpError, OtpPurpose};
use crate::domain::password_policy::PolicyBreach;
use crate::domain::{EmailError, IdError};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-Hant")]
    TraditionalChinese,
}

impl Language {
    pub const ALL: [Self; 2] = [Self::English, Self::TraditionalChinese];

    /// BCP 47 tag, for `<html lang>` and the `Accept-Language` header.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::TraditionalChinese => "zh-Hant",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// Picks the first language of an `Accept-Language` header that we speak; any Chinese
    /// variant is served Traditional Chinese, the script used in Hong Kong.
    pub fn negotiate(accept_language: &str) -> Self {
        accept_language
            .split(',')
            .map(|part| {
                part.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .find_map(|tag| {
                if tag.starts_with("zh") {
                    Some(Self::TraditionalChinese)
                } else if tag.starts_with("en") {
                    Some(Self::English)
                } else {
                    None
                }
            })
            .unwrap_or_default()
    }

    pub fn catalogue(self) -> &'static Catalogue {
        match self {
            Self::English => &en::CATALOGUE,
            Self::TraditionalChinese => &zh_hant::CATALOGUE,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::English => Self::TraditionalChinese,
            Self::TraditionalChinese => Self::English,
        }
    }
}

/// The texts of one language.
pub struct Catalogue {
    /// This language's name in itself, shown on the switch that selects it.
    pub language_name: &'static str,
    pub switch_language: &'static str,
    pub app_name: &'static str,
    pub operator_name: &'static str,
    pub skip_to_content: &'static str,

    pub terminal_login_title: &'static str,
    pub dms_login_title: &'static str,
    pub operator_login_title: &'static str,
    pub login_intro: &'static str,
    pub user_id_label: &'static str,
    pub password_label: &'static str,
    pub log_in: &'static str,
    pub logging_in: &'static str,
    pub forgot_password: &'static str,
    pub password_accepted: &'static str,
    pub dms_link: &'static str,
    pub terminal_link: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub sign_in_required_title: &'static str,
    pub sign_in_required_text: &'static str,
    pub back_to_login: &'static str,

    pub id_empty: &'static str,
    pub id_wrong_length: &'static str,
    pub id_bad_character: &'static str,
    pub id_must_start_with_letter: &'static str,
    pub id_is_da_suffix: &'static str,
    pub id_not_da_suffix: &'static str,
    pub id_not_operator: &'static str,
    pub email_empty: &'static str,
    pub email_too_long: &'static str,
    pub email_malformed: &'static str,
    pub password_empty: &'static str,
    pub field_too_long: &'static str,

    pub invalid_input: &'static str,
    pub malformed_request: &'static str,
    pub invalid_credentials: &'static str,
    pub profile_disabled: &'static str,
    pub profile_not_yet_enabled: &'static str,
    pub profile_expired: &'static str,
    pub two_factor_not_open: &'static str,
    pub unauthenticated: &'static str,
    pub forbidden: &'static str,
    pub not_found: &'static str,
    pub csrf_rejected: &'static str,
    pub unavailable: &'static str,
    pub network_error: &'static str,
    pub internal_error: &'static str,

    pub too_many_attempts: &'static str,
    pub account_locked_user: &'static str,
    pub account_locked_da: &'static str,
    pub account_locked_operator: &'static str,
    pub otp_empty: &'static str,
    pub otp_malformed: &'static str,
    pub otp_wrong: &'static str,
    pub otp_expired: &'static str,
    pub otp_none_live: &'static str,
    pub otp_replayed: &'static str,
    pub recovery_wrong: &'static str,
    pub reset_sent: &'static str,
    pub reset_ticket_invalid: &'static str,
    pub password_reused: &'static str,
    pub policy_too_short: &'static str,
    pub policy_too_long: &'static str,
    pub policy_not_user_id: &'static str,
    pub policy_common: &'static str,
    pub policy_match: &'static str,
    pub policy_unmet: &'static str,
    pub device_not_pending: &'static str,
    pub no_email_for_otp: &'static str,
    pub channel_not_email: &'static str,
    pub channel_already_email: &'static str,
    pub finish_login_first: &'static str,

    pub submit: &'static str,
    pub close: &'static str,
    pub cancel: &'static str,
    pub save_codes: &'static str,
    pub continue_label: &'static str,
    pub print: &'static str,
    pub reset_intro: &'static str,
    pub reset_otp_label: &'static str,
    pub otp_countdown: &'static str,
    pub otp_countdown_over: &'static str,
    pub send_again: &'static str,
    pub new_password_label: &'static str,
    pub confirm_password_label: &'static str,
    pub policy_heading: &'static str,
    pub policy_state_met: &'static str,
    pub policy_state_unmet: &'static str,
    pub policy_server_note: &'static str,
    pub reset_done: &'static str,
    pub register_title: &'static str,
    pub register_intro: &'static str,
    pub register_device: &'static str,
    pub register_scan: &'static str,
    pub qr_label: &'static str,
    pub manual_key: &'static str,
    pub login_using_code: &'static str,
    pub app_code_label: &'static str,
    pub skip_step: &'static str,
    pub skip_warning_title: &'static str,
    pub skip_warning: &'static str,
    pub accept: &'static str,
    pub recovery_title: &'static str,
    pub recovery_intro: &'static str,
    pub otp_title: &'static str,
    pub otp_intro_app: &'static str,
    pub otp_intro_email: &'static str,
    pub otp_label: &'static str,
    pub use_recovery: &'static str,
    pub recovery_label: &'static str,
    pub use_otp_instead: &'static str,
    pub email_sent_again: &'static str,
    pub terminal_home_title: &'static str,
    pub dms_home_title: &'static str,
    pub operator_home_title: &'static str,
    pub signed_in_as: &'static str,
    pub previous_login: &'static str,
    pub first_login: &'static str,
    pub method_app: &'static str,
    pub method_email: &'static str,
    pub method_recovery: &'static str,
    pub method_smartcard: &'static str,
    pub recovery_left: &'static str,
    pub profile_settings: &'static str,
    pub log_out: &'static str,
    pub channel_heading: &'static str,
    pub channel_now_app: &'static str,
    pub channel_now_email: &'static str,
    pub switch_to_email: &'static str,
    pub switch_to_email_intro: &'static str,
    pub switch_to_app: &'static str,
    pub channel_switched_email: &'static str,
    pub channel_switched_app: &'static str,
    pub back_home: &'static str,
    pub mailbox_title: &'static str,
    pub mailbox_intro: &'static str,
    pub mailbox_empty: &'static str,
    pub mailbox_to: &'static str,
    pub mailbox_refresh: &'static str,
    pub loading: &'static str,

    pub mail_otp_subject: &'static str,
    pub mail_purpose_reset: &'static str,
    pub mail_purpose_login: &'static str,
    pub mail_purpose_channel: &'static str,
    pub mail_otp_line: &'static str,
    pub mail_otp_expiry: &'static str,
    pub mail_otp_requested_from: &'static str,
    pub mail_otp_not_you: &'static str,
    pub policy_no_control: &'static str,
    pub policy_not_blank: &'static str,
    pub too_many_codes: &'static str,
    pub device_already_registered: &'static str,
    pub skip_not_offered: &'static str,
    pub proof_needed: &'static str,
    pub method_not_allowed: &'static str,
    pub body_too_large: &'static str,
    pub request_timed_out: &'static str,
    pub clock_out_of_range: &'static str,
    pub replace_device: &'static str,
    pub replace_device_intro: &'static str,
    pub switch_to_app_intro: &'static str,
    pub send_code: &'static str,
    pub email_code_label: &'static str,
    pub confirm: &'static str,
    pub mail_notice_subject: &'static str,
    pub mail_notice_password: &'static str,
    pub mail_notice_device: &'static str,
    pub mail_notice_device_replaced: &'static str,
    pub mail_notice_channel_email: &'static str,
    pub mail_notice_recovery: &'static str,
    pub mail_notice_locked: &'static str,
    pub mail_notice_not_you: &'static str,
}

impl Catalogue {
    pub fn id_error(&self, error: IdError) -> &'static str {
        match error {
            IdError::Empty => self.id_empty,
            IdError::WrongLength => self.id_wrong_length,
            IdError::BadCharacter => self.id_bad_character,
            IdError::MustStartWithLetter => self.id_must_start_with_letter,
            IdError::IsDaSuffix => self.id_is_da_suffix,
            IdError::NotDaSuffix => self.id_not_da_suffix,
            IdError::NotOperatorId => self.id_not_operator,
        }
    }

    /// The words an OTP mail uses for what the code is for.
    pub fn otp_purpose(&self, purpose: OtpPurpose) -> &'static str {
        match purpose {
            OtpPurpose::PasswordReset => self.mail_purpose_reset,
            OtpPurpose::Login => self.mail_purpose_login,
            OtpPurpose::ChannelSwitch => self.mail_purpose_channel,
        }
    }

    pub fn otp_error(&self, error: OtpError) -> &'static str {
        match error {
            OtpError::Empty => self.otp_empty,
            OtpError::Malformed => self.otp_malformed,
        }
    }

    /// A rule of the policy, as the checklist beside the password field states it.
    pub fn policy_rule(&self, breach: PolicyBreach) -> &'static str {
        match breach {
            PolicyBreach::TooShort => self.policy_too_short,
            PolicyBreach::TooLong => self.policy_too_long,
            PolicyBreach::IsUserId => self.policy_not_user_id,
            PolicyBreach::Common => self.policy_common,
            PolicyBreach::Mismatch => self.policy_match,
            PolicyBreach::ControlCharacter => self.policy_no_control,
            PolicyBreach::OnlyWhiteSpace => self.policy_not_blank,
        }
    }

    /// R24: the lock message, naming who can unlock.
    pub fn locked_until_unlocked_by(&self, unlocker: Unlocker) -> &'static str {
        match unlocker {
            Unlocker::DelegatedAdministrator => self.account_locked_user,
            Unlocker::Operator => self.account_locked_da,
            Unlocker::AnotherOperator => self.account_locked_operator,
        }
    }

    pub fn email_error(&self, error: EmailError) -> &'static str {
        match error {
            EmailError::Empty => self.email_empty,
            EmailError::TooLong => self.email_too_long,
            EmailError::Malformed => self.email_malformed,
        }
    }
}

/// Replaces `{name}` in a catalogue text; texts with parameters say which they take.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(text.to_owned(), |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_traditional_chinese_for_any_chinese() {
        assert_eq!(
            Language::negotiate("zh-HK,zh;q=0.9,en;q=0.8"),
            Language::TraditionalChinese
        );
        assert_eq!(Language::negotiate("zh-Hant"), Language::TraditionalChinese);
        assert_eq!(Language::negotiate("en-GB,en;q=0.9"), Language::English);
        assert_eq!(
            Language::negotiate("fr-FR, zh;q=0.5"),
            Language::TraditionalChinese
        );
        assert_eq!(Language::negotiate(""), Language::English);
    }

    #[test]
    fn tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
        assert_eq!(Language::from_tag("de"), None);
    }

    #[test]
    fn fill_replaces_named_parameters() {
        assert_eq!(
            fill(
                "ask {who} at {when}",
                &[("who", "your DA"), ("when", "09:00")]
            ),
            "ask your DA at 09:00"
        );
    }

    #[test]
    fn the_seed_words_label_the_log_in_page() {
        let en = Language::English.catalogue();
        assert_eq!(en.log_in, "LOG IN");
        assert_eq!(en.forgot_password, "Forgot/Reset your Password");
    }
}
