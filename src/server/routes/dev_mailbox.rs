//! `/api/dev/mailbox`: the local mailbox, in demo mode without SMTP only.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::Json;
use jiff::Timestamp;

use crate::api::MailboxEntry;
use crate::domain::hong_kong;
use crate::server::failure::{ApiFailure, RequestError};
use crate::server::state::AppState;

/// Only for a browser on the server's own machine: the demo mailbox holds live OTPs.
pub async fn list(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Result<Json<Vec<MailboxEntry>>, ApiFailure> {
    if !peer.ip().is_loopback() {
        return Err(RequestError::NotFound.into());
    }
    let mail = state.store.local_mail(50).await?;
    Ok(Json(
        mail.into_iter()
            .map(|m| MailboxEntry {
                at: Timestamp::from_millisecond(m.at)
                    .map(hong_kong::format_date_time)
                    .unwrap_or_default(),
                to: m.to,
                subject: m.subject,
                text: m.text,
            })
            .collect(),
    ))
}
