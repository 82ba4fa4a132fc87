//! What the OpenID Provider hands out: authorization requests waiting for a log-in, codes,
//! access and refresh tokens (all as SHA-256), the subjects it names people by, and which
//! clients got tokens in which session.

use jiff::Timestamp;
use sqlx::Row;

use super::{stored_login_id, Change, Store};
use crate::domain::LoginId;

/// An authorization request kept while its person logs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAuthorization {
    pub client_id: String,
    /// The checked parameters, as JSON.
    pub request: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A code as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCode {
    pub code_hash: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub sid: String,
    pub login_id: LoginId,
    pub scopes: String,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub auth_time: Timestamp,
    pub acr: String,
    pub amr: String,
    pub expires_at: Timestamp,
}

/// What presenting a code found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeTaken {
    /// Never seen: it is now used.
    Fresh(StoredCode),
    /// Used before: a replay (whatever it got is revoked by the caller).
    Reused(StoredCode),
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
}

crate::stored_names::stored_names!(TokenKind {
    Access => "ACCESS",
    Refresh => "REFRESH",
});

/// A token as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredToken {
    pub kind: TokenKind,
    pub client_id: String,
    pub sid: String,
    pub login_id: LoginId,
    pub scopes: String,
    pub code_hash: String,
    pub expires_at: Timestamp,
    pub revoked: bool,
}

pub struct NewToken<'a> {
    pub token_hash: &'a str,
    pub kind: TokenKind,
    pub client_id: &'a str,
    pub sid: &'a str,
    pub login_id: &'a LoginId,
    pub scopes: &'a str,
    pub code_hash: &'a str,
    pub expires_at: Timestamp,
}

fn millis(row: &sqlx::any::AnyRow, name: &str) -> anyhow::Result<Timestamp> {
    Ok(Timestamp::from_millisecond(row.try_get(name)?)?)
}

fn code_of(row: &sqlx::any::AnyRow) -> anyhow::Result<StoredCode> {
    Ok(StoredCode {
        code_hash: row.try_get("code_hash")?,
        client_id: row.try_get("client_id")?,
        redirect_uri: row.try_get("redirect_uri")?,
        sid: row.try_get("sid")?,
        login_id: stored_login_id(row.try_get("login_id")?)?,
        scopes: row.try_get("scopes")?,
        nonce: row.try_get("nonce")?,
        code_challenge: row.try_get("code_challenge")?,
        auth_time: millis(row, "auth_time")?,
        acr: row.try_get("acr")?,
        amr: row.try_get("amr")?,
        expires_at: millis(row, "expires_at")?,
    })
}

const CODE_COLUMNS: &str = "code_hash, client_id, redirect_uri, sid, login_id, scopes, nonce, \
    code_challenge, auth_time, acr, amr, expires_at";

impl Store {
    pub async fn authorization(&self, id: &str) -> anyhow::Result<Option<StoredAuthorization>> {
        let row = sqlx::query(
            "SELECT client_id, request, created_at, expires_at FROM oidc_authorizations \
             WHERE authorization_id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(StoredAuthorization {
                client_id: row.try_get("client_id")?,
                request: row.try_get("request")?,
                created_at: millis(&row, "created_at")?,
                expires_at: millis(&row, "expires_at")?,
            })
        })
        .transpose()
    }

    pub async fn token(&self, token_hash: &str) -> anyhow::Result<Option<StoredToken>> {
        let row = sqlx::query(
            "SELECT kind, client_id, sid, login_id, scopes, code_hash, expires_at, revoked_at \
             FROM oidc_tokens WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(StoredToken {
                kind: TokenKind::try_from(kind.as_str())?,
                client_id: row.try_get("client_id")?,
                sid: row.try_get("sid")?,
                login_id: stored_login_id(row.try_get("login_id")?)?,
                scopes: row.try_get("scopes")?,
                code_hash: row.try_get("code_hash")?,
                expires_at: millis(&row, "expires_at")?,
                revoked: row.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
            })
        })
        .transpose()
    }
}

