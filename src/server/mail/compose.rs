//! The OTP e-mail, in English and Traditional Chinese in one message (the reader's language is
//! not known for certain when the code is asked for), and the notices of R26d in the language
//! the user last used (both when unknown); each as plain text and as HTML.

use std::net::IpAddr;

use jiff::Timestamp;

use super::OutgoingMail;
use crate::domain::otp::OtpPurpose;
use crate::domain::{hong_kong, EmailAddress, LoginId};
use crate::i18n::{fill, Catalogue, Language};

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
            t.mail.otp_line,
            &[
                ("user", facts.user_id),
                ("purpose", t.otp_purpose(facts.purpose)),
                ("code", facts.code),
            ],
        ),
        fill(
            t.mail.otp_expiry,
            &[("expires", &hong_kong::format_date_time(facts.expires_at))],
        ),
        fill(t.mail.otp_requested_from, &[("address", &address)]),
        t.mail.otp_not_you.to_owned(),
    ]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn otp_mail(facts: OtpMailFacts<'_>) -> OutgoingMail {
    let sections: Vec<_> = Language::ALL
        .iter()
        .map(|&l| (l, paragraphs(l.catalogue(), &facts)))
        .collect();
    assemble(facts.to, &sections, |t| t.mail.otp_subject)
}

/// A change to a person's log-in that they must hear of (R26d, ASVS 2.2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    PasswordChanged,
    DeviceRegistered,
    DeviceReplaced,
    ChannelChangedToEmail,
    RecoveryCodeUsed {
        left: i64,
    },
    AccountLocked,
    /// To the old address: a DA's authorised request moved the user's e-mail elsewhere.
    EmailChangedAway,
    /// To the new address: it now receives the user's codes.
    EmailRegistered,
    /// A DA's Reset Soft Token: the next log-in registers a device again.
    SoftTokenReset,
    /// To a checker: a wrong Authorisation Code naming them was typed at another DA's screen,
    /// and whether it was the window's last, blocking that screen (R9, issue 26).
    AuthorisationCodeRefused {
        typed_by: LoginId,
        blocked: bool,
    },
    /// To a checker: their code authorised a request or an e-mail batch at another DA's screen
    /// (issue 26); `action` is none for a batch.
    CodeUsedElsewhere {
        typed_by: LoginId,
        action: Option<crate::domain::RequestAction>,
        subject: String,
    },
    /// A passkey was added to the log-in, or removed from it (issue 17), by its name.
    PasskeyAdded,
    PasskeyRemoved,
}

fn notice_paragraphs(t: &Catalogue, user_id: &str, notice: &Notice, at: Timestamp) -> Vec<String> {
    let at = hong_kong::format_date_time(at);
    let values = [("user", user_id), ("at", at.as_str())];
    let line = match notice {
        Notice::PasswordChanged => fill(t.mail.notice_password, &values),
        Notice::DeviceRegistered => fill(t.mail.notice_device, &values),
        Notice::DeviceReplaced => fill(t.mail.notice_device_replaced, &values),
        Notice::ChannelChangedToEmail => fill(t.mail.notice_channel_email, &values),
        Notice::RecoveryCodeUsed { left } => {
            let left = left.to_string();
            fill(
                t.mail.notice_recovery,
                &[("user", user_id), ("at", at.as_str()), ("count", &left)],
            )
        }
        Notice::EmailChangedAway => fill(t.maintain.mail_email_old, &values),
        Notice::EmailRegistered => fill(t.maintain.mail_email_new, &values),
        Notice::SoftTokenReset => fill(t.maintain.mail_soft_token_reset, &values),
        Notice::AuthorisationCodeRefused { typed_by, blocked } => {
            let template = if *blocked {
                t.maintain.mail_code_blocked
            } else {
                t.maintain.mail_code_refused
            };
            fill(
                template,
                &[
                    ("user", user_id),
                    ("at", at.as_str()),
                    ("maker", typed_by.as_str()),
                ],
            )
        }
        Notice::CodeUsedElsewhere {
            typed_by,
            action,
            subject,
        } => {
            let what = action.map_or(t.maintain.code_use_email_batch, |a| t.request_action(a));
            fill(
                t.maintain.mail_code_used,
                &[
                    ("user", user_id),
                    ("at", at.as_str()),
                    ("maker", typed_by.as_str()),
                    ("what", what),
                    ("subject", subject),
                ],
            )
        }
        Notice::PasskeyAdded => fill(t.mail.notice_passkey_added, &values),
        Notice::PasskeyRemoved => fill(t.mail.notice_passkey_removed, &values),
        Notice::AccountLocked => {
            let unlock = crate::domain::LoginId::parse(user_id)
                .map(|id| t.locked_until_unlocked_by(crate::domain::lockout::unlocker(&id)))
                .unwrap_or(t.errors.account_locked_user);
            format!("{} {unlock}", fill(t.mail.notice_locked, &values))
        }
    };
    vec![line, t.mail.notice_not_you.to_owned()]
}

