//! The listing's "Download" (R28): the same columns as CSV (RFC 4180), UTF-8 with a byte-order
//! mark so that Excel reads the Chinese names, and every cell that a spreadsheet would run as a
//! formula made inert. Written as it is read, a page of the database at a time.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::{stream, StreamExt};

use super::listing::row;
use crate::api::UserListingRow;
use crate::server::http::error::ApiFailure;
use crate::server::state::AppState;
use crate::server::store::ListingPage;

/// Rows read from the database per chunk of the file.
const CHUNK: i64 = 500;

/// A cell of RFC 4180: quoted when it holds a comma, a quote or a line break; prefixed with
/// `'` when it begins with what a spreadsheet takes for a formula (`= + - @`, tab, return).
pub fn cell(text: &str) -> String {
    let inert = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

fn line(cells: &[&str]) -> String {
    let mut text = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    text.push_str("\r\n");
    text
}

const HEADER: [&str; 10] = [
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
    ])
}

/// The file's answer: its first chunk (BOM and header) now, the rows as the database gives them.
pub fn answer(
    state: AppState,
    participant: crate::domain::ParticipantId,
    listing: ListingPage,
) -> Result<Response, ApiFailure> {
    let now = state.now();
    let filename = format!("user-profiles-{participant}.csv");
    let first = format!("\u{feff}{}", line(&HEADER));
    let pages = stream::unfold(Some(0_i64), move |offset| {
        let (state, participant, sort, descending, filters) = (
            state.clone(),
            participant.clone(),
            listing.sort,
            listing.descending,
            listing.filters.clone(),
        );
        async move {
            let offset = offset?;
            let page = ListingPage {
                sort,
                descending,
                filters,
                limit: CHUNK,
                offset,
            };
            match state.store.profile_listing(&participant, &page, now).await {
                Ok((_, profiles)) if profiles.is_empty() => None,
                Ok((_, profiles)) => {
                    let next = (profiles.len() as i64 == CHUNK).then_some(offset + CHUNK);
                    let text: String = profiles.into_iter().map(|p| csv_line(&row(p))).collect();
                    Some((Ok::<_, std::io::Error>(text), next))
                }
                Err(error) => {
                    // The status is sent already: the file ends short, and the log says why.
                    tracing::error!(error = format!("{error:#}"), "listing CSV cut short");
                    Some((Err(std::io::Error::other("listing read failed")), None))
                }
            }
        }
    });
    let body = Body::from_stream(stream::iter([Ok(first)]).chain(pages));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_as_rfc_4180_asks_and_formulas_made_inert() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("WONG, KA HO"), "\"WONG, KA HO\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+852 2979"), "'+852 2979");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("陳大文"), "陳大文");
    }
}
