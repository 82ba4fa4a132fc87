//! E-mail addresses registered on profiles (R5).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// RFC 5321 limits a forward path to 256 octets including the angle brackets.
const MAX_LEN: usize = 254;

/// Free webmail domains: accepted, but the DA is advised to register a corporate address (R5).
const FREE_WEBMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.com.hk",
    "ymail.com",
    "hotmail.com",
    "hotmail.com.hk",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "mail.com",
    "qq.com",
    "163.com",
    "126.com",
    "sina.com",
    "netvigator.com",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address is longer than 254 characters")]
    TooLong,
    #[error("the e-mail address is not of the form name@company.com")]
    Malformed,
}

/// An address that can receive mail: `local@domain.tld`, stored with its domain in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        // The library checks RFC 5322 syntax; a deliverable address also needs a dotted domain
        // name (not an IP literal or a bare host) and no display name.
        let parsed =
            email_address::EmailAddress::from_str(text).map_err(|_| EmailError::Malformed)?;
        let (local, domain) = (parsed.local_part(), parsed.domain());
        let domain_ok = domain.contains('.')
            && !domain.starts_with('[')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !domain_ok || parsed.display_part() != "" || local.starts_with('"') {
            return Err(EmailError::Malformed);
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }

    /// R5: a free webmail address is accepted with a warning recommending a corporate one.
    pub fn is_free_webmail(&self) -> bool {
        FREE_WEBMAIL_DOMAINS.contains(&self.domain())
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> String {
        value.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r5_corporate_address_of_the_seed_parses() {
        let email = EmailAddress::parse("abc@abc.com.hk").unwrap();
        assert_eq!(email.as_str(), "abc@abc.com.hk");
        assert!(!email.is_free_webmail());
    }

    #[test]
    fn r5_domain_is_lower_cased_and_spaces_trimmed() {
        let email = EmailAddress::parse("  Tai.Man@Broker.COM.HK ").unwrap();
        assert_eq!(email.as_str(), "Tai.Man@broker.com.hk");
    }

    #[test]
    fn r5_free_webmail_is_accepted_but_flagged() {
        let email = EmailAddress::parse("someone@Gmail.com").unwrap();
        assert!(email.is_free_webmail());
    }

    #[test]
    fn r5_malformed_addresses_are_refused() {
        for bad in [
            "plainaddress",
            "@no-local.com",
            "no-domain@",
            "two@@signs.com",
            "user@localhost",
            "user@[127.0.0.1]",
            "user@exa mple.com",
            "Tai Man <tai@abc.com>",
            "user@-.com..",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Malformed),
                "{bad}"
            );
        }
        assert_eq!(EmailAddress::parse(" "), Err(EmailError::Empty));
        let long = format!("{}@abc.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }
}
