//! E-mailed OTPs, password-reset tickets and recovery codes: all single-use, all stored only as
//! hashes (R23).

use jiff::Timestamp;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::outbox::{insert_mail, NewMail};
use super::stored_login_id;
use super::{Change, Store};
use crate::domain::otp::OtpPurpose;
use crate::domain::LoginId;

/// Wrong guesses after which an e-mailed code is void, whatever its expiry.
const MAX_CODE_ATTEMPTS: i64 = 5;

/// Salted with who and what it is for, so equal codes never share a hash.
pub fn code_hash(login_id: &LoginId, purpose: &str, code: &str) -> String {
    let digest = Sha256::digest(format!("{login_id}\u{0}{purpose}\u{0}{code}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A recovery code: right and unused, right but used before (a replay, which never counts
/// towards the lock), or not one of the user's codes.
#[derive(Debug, PartialEq, Eq)]
pub enum RecoveryCheck {
    Accepted { left: i64 },
    AlreadyUsed,
    Wrong,
}

#[derive(Debug, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted,
    Wrong,
    Expired,
    /// None was sent, or it was used, replaced or voided.
    NoneLive,
}

impl Store {
    /// Checks a code; a right one is used up at once (a conditional delete, so two requests
    /// with the same code cannot both succeed).
    pub async fn take_email_otp(
        &self,
        login_id: &LoginId,
        purpose: OtpPurpose,
        code: &str,
        now: Timestamp,
    ) -> anyhow::Result<CodeCheck> {
        let row = sqlx::query(
            "SELECT code_hash, expires_at, sent_to FROM email_otps WHERE login_id = $1 AND purpose = $2",
        )
        .bind(login_id.as_str())
        .bind(purpose.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(CodeCheck::NoneLive);
        };
        let stored: String = row.try_get("code_hash")?;
        let expires_at: i64 = row.try_get("expires_at")?;
        if now.as_millisecond() > expires_at {
            return Ok(CodeCheck::Expired);
        }
        let hash = code_hash(login_id, purpose.as_str(), code);
        if hash == stored {
            let taken = sqlx::query(
                "DELETE FROM email_otps WHERE login_id = $1 AND purpose = $2 AND code_hash = $3",
            )
            .bind(login_id.as_str())
            .bind(purpose.as_str())
            .bind(&hash)
            .execute(&self.pool)
            .await?
            .rows_affected();
            if taken != 1 {
                return Ok(CodeCheck::NoneLive);
            }
            // The address the code went to is proven, while it is still the one on file.
            if let Some(sent_to) = row.try_get::<Option<String>, _>("sent_to")? {
                let table = match login_id {
                    LoginId::Operator(_) => {
                        "operators SET email_verified = $1 WHERE operator_id = $2"
                    }
                    _ => "profiles SET email_verified = $1 WHERE user_id = $2",
                };
                sqlx::query(&format!("UPDATE {table} AND email = $1"))
                    .bind(&sent_to)
                    .bind(login_id.as_str())
                    .execute(&self.pool)
                    .await?;
            }
            return Ok(CodeCheck::Accepted);
        }
        sqlx::query(
            "UPDATE email_otps SET attempts = attempts + 1 WHERE login_id = $1 AND purpose = $2",
        )
        .bind(login_id.as_str())
        .bind(purpose.as_str())
        .execute(&self.pool)
        .await?;
        sqlx::query(
            "DELETE FROM email_otps WHERE login_id = $1 AND purpose = $2 AND attempts >= $3",
        )
        .bind(login_id.as_str())
        .bind(purpose.as_str())
        .bind(MAX_CODE_ATTEMPTS)
        .execute(&self.pool)
        .await?;
        Ok(CodeCheck::Wrong)
    }

    pub async fn put_reset_ticket(
        &self,
        ticket_hash: &str,
        login_id: &LoginId,
        expires_at: Timestamp,
    ) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO password_reset_tickets (ticket_hash, login_id, expires_at) VALUES ($1, $2, $3)")
            .bind(ticket_hash)
            .bind(login_id.as_str())
            .bind(expires_at.as_millisecond())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The login a live ticket was issued to, leaving the ticket in place.
    pub async fn peek_reset_ticket(
        &self,
        ticket_hash: &str,
        now: Timestamp,
    ) -> anyhow::Result<Option<LoginId>> {
        let row = sqlx::query("SELECT login_id FROM password_reset_tickets WHERE ticket_hash = $1 AND expires_at >= $2")
            .bind(ticket_hash)
            .bind(now.as_millisecond())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let id: String = r.try_get("login_id")?;
            stored_login_id(&id)
        })
        .transpose()
    }

    /// Forgets e-mailed codes and reset tickets that expired before `before`.
    pub async fn prune_expired_codes(&self, before: Timestamp) -> anyhow::Result<u64> {
        let mut removed = 0;
        for table in ["email_otps", "password_reset_tickets"] {
            removed += sqlx::query(&format!("DELETE FROM {table} WHERE expires_at < $1"))
                .bind(before.as_millisecond())
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(removed)
    }
}

impl Change {
    /// Stores a new code, replacing any earlier one of the same purpose, and records its mail
    /// in the outbox in the same transaction (no mail: a code for an ID that cannot receive
    /// one, kept so that it is answered as any other, R26c).
    pub async fn put_email_otp(
        &mut self,
        login_id: &LoginId,
        purpose: OtpPurpose,
        code: &str,
        expires_at: Timestamp,
        mail: Option<(&NewMail<'_>, Timestamp)>,
    ) -> anyhow::Result<()> {
        let sent_to = mail.map(|(mail, _)| mail.to.clone());
        if let Some((mail, at)) = mail {
            insert_mail(self, mail, at).await?;
            self.mail_was_queued();
        }
        sqlx::query("DELETE FROM email_otps WHERE login_id = $1 AND purpose = $2")
            .bind(login_id.as_str())
            .bind(purpose.as_str())
            .execute(self.conn())
            .await?;
        sqlx::query("INSERT INTO email_otps (login_id, purpose, code_hash, expires_at, attempts, sent_to) VALUES ($1, $2, $3, $4, 0, $5)")
            .bind(login_id.as_str())
            .bind(purpose.as_str())
            .bind(code_hash(login_id, purpose.as_str(), code))
            .bind(expires_at.as_millisecond())
            .bind(sent_to)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// The login a live ticket was issued to; the ticket is used up.
    pub async fn take_reset_ticket(
        &mut self,
        ticket_hash: &str,
        now: Timestamp,
    ) -> anyhow::Result<Option<LoginId>> {
        let row = sqlx::query(
            "SELECT login_id, expires_at FROM password_reset_tickets WHERE ticket_hash = $1",
        )
        .bind(ticket_hash)
        .fetch_optional(self.conn())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let deleted = sqlx::query("DELETE FROM password_reset_tickets WHERE ticket_hash = $1")
            .bind(ticket_hash)
            .execute(self.conn())
            .await?
            .rows_affected();
        let expires_at: i64 = row.try_get("expires_at")?;
        if deleted == 1 && now.as_millisecond() <= expires_at {
            let id: String = row.try_get("login_id")?;
            Ok(Some(stored_login_id(&id)?))
        } else {
            Ok(None)
        }
    }

    /// Replaces all recovery codes of a login with new ones (hashes given).
    pub async fn replace_recovery_codes(
        &mut self,
        login_id: &LoginId,
        hashes: &[String],
    ) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM recovery_codes WHERE login_id = $1")
            .bind(login_id.as_str())
            .execute(self.conn())
            .await?;
        for hash in hashes {
            sqlx::query("INSERT INTO recovery_codes (login_id, code_hash) VALUES ($1, $2)")
                .bind(login_id.as_str())
                .bind(hash)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Uses a recovery code; answers how many remain unused. It reads before it writes, so a
    /// change that meets a wrong or used code has written nothing.
    pub async fn use_recovery_code(
        &mut self,
        login_id: &LoginId,
        hash: &str,
        now: Timestamp,
    ) -> anyhow::Result<RecoveryCheck> {
        let used_at: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT used_at FROM recovery_codes WHERE login_id = $1 AND code_hash = $2",
        )
        .bind(login_id.as_str())
        .bind(hash)
        .fetch_optional(self.conn())
        .await?;
        match used_at {
            None => return Ok(RecoveryCheck::Wrong),
            Some((Some(_),)) => return Ok(RecoveryCheck::AlreadyUsed),
            Some((None,)) => {}
        }
        // Conditional, so that two requests with one code cannot both use it.
        let used = sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE login_id = $2 AND code_hash = $3 AND used_at IS NULL")
            .bind(now.as_millisecond())
            .bind(login_id.as_str())
            .bind(hash)
            .execute(self.conn())
            .await?
            .rows_affected();
        if used == 0 {
            return Ok(RecoveryCheck::AlreadyUsed);
        }
        let (left,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM recovery_codes WHERE login_id = $1 AND used_at IS NULL",
        )
        .bind(login_id.as_str())
        .fetch_one(self.conn())
        .await?;
        Ok(RecoveryCheck::Accepted { left })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_hashes_differ_by_person_and_purpose() {
        let (one, two) = (
            LoginId::parse("B0123401").unwrap(),
            LoginId::parse("B0123402").unwrap(),
        );
        assert_ne!(
            code_hash(&one, "LOGIN", "123456"),
            code_hash(&two, "LOGIN", "123456")
        );
        assert_ne!(
            code_hash(&one, "LOGIN", "123456"),
            code_hash(&one, "PASSWORD_RESET", "123456")
        );
    }
}
