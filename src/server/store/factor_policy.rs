//! Which second factors a participant's users may use (issue 17): by default the seed's choice
//! of the app or e-mail; an operator may refuse e-mail OTP. And the mark a half session gets when
//! its e-mailed code was right under such a refusal.

use super::{Change, Store};
use crate::domain::{LoginId, ParticipantId};

impl Store {
    /// Whether `login` may receive its one-time passwords by e-mail: operators always may;
    /// a participant's user unless the participant's policy refuses it.
    pub async fn email_otp_allowed(&self, login: &LoginId) -> anyhow::Result<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT f.email_otp_allowed FROM participant_factor_policies f \
             JOIN profiles p ON p.participant_id = f.participant_id WHERE p.user_id = $1",
        )
        .bind(login.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_none_or(|(allowed,)| allowed != 0))
    }

    /// The participants whose policy refuses e-mail OTP.
    pub async fn participants_refusing_email_otp(&self) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT participant_id FROM participant_factor_policies WHERE email_otp_allowed = 0 \
             ORDER BY participant_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(p,)| p).collect())
    }
}

impl Store {
    /// Whether `participant`'s checkers give a one-time password of their own second factor
    /// beside their code at another DA's screen (issue 26; off unless an operator set it).
    pub async fn checker_factor_at_screen(
        &self,
        participant: &ParticipantId,
    ) -> anyhow::Result<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT second_factor_at_screen FROM participant_checker_policies \
             WHERE participant_id = $1",
        )
        .bind(participant.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some_and(|(required,)| required != 0))
    }

    /// The participants whose checkers give their second factor at others' screens.
    pub async fn participants_asking_checker_factor(&self) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT participant_id FROM participant_checker_policies \
             WHERE second_factor_at_screen <> 0 ORDER BY participant_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(p,)| p).collect())
    }
}

impl Change {
    /// Sets whether `participant`'s checkers give their second factor at others' screens.
    pub async fn set_checker_factor_policy(
        &mut self,
        participant: &ParticipantId,
        required: bool,
        by: &LoginId,
    ) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query(
            "INSERT INTO participant_checker_policies \
             (participant_id, second_factor_at_screen, set_by, set_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (participant_id) DO UPDATE SET \
             second_factor_at_screen = excluded.second_factor_at_screen, \
             set_by = excluded.set_by, set_at = excluded.set_at",
        )
        .bind(participant.as_str())
        .bind(i64::from(required))
        .bind(by.as_str())
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Sets whether `participant`'s users may receive one-time passwords by e-mail.
    pub async fn set_email_otp_policy(
        &mut self,
        participant: &ParticipantId,
        allowed: bool,
        by: &LoginId,
    ) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query("DELETE FROM participant_factor_policies WHERE participant_id = $1")
            .bind(participant.as_str())
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO participant_factor_policies (participant_id, email_otp_allowed, set_by, \
             set_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(participant.as_str())
        .bind(i64::from(allowed))
        .bind(by.as_str())
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The e-mail channel given up for a passkey where e-mail OTP is refused: the recovery
    /// codes stay the fallback.
    pub async fn leave_email_channel(&mut self, login: &LoginId) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE credentials SET otp_channel = NULL WHERE login_id = $1 AND otp_channel = 'EMAIL'",
        )
        .bind(login.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Marks the half session: its e-mailed code was right, but e-mail OTP is refused.
    pub async fn mark_email_proven(&mut self, token_hash: &str) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query("UPDATE sessions SET email_proven_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(token_hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
