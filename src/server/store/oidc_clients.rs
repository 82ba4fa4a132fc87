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
}
