//! `ccass-access-server operator add`: the first operator of a deployment (R6a), with a one-time
//! set-up link instead of a password on the command line or in a shell's history.

use jiff::{SignedDuration, Timestamp};

use crate::domain::{AuditAction, EmailAddress, LoginId, OperatorId};
use crate::server::security::session::SessionToken;
use crate::server::store::{AuditEvent, NewOperator, Store};

/// How long the set-up link works.
pub const SETUP_HOURS: i64 = 24;

/// Adds the operator and answers the set-up link to give them.
pub async fn add_operator(
    store: &Store,
    id: &str,
    name: &str,
    email: Option<&str>,
    base_url: &str,
    now: Timestamp,
) -> anyhow::Result<String> {
    let id = OperatorId::parse(id).map_err(|e| anyhow::anyhow!("--id: {e}"))?;
    let name = name.trim();
    anyhow::ensure!(!name.is_empty(), "--name: the operator needs a name");
    let email = email
        .map(EmailAddress::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    store
        .insert_operator(
            NewOperator {
                id: id.as_str(),
                name,
                email: email.as_ref(),
            },
            now,
        )
        .await?;
    let ticket = SessionToken::generate();
    let login = LoginId::Operator(id);
    store
        .put_reset_ticket(
            &ticket.hash(),
            &login,
            now + SignedDuration::from_hours(SETUP_HOURS),
        )
        .await?;
    let mut change = store.change(now).await?;
    change
        .record(AuditEvent {
            actor: "COMMAND_LINE",
            action: AuditAction::OperatorAdded,
            subject: Some(login.as_str()),
            detail: "set-up link issued",
        })
        .await?;
    let _ = change.commit().await?;
    Ok(format!(
        "{}/operator/setup#{}",
        base_url.trim_end_matches('/'),
        ticket.expose()
    ))
}