/// A notice in `language`, or in both languages when it is not known.
pub fn notice_mail(
    to: &EmailAddress,
    user_id: &str,
    notice: Notice,
    at: Timestamp,
    language: Option<Language>,
) -> OutgoingMail {
    let languages = match language {
        Some(language) => vec![language],
        None => Language::ALL.to_vec(),
    };
    let sections: Vec<_> = languages
        .into_iter()
        .map(|l| (l, notice_paragraphs(l.catalogue(), user_id, &notice, at)))
        .collect();
    assemble(to, &sections, |t| t.mail.notice_subject)
}

/// To a DA checker: requests of their participant wait for a decision.
pub fn waiting_mail(
    to: &EmailAddress,
    participant: &str,
    count: usize,
    language: Option<Language>,
) -> OutgoingMail {
    let languages = match language {
        Some(language) => vec![language],
        None => Language::ALL.to_vec(),
    };
    let count = count.to_string();
    let sections: Vec<_> = languages
        .into_iter()
        .map(|l| {
            let t = l.catalogue();
            let line = fill(
                t.maintain.mail_waiting,
                &[("count", &count), ("participant", participant)],
            );
            (l, vec![line])
        })
        .collect();
    assemble(to, &sections, |t| t.maintain.mail_waiting_subject)
}

/// One message of one section per language, as text and as HTML.
fn assemble(
    to: &EmailAddress,
    languages: &[(Language, Vec<String>)],
    subject: impl Fn(&Catalogue) -> &'static str,
) -> OutgoingMail {
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
    let subjects: Vec<&str> = languages
        .iter()
        .map(|(l, _)| subject(l.catalogue()))
        .collect();
    let lang = languages.first().map_or("en", |(l, _)| l.tag());
    OutgoingMail {
        to: to.clone(),
        subject: subjects.join(" / "),
        text,
        html: format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{html_sections}</body></html>",
            escape(subjects.first().copied().unwrap_or_default())
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

    #[test]
    fn r26d_a_notice_speaks_the_language_last_used_or_both() {
        let to = EmailAddress::parse("kh.wong@securities.example.com").unwrap();
        let at: Timestamp = "2026-11-26T01:05:00Z".parse().unwrap();
        let english = notice_mail(
            &to,
            "B0123401",
            Notice::PasswordChanged,
            at,
            Some(Language::English),
        );
        assert!(
            english
                .text
                .contains("B0123401: your password was changed at 2026-11-26 09:05 HKT"),
            "{}",
            english.text
        );
        assert!(!english.text.contains("密碼"));
        let chinese = notice_mail(
            &to,
            "B0123401",
            Notice::PasswordChanged,
            at,
            Some(Language::TraditionalChinese),
        );
        assert!(chinese.text.contains("密碼") && !chinese.text.contains("password"));
        let both = notice_mail(&to, "B01234X1", Notice::AccountLocked, at, None);
        assert!(
            both.text.contains("HKEX") && both.text.contains("香港交易所"),
            "{}",
            both.text
        );
        let recovery = notice_mail(
            &to,
            "B0123401",
            Notice::RecoveryCodeUsed { left: 9 },
            at,
            None,
        );
        assert!(recovery.text.contains("Recovery codes left: 9"));
    }
}
