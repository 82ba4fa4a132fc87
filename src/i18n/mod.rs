//! Every user-facing text, one catalogue per language, shared by the SPA and the server (whose
//! error messages and e-mails speak the language the browser asked for). A catalogue is a struct,
//! so a text missing in one language fails to compile.

mod catalogue;
mod en;
mod zh_hant;

use serde::{Deserialize, Serialize};

pub use catalogue::{
    BulkEmail, Common, CutOver, Dms, Errors, Home, Login, Mail, Mailbox, Maintain, OperatorTexts,
    Password, Provider, Settings, TwoFactor,
};

use crate::domain::lockout::Unlocker;
use crate::domain::otp::{OtpError, OtpPurpose};
use crate::domain::password_policy::PolicyBreach;
use crate::domain::table_one::{Actor, NotInThisPhase, ProfileFunction};
use crate::domain::{EmailError, IdError, MigrationPhase, RequestStatus};

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

/// The texts of one language, by area.
pub struct Catalogue {
    pub bulk_email: BulkEmail,
    pub common: Common,
    pub operator: OperatorTexts,
    pub cut_over: CutOver,
    pub dms: Dms,
    pub login: Login,
    pub password: Password,
    pub two_factor: TwoFactor,
    pub home: Home,
    pub settings: Settings,
    pub errors: Errors,
    pub mailbox: Mailbox,
    pub mail: Mail,
    pub maintain: Maintain,
    pub provider: Provider,
}

impl Catalogue {
    /// Every text as (area, name, text), for the tests that hold the languages together.
    pub fn all_texts(&self) -> Vec<(&'static str, &'static str, &'static str)> {
        let areas = [
            ("bulk_email", self.bulk_email.texts()),
            ("common", self.common.texts()),
            ("operator", self.operator.texts()),
            ("cut_over", self.cut_over.texts()),
            ("dms", self.dms.texts()),
            ("login", self.login.texts()),
            ("password", self.password.texts()),
            ("two_factor", self.two_factor.texts()),
            ("home", self.home.texts()),
            ("settings", self.settings.texts()),
            ("errors", self.errors.texts()),
            ("mailbox", self.mailbox.texts()),
            ("mail", self.mail.texts()),
            ("maintain", self.maintain.texts()),
            ("provider", self.provider.texts()),
        ];
        areas
            .into_iter()
            .flat_map(|(area, texts)| {
                texts
                    .into_iter()
                    .map(move |(name, text)| (area, name, text))
            })
            .collect()
    }

