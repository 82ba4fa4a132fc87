//! Registering a client: its settings, and for a confidential client a new secret, in one
//! change with its audit row. The command line registers at once (whoever runs it holds the
//! database); the operator console does it under four eyes (`client_requests`).

use jiff::Timestamp;
use serde_json::json;

use super::client::{new_client_id, ClientKind, ClientSecret, ClientSettings};
use crate::domain::AuditAction;
use crate::server::store::{AuditEvent, Change, Store};

/// A client just registered: its ID, and the secret to show once.
pub struct Registered {
    pub client_id: String,
    pub secret: Option<ClientSecret>,
}

/// Registers `settings` as `client_id` inside `change`, with `secret` for a confidential
/// client; `actor` and `origin` go into the audit row (who, and from where), never the secret.
pub async fn register(
    change: &mut Change,
    client_id: &str,
    settings: &ClientSettings,
    secret: Option<&ClientSecret>,
    actor: &str,
    origin: serde_json::Value,
) -> anyhow::Result<()> {
    change
        .insert_client(client_id, settings, secret.map(|s| s.hash()).as_deref())
        .await?;
    let detail = json!({
        "name": settings.name.as_str(),
        "kind": settings.kind.as_str(),
        "redirect_uris": settings.redirect_uris.iter().map(|u| u.as_str()).collect::<Vec<_>>(),
        "scopes": settings.scopes,
        "by": origin,
    })
    .to_string();
    change
        .record(AuditEvent {
            actor,
            action: AuditAction::ClientRegistered,
            subject: Some(client_id),
            detail: &detail,
        })
        .await?;
    Ok(())
}

/// `client add`: registered at once by whoever holds the database, named in the audit by the
/// host and the system user that ran the command.
pub async fn add_from_command_line(
    store: &Store,
    settings: &ClientSettings,
    now: Timestamp,
) -> anyhow::Result<Registered> {
    let host = hostname::get()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "unknown host".into());
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown user".into());
    let client_id = new_client_id();
    let secret = (settings.kind == ClientKind::Confidential).then(ClientSecret::generate);
    let mut change = store.change(now).await?;
    register(
        &mut change,
        &client_id,
        settings,
        secret.as_ref(),
        "COMMAND_LINE",
        json!({ "host": host, "system_user": user }),
    )
    .await?;
    let _ = change.commit().await?;
    Ok(Registered { client_id, secret })
}
