//! The listing's "Download" (R28): the same columns as CSV, a page of the database at a time.

use axum::response::Response;

use super::row;
use crate::api::UserListingRow;
use crate::server::http::csv::{attachment, line, paged};
use crate::server::state::AppState;
use crate::server::store::ListingPage;

/// Rows read from the database per chunk of the file.
const CHUNK: i64 = 500;

const HEADER: [&str; 11] = [
    "User ID",
    "Name",
    "E-mail",
    "Status",
    "OTP channel",
    "Locked",
    "Enable from",
    "Disable after",
    "Last log-in",
    "Last log-in method",
    "Passkeys",
];

fn csv_line(user: &UserListingRow) -> String {
    let channel = user.otp_channel.map(|c| c.as_str()).unwrap_or_default();
    let method = user
        .last_login_method
        .map(|m| m.as_str())
        .unwrap_or_default();
    line(&[
        &user.user_id,
        &user.name,
        user.email.as_deref().unwrap_or_default(),
        &user.status,
        channel,
        if user.locked { "Y" } else { "N" },
        &user.enable_from,
        user.disable_after.as_deref().unwrap_or_default(),
        user.last_login_at.as_deref().unwrap_or_default(),
        method,
        &user.passkeys.to_string(),
    ])
}

/// The file's answer: its first chunk (BOM and header) now, the rows as the database gives them.
pub fn answer(
    state: AppState,
    participant: crate::domain::ParticipantId,
    with_agents: bool,
    listing: ListingPage,
) -> Response {
    let now = state.now();
    let filename = format!("user-profiles-{participant}.csv");
    let records = paged(CHUNK, move |offset, limit| {
        let (state, participant, filters) =
            (state.clone(), participant.clone(), listing.filters.clone());
        let page = ListingPage {
            sort: listing.sort,
            descending: listing.descending,
            filters,
            limit,
            offset,
        };
        async move {
            let (_, profiles) = state
                .store
                .profile_listing(&participant, with_agents, &page, now)
                .await?;
            Ok(profiles.into_iter().map(|p| csv_line(&row(p))).collect())
        }
    });
    attachment(&filename, &HEADER, records)
}
