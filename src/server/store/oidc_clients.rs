//! The OpenID Provider's clients: settings, URIs, hashed secrets.

use jiff::Timestamp;
use sqlx::Row;

use super::{Change, Store};
use crate::domain::relying_party::{
    Acr, Alg, AppUri, ClientKind, ClientSettings, NAME_MAX_CHARS, SCOPES,
};
use crate::domain::FreeText;

const REDIRECT: &str = "REDIRECT";
const POST_LOGOUT: &str = "POST_LOGOUT";

/// A client as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredClient {
    pub client_id: String,
    pub settings: ClientSettings,
    pub enabled: bool,
    pub created_at: Timestamp,
    pub version: i64,
}

const COLUMNS: &str = "client_id, name, kind, scopes, min_acr, id_token_alg, \
    backchannel_logout_uri, start_url, enabled, created_at, version";

/// A stored value this version cannot read is a fault, never a default.
fn fault(what: &str, raw: &str) -> anyhow::Error {
    anyhow::anyhow!("stored client {what} {raw:?} does not parse")
}

async fn client_of(
    conn: &mut sqlx::AnyConnection,
    client_id: &str,
) -> anyhow::Result<Option<StoredClient>> {
    let Some(row) = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM oidc_clients WHERE client_id = $1"
    ))
    .bind(client_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let uris: Vec<(String, String)> = sqlx::query_as(
        "SELECT purpose, uri FROM oidc_client_uris WHERE client_id = $1 ORDER BY purpose, uri",
    )
    .bind(client_id)
    .fetch_all(&mut *conn)
    .await?;
    let of = |purpose: &str| -> Vec<AppUri> {
        uris.iter()
            .filter(|(p, _)| p == purpose)
            .map(|(_, uri)| AppUri::stored(uri.clone()))
            .collect()
    };
    let text = |name: &str| -> anyhow::Result<String> { Ok(row.try_get(name)?) };
    let optional = |name: &str| -> anyhow::Result<Option<String>> { Ok(row.try_get(name)?) };
    let name = text("name")?;
    let kind = text("kind")?;
    let scopes = text("scopes")?;
    let alg = text("id_token_alg")?;
    let scopes = scopes
        .split(' ')
        .map(|scope| {
            SCOPES
                .iter()
                .find(|known| **known == scope)
                .copied()
                .ok_or_else(|| fault("scope", scope))
        })
        .collect::<anyhow::Result<_>>()?;
    let min_acr = optional("min_acr")?
        .map(|raw| Acr::try_from(raw.as_str()).map_err(|_| fault("acr", &raw)))
        .transpose()?;
    Ok(Some(StoredClient {
        client_id: text("client_id")?,
        settings: ClientSettings {
            name: FreeText::parse(&name, NAME_MAX_CHARS).map_err(|_| fault("name", &name))?,
            kind: ClientKind::try_from(kind.as_str()).map_err(|_| fault("kind", &kind))?,
            redirect_uris: of(REDIRECT),
            post_logout_redirect_uris: of(POST_LOGOUT),
            backchannel_logout_uri: optional("backchannel_logout_uri")?.map(AppUri::stored),
            start_url: optional("start_url")?.map(AppUri::stored),
            scopes,
            min_acr,
            id_token_alg: Alg::parse(&alg)?,
        },
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        created_at: Timestamp::from_millisecond(row.try_get("created_at")?)?,
        version: row.try_get("version")?,
    }))
}

impl Store {
    /// A client by its ID, read anew each time: a client registered a moment ago by another
    /// instance or the command line is seen at once.
    pub async fn client(&self, client_id: &str) -> anyhow::Result<Option<StoredClient>> {
        let mut conn = self.pool.acquire().await?;
        client_of(&mut conn, client_id).await
    }

    /// Every client, by name.
    pub async fn clients(&self) -> anyhow::Result<Vec<StoredClient>> {
        let ids: Vec<(String,)> =
            sqlx::query_as("SELECT client_id FROM oidc_clients ORDER BY name, client_id")
                .fetch_all(&self.pool)
                .await?;
        let mut conn = self.pool.acquire().await?;
        let mut clients = Vec::with_capacity(ids.len());
        for (id,) in ids {
            clients.extend(client_of(&mut conn, &id).await?);
        }
        Ok(clients)
    }

