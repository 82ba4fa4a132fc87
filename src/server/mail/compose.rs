//! The OTP e-mail, in English and Traditional Chinese in one message (the reader's language is
//! not known for certain when the code is asked for), as plain text and as HTML.

use std::net::IpAddr;

use jiff::Timestamp;

use super::OutgoingMail;
use crate::domain::{hong_kong, EmailAddress};
use crate::i18n::{fill, Catalogue, Language};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtpPurpose {
    PasswordReset,
    Login,
    ChannelSwitch,
}

impl OtpPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PasswordReset => "PASSWORD_RESET",
            Self::Login => "LOGIN",
            Self::ChannelSwitch => "CHANNEL_SWITCH",
        }
    }

    fn words(self, t: &Catalogue) -> &'static str {
        match self {
            Self::PasswordReset => t.mail_purpose_reset,
            Self::Login => t.mail_purpose_login,
            Self::ChannelSwitch => t.mail_purpose_channel,
        }
    }
}

pub struct OtpMailFacts<'a> {
    pub to: &'a EmailAddress,
    pub user_id: &'a str,
    pub code: &'a str,
    pub purpose: OtpPurpose,
    pub expires_at: Timestamp,
    pub requested_from: Option<IpAddr>,
}

fn paragraphs(t: &Catalogue, facts: &OtpMailFacts<'_>) -> Vec<String> {
    let address = facts
        .requested_from
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "-".into());
    vec![
        fill(
            t.mail_otp_line,
            &[
                ("user", facts.user_id),
                ("purpose", facts.purpose.words(t)),
                ("code", facts.code),
            ],
        ),
        fill(
            t.mail_otp_expiry,
            &[("expires", &hong_kong::format_date_time(facts.expires_at))],
        ),
        fill(t.mail_otp_requested_from, &[("address", &address)]),
        t.mail_otp_not_you.to_owned(),
    ]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn otp_mail(facts: OtpMailFacts<'_>) -> OutgoingMail {
    let languages = Language::ALL.map(|l| (l, paragraphs(l.catalogue(), &facts)));
    let text = languages
        .iter()
        .map(|(_, ps)| ps.join("\n\n"))
        .collect::<Vec<_>>()
        .join("\n\n----------------------------------------\n\n");
    let html_sections: String = languages
        .iter()
        .map(|(language, ps)| {
            let body: String = ps.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
            format!("<section lang=\"{}\">{body}</section>", language.tag())
        })
        .collect::<Vec<_>>()
        .join("<hr>");
    let subject = Language::ALL
        .map(|l| l.catalogue().mail_otp_subject)
        .join(" / ");
    OutgoingMail {
        to: facts.to.clone(),
        subject,
        text,
        html: format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head><body>{html_sections}</body></html>",
            escape(Language::English.catalogue().mail_otp_subject)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r17_the_mail_names_user_code_expiry_in_hong_kong_time_and_address_in_both_languages() {
        let to = EmailAddress::parse("kh.wong@securities.example.com").unwrap();
        let mail = otp_mail(OtpMailFacts {
            to: &to,
            user_id: "B0123401",
            code: "123456",
            purpose: OtpPurpose::PasswordReset,
            expires_at: "2026-11-26T01:05:00Z".parse().unwrap(),
            requested_from: Some("203.0.113.7".parse().unwrap()),
        });
        for part in [&mail.text, &mail.html] {
            for needle in [
                "B0123401",
                "123456",
                "2026-11-26 09:05 HKT",
                "203.0.113.7",
                "Delegated Administrator",
                "授權管理員",
            ] {
                assert!(part.contains(needle), "{needle} missing from {part}");
            }
        }
        assert!(mail.subject.contains("one-time password") && mail.subject.contains("一次性密碼"));
        assert!(mail.html.contains("lang=\"zh-Hant\""));
    }
}
