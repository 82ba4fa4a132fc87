//! `/api/dev/mailbox`: the local mailbox, in demo mode without SMTP only.

use axum::extract::State;
use axum::Json;
use jiff::Timestamp;

use crate::api::MailboxEntry;
use crate::domain::hong_kong;
use crate::server::error::ApiFailure;
use crate::server::state::AppState;

pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<MailboxEntry>>, ApiFailure> {
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