    pub fn phase_name(&self, phase: MigrationPhase) -> &'static str {
        match phase {
            MigrationPhase::PreParallel => self.operator.phase_pre_parallel,
            MigrationPhase::Parallel => self.operator.phase_parallel,
            MigrationPhase::PostParallel => self.operator.phase_post_parallel,
        }
    }

    /// A refused cell of Table 1 (R13), naming the phase.
    pub fn not_in_phase(&self, refusal: NotInThisPhase) -> String {
        let c = &self.operator;
        let function = match refusal.function {
            ProfileFunction::CreateDa => c.fn_create_da,
            ProfileFunction::MaintainDa => c.fn_maintain_da,
            ProfileFunction::DeleteDa => c.fn_delete_da,
            ProfileFunction::CreateUser => c.fn_create_user,
            ProfileFunction::MaintainUser => c.fn_maintain_user,
            ProfileFunction::RegisterUserEmail => c.fn_register_email,
            ProfileFunction::DeleteUser => c.fn_delete_user,
            ProfileFunction::AddBusinessGroupsToDa => c.fn_business_groups,
            ProfileFunction::AddDaFunctionsToUser => c.fn_da_functions,
        };
        let actor = match refusal.actor {
            Actor::Operator => c.by_operator,
            Actor::Da => c.by_da,
        };
        fill(
            c.not_in_phase,
            &[
                ("function", function),
                ("actor", actor),
                ("phase", self.phase_name(refusal.phase)),
            ],
        )
    }

    /// What a maker–checker request does, in the seed's words ("Change User Profile").
    pub fn request_action(&self, action: crate::domain::RequestAction) -> &'static str {
        use crate::domain::RequestAction;
        let m = &self.maintain;
        match action {
            RequestAction::Create => m.create_user_profile,
            RequestAction::Change => m.change_user_profile,
            RequestAction::Delete => m.delete_user_profile,
            RequestAction::Unlock => m.unlock_user,
            RequestAction::ResetSoftToken => m.reset_soft_token,
            RequestAction::AddBusinessGroups => m.add_business_groups,
        }
    }

    /// Where a maker–checker request stands, in words.
    pub fn request_status(&self, status: RequestStatus) -> &'static str {
        let m = &self.maintain;
        match status {
            RequestStatus::Pending => m.status_pending,
            RequestStatus::Authorised => m.status_authorised,
            RequestStatus::Rejected => m.status_rejected,
            RequestStatus::Withdrawn => m.status_withdrawn,
            RequestStatus::Expired => m.status_expired,
            RequestStatus::Stale => m.status_stale,
        }
    }

    pub fn id_error(&self, error: IdError) -> &'static str {
        match error {
            IdError::Empty => self.login.id_empty,
            IdError::WrongLength => self.login.id_wrong_length,
            IdError::BadCharacter => self.login.id_bad_character,
            IdError::MustStartWithLetter => self.login.id_must_start_with_letter,
            IdError::IsDaSuffix => self.login.id_is_da_suffix,
            IdError::NotDaSuffix => self.login.id_not_da_suffix,
            IdError::NotOperatorId => self.login.id_not_operator,
        }
    }

    /// The words an OTP mail uses for what the code is for.
    pub fn otp_purpose(&self, purpose: OtpPurpose) -> &'static str {
        match purpose {
            OtpPurpose::PasswordReset => self.mail.purpose_reset,
            OtpPurpose::Login => self.mail.purpose_login,
            OtpPurpose::ChannelSwitch => self.mail.purpose_channel,
        }
    }

    pub fn otp_error(&self, error: OtpError) -> &'static str {
        match error {
            OtpError::Empty => self.two_factor.otp_empty,
            OtpError::Malformed => self.two_factor.otp_malformed,
        }
    }

    /// A rule of the policy, as the checklist beside the password field states it.
    pub fn policy_rule(&self, breach: PolicyBreach) -> &'static str {
        match breach {
            PolicyBreach::TooShort => self.password.policy_too_short,
            PolicyBreach::TooLong => self.password.policy_too_long,
            PolicyBreach::IsUserId => self.password.policy_not_user_id,
            PolicyBreach::Common => self.password.policy_common,
            PolicyBreach::Mismatch => self.password.policy_match,
            PolicyBreach::ControlCharacter => self.password.policy_no_control,
            PolicyBreach::OnlyWhiteSpace => self.password.policy_not_blank,
        }
    }

    /// R24: the lock message, naming who can unlock.
    pub fn locked_until_unlocked_by(&self, unlocker: Unlocker) -> &'static str {
        match unlocker {
            Unlocker::DelegatedAdministrator => self.errors.account_locked_user,
            Unlocker::Operator => self.errors.account_locked_da,
            Unlocker::AnotherOperator => self.errors.account_locked_operator,
        }
    }

    pub fn email_error(&self, error: EmailError) -> &'static str {
        match error {
            EmailError::Empty => self.errors.email_empty,
            EmailError::TooLong => self.errors.email_too_long,
            EmailError::Malformed => self.errors.email_malformed,
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

    /// The `{name}` parameters of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn both_languages_have_the_same_texts_with_the_same_placeholders() {
        let en = Language::English.catalogue().all_texts();
        let zh = Language::TraditionalChinese.catalogue().all_texts();
        assert_eq!(en.len(), zh.len());
        for ((area, name, english), (zh_area, zh_name, chinese)) in en.into_iter().zip(zh) {
            assert_eq!((area, name), (zh_area, zh_name));
            assert!(
                !english.trim().is_empty() && !chinese.trim().is_empty(),
                "{area}.{name} is empty"
            );
            assert_eq!(
                placeholders(english),
                placeholders(chinese),
                "{area}.{name}: the two languages take different parameters"
            );
        }
    }

    #[test]
    fn the_seed_words_label_the_log_in_page() {
        let en = Language::English.catalogue();
        assert_eq!(en.login.log_in, "LOG IN");
        assert_eq!(en.login.forgot_password, "Forgot/Reset your Password");
    }
}