impl Change {
    pub async fn insert_authorization(
        &mut self,
        id: &str,
        client_id: &str,
        request: &str,
        expires_at: Timestamp,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO oidc_authorizations (authorization_id, client_id, request, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(client_id)
        .bind(request)
        .bind(self.at().as_millisecond())
        .bind(expires_at.as_millisecond())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// The waiting request is answered: it can be resumed no more.
    pub async fn delete_authorization(&mut self, id: &str) -> anyhow::Result<bool> {
        let deleted = sqlx::query("DELETE FROM oidc_authorizations WHERE authorization_id = $1")
            .bind(id)
            .execute(self.conn())
            .await?
            .rows_affected();
        Ok(deleted == 1)
    }

    pub async fn insert_code(&mut self, code: &StoredCode) -> anyhow::Result<()> {
        sqlx::query(&format!(
            "INSERT INTO oidc_codes ({CODE_COLUMNS}, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        ))
        .bind(&code.code_hash)
        .bind(&code.client_id)
        .bind(&code.redirect_uri)
        .bind(&code.sid)
        .bind(code.login_id.as_str())
        .bind(&code.scopes)
        .bind(&code.nonce)
        .bind(&code.code_challenge)
        .bind(code.auth_time.as_millisecond())
        .bind(&code.acr)
        .bind(&code.amr)
        .bind(code.expires_at.as_millisecond())
        .bind(self.at().as_millisecond())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Uses the code once: a conditional write, so two exchanges at once cannot both have it.
    pub async fn take_code(&mut self, code_hash: &str) -> anyhow::Result<CodeTaken> {
        let at = self.at().as_millisecond();
        let fresh = sqlx::query(&format!(
            "UPDATE oidc_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL \
             RETURNING {CODE_COLUMNS}"
        ))
        .bind(at)
        .bind(code_hash)
        .fetch_optional(self.conn())
        .await?;
        if let Some(row) = fresh {
            return Ok(CodeTaken::Fresh(code_of(&row)?));
        }
        let used = sqlx::query(&format!(
            "SELECT {CODE_COLUMNS} FROM oidc_codes WHERE code_hash = $1"
        ))
        .bind(code_hash)
        .fetch_optional(self.conn())
        .await?;
        Ok(match used {
            Some(row) => CodeTaken::Reused(code_of(&row)?),
            None => CodeTaken::Unknown,
        })
    }

    pub async fn insert_token(&mut self, token: NewToken<'_>) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO oidc_tokens (token_hash, kind, client_id, sid, login_id, scopes, code_hash, \
             created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(token.token_hash)
        .bind(token.kind.as_str())
        .bind(token.client_id)
        .bind(token.sid)
        .bind(token.login_id.as_str())
        .bind(token.scopes)
        .bind(token.code_hash)
        .bind(self.at().as_millisecond())
        .bind(token.expires_at.as_millisecond())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Every token descended from the code: a code presented twice was stolen or replayed.
    pub async fn revoke_tokens_of_code(&mut self, code_hash: &str) -> anyhow::Result<u64> {
        Ok(sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = $1 WHERE code_hash = $2 AND revoked_at IS NULL",
        )
        .bind(self.at().as_millisecond())
        .bind(code_hash)
        .execute(self.conn())
        .await?
        .rows_affected())
    }

    /// A refresh token is used once: it is revoked as it is spent; `false` if it was already.
    pub async fn spend_refresh_token(&mut self, token_hash: &str) -> anyhow::Result<bool> {
        let spent = sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = $1 WHERE token_hash = $2 AND kind = 'REFRESH' \
             AND revoked_at IS NULL",
        )
        .bind(self.at().as_millisecond())
        .bind(token_hash)
        .execute(self.conn())
        .await?
        .rows_affected();
        Ok(spent == 1)
    }

    /// The person's opaque subject, given at first need and kept for ever: random, so never
    /// given to anyone else.
    pub async fn subject_of(&mut self, login_id: &LoginId) -> anyhow::Result<String> {
        let (table, key) = match login_id {
            LoginId::Operator(_) => ("operators", "operator_id"),
            _ => ("profiles", "user_id"),
        };
        let fresh = super::sessions::new_sid();
        sqlx::query(&format!(
            "UPDATE {table} SET subject = $1 WHERE {key} = $2 AND subject IS NULL"
        ))
        .bind(&fresh)
        .bind(login_id.as_str())
        .execute(self.conn())
        .await?;
        let (subject,): (Option<String>,) =
            sqlx::query_as(&format!("SELECT subject FROM {table} WHERE {key} = $1"))
                .bind(login_id.as_str())
                .fetch_one(self.conn())
                .await?;
        subject.ok_or_else(|| anyhow::anyhow!("{login_id} has no subject"))
    }

    /// `client_id` got tokens in session `sid`: its end is told to it.
    pub async fn note_session_client(
        &mut self,
        sid: &str,
        client_id: &str,
        subject: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO oidc_session_clients (sid, client_id, subject, first_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(sid)
        .bind(client_id)
        .bind(subject)
        .bind(self.at().as_millisecond())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

/// What the provider may say of a person, by scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// A profile's surname and other names; an operator's one name as `surname`.
    pub surname: String,
    pub other_names: String,
    pub email: Option<String>,
    /// The address a code was mailed to and typed back from.
    pub email_verified: Option<String>,
    pub participant_kind: Option<String>,
}

/// Surname, other names, e-mail, the proven e-mail, the participant's kind.
type IdentityRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Store {
    pub async fn identity_of(&self, login_id: &LoginId) -> anyhow::Result<Option<Identity>> {
        let row: Option<IdentityRow> = match login_id {
            LoginId::Operator(_) => sqlx::query_as(
                "SELECT name, '', email, email_verified, CAST(NULL AS TEXT) \
                     FROM operators WHERE operator_id = $1",
            ),
            _ => sqlx::query_as(
                "SELECT p.surname, p.other_names, p.email, p.email_verified, t.kind \
                     FROM profiles p JOIN participants t ON t.participant_id = p.participant_id \
                     WHERE p.user_id = $1",
            ),
        }
        .bind(login_id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(
            |(surname, other_names, email, email_verified, participant_kind)| Identity {
                surname,
                other_names,
                email,
                email_verified,
                participant_kind,
            },
        ))
    }
}