    /// Until when a client's previous secret stays valid, while a rotation's grace lasts.
    pub async fn client_secret_grace(
        &self,
        client_id: &str,
        now: Timestamp,
    ) -> anyhow::Result<Option<Timestamp>> {
        let mut conn = self.pool.acquire().await?;
        grace_of(&mut conn, client_id, now).await
    }

    /// Whether `origin` (as a browser sends it) is the origin of a redirect URI of an enabled
    /// client: the pages that may call the token and UserInfo endpoints (CORS).
    pub async fn is_client_origin(&self, origin: &str) -> anyhow::Result<bool> {
        let uris: Vec<(String,)> = sqlx::query_as(
            "SELECT u.uri FROM oidc_client_uris u JOIN oidc_clients c ON c.client_id = u.client_id \
             WHERE c.enabled = 1 AND u.purpose = 'REDIRECT'",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(uris.iter().any(|(uri,)| {
            url::Url::parse(uri).is_ok_and(|url| url.origin().ascii_serialization() == origin)
        }))
    }

    pub async fn client_count(&self) -> anyhow::Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM oidc_clients")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// Whether `secret_hash` is a secret of `client_id` still valid at `now`.
    pub async fn client_secret_valid(
        &self,
        client_id: &str,
        secret_hash: &str,
        now: Timestamp,
    ) -> anyhow::Result<bool> {
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM oidc_client_secrets WHERE secret_hash = $1 AND client_id = $2 \
             AND (valid_until IS NULL OR valid_until > $3)",
        )
        .bind(secret_hash)
        .bind(client_id)
        .bind(now.as_millisecond())
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}

impl Change {
    pub async fn insert_client(
        &mut self,
        client_id: &str,
        settings: &ClientSettings,
        secret_hash: Option<&str>,
    ) -> anyhow::Result<()> {
        let at = self.at().as_millisecond();
        sqlx::query(&format!(
            "INSERT INTO oidc_clients ({COLUMNS}, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, 1, $9)"
        ))
        .bind(client_id)
        .bind(settings.name.as_str())
        .bind(settings.kind.as_str())
        .bind(settings.scopes.join(" "))
        .bind(settings.min_acr.map(Acr::as_str))
        .bind(settings.id_token_alg.as_str())
        .bind(settings.backchannel_logout_uri.as_ref().map(AppUri::as_str))
        .bind(settings.start_url.as_ref().map(AppUri::as_str))
        .bind(at)
        .execute(self.conn())
        .await?;
        self.insert_client_uris(client_id, settings).await?;
        if let Some(hash) = secret_hash {
            sqlx::query(
                "INSERT INTO oidc_client_secrets (secret_hash, client_id, created_at) \
                 VALUES ($1, $2, $3)",
            )
            .bind(hash)
            .bind(client_id)
            .bind(at)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    async fn insert_client_uris(
        &mut self,
        client_id: &str,
        settings: &ClientSettings,
    ) -> anyhow::Result<()> {
        let uris = settings
            .redirect_uris
            .iter()
            .map(|uri| (REDIRECT, uri))
            .chain(
                settings
                    .post_logout_redirect_uris
                    .iter()
                    .map(|uri| (POST_LOGOUT, uri)),
            );
        for (purpose, uri) in uris {
            sqlx::query(
                "INSERT INTO oidc_client_uris (client_id, purpose, uri) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(client_id)
            .bind(purpose)
            .bind(uri.as_str())
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// A client read inside this change.
    pub async fn client(&mut self, client_id: &str) -> anyhow::Result<Option<StoredClient>> {
        client_of(self.conn(), client_id).await
    }

    /// New settings for a client still at `version`; `false` when it has moved on (or is gone).
    /// The kind stays as registered: a secret belongs to a confidential client.
    pub async fn change_client(
        &mut self,
        client_id: &str,
        version: i64,
        settings: &ClientSettings,
    ) -> anyhow::Result<bool> {
        let at = self.at().as_millisecond();
        let changed = sqlx::query(
            "UPDATE oidc_clients SET name = $1, scopes = $2, min_acr = $3, id_token_alg = $4, \
             backchannel_logout_uri = $5, start_url = $6, changed_at = $7, version = version + 1 \
             WHERE client_id = $8 AND version = $9",
        )
        .bind(settings.name.as_str())
        .bind(settings.scopes.join(" "))
        .bind(settings.min_acr.map(Acr::as_str))
        .bind(settings.id_token_alg.as_str())
        .bind(settings.backchannel_logout_uri.as_ref().map(AppUri::as_str))
        .bind(settings.start_url.as_ref().map(AppUri::as_str))
        .bind(at)
        .bind(client_id)
        .bind(version)
        .execute(self.conn())
        .await?;
        if changed.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM oidc_client_uris WHERE client_id = $1")
            .bind(client_id)
            .execute(self.conn())
            .await?;
        self.insert_client_uris(client_id, settings).await?;
        Ok(true)
    }

    /// Enables or disables a client still at `version`; `false` when it has moved on. A
    /// disabled client's tokens are revoked with it: it receives no identity any more.
    pub async fn set_client_enabled(
        &mut self,
        client_id: &str,
        version: i64,
        enabled: bool,
    ) -> anyhow::Result<bool> {
        let at = self.at().as_millisecond();
        let changed = sqlx::query(
            "UPDATE oidc_clients SET enabled = $1, changed_at = $2, version = version + 1 \
             WHERE client_id = $3 AND version = $4",
        )
        .bind(i64::from(enabled))
        .bind(at)
        .bind(client_id)
        .bind(version)
        .execute(self.conn())
        .await?;
        if changed.rows_affected() != 1 {
            return Ok(false);
        }
        if !enabled {
            sqlx::query(
                "UPDATE oidc_tokens SET revoked_at = $1 WHERE client_id = $2 AND revoked_at IS NULL",
            )
            .bind(at)
            .bind(client_id)
            .execute(self.conn())
            .await?;
        }
        Ok(true)
    }

    /// A new secret for a client still at `version`: every secret it holds now stays valid until
    /// `old_valid_until` at the latest (the rotation's grace), the new one until replaced.
    pub async fn rotate_client_secret(
        &mut self,
        client_id: &str,
        version: i64,
        new_hash: &str,
        old_valid_until: Timestamp,
    ) -> anyhow::Result<bool> {
        let at = self.at().as_millisecond();
        let changed = sqlx::query(
            "UPDATE oidc_clients SET changed_at = $1, version = version + 1 \
             WHERE client_id = $2 AND version = $3",
        )
        .bind(at)
        .bind(client_id)
        .bind(version)
        .execute(self.conn())
        .await?;
        if changed.rows_affected() != 1 {
            return Ok(false);
        }
        let until = old_valid_until.as_millisecond();
        sqlx::query(
            "UPDATE oidc_client_secrets SET valid_until = $1 WHERE client_id = $2 \
             AND (valid_until IS NULL OR valid_until > $1)",
        )
        .bind(until)
        .bind(client_id)
        .execute(self.conn())
        .await?;
        sqlx::query(
            "INSERT INTO oidc_client_secrets (secret_hash, client_id, created_at) \
             VALUES ($1, $2, $3)",
        )
        .bind(new_hash)
        .bind(client_id)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(true)
    }
}

async fn grace_of(
    conn: &mut sqlx::AnyConnection,
    client_id: &str,
    now: Timestamp,
) -> anyhow::Result<Option<Timestamp>> {
    let until: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT MAX(valid_until) FROM oidc_client_secrets WHERE client_id = $1 AND valid_until > $2",
    )
    .bind(client_id)
    .bind(now.as_millisecond())
    .fetch_optional(&mut *conn)
    .await?;
    until
        .and_then(|(ms,)| ms)
        .map(|ms| Ok(Timestamp::from_millisecond(ms)?))
        .transpose()
}
