//! CSV downloads: RFC 4180, UTF-8 with a byte-order mark so that Excel reads the Chinese names,
//! and every cell that a spreadsheet would run as a formula made inert. Long files are written
//! as they are read, a chunk of the database at a time.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::{stream, Stream, StreamExt};

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

/// One record, with its line break.
pub fn line(cells: &[&str]) -> String {
    let mut text = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    text.push_str("\r\n");
    text
}

/// The file: its header now (after the BOM), its records as `records` yields them. A failure
/// after the status is sent can only cut the file short; the log says why.
pub fn attachment(
    filename: &str,
    header_cells: &[&str],
    records: impl Stream<Item = anyhow::Result<String>> + Send + 'static,
) -> Response {
    let first = format!("\u{feff}{}", line(header_cells));
    let records = records.map(|chunk| {
        chunk.map_err(|error| {
            tracing::error!(error = format!("{error:#}"), "CSV download cut short");
            std::io::Error::other("CSV read failed")
        })
    });
    let body = Body::from_stream(stream::iter([Ok(first)]).chain(records));
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Records read a chunk of `size` at a time by `read(offset, size)`, until a short chunk.
pub fn paged<F, Fut>(size: i64, read: F) -> impl Stream<Item = anyhow::Result<String>> + Send
where
    F: Fn(i64, i64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = anyhow::Result<Vec<String>>> + Send,
{
    let read = std::sync::Arc::new(read);
    stream::unfold(Some(0_i64), move |offset| {
        let read = read.clone();
        async move {
            let offset = offset?;
            match read(offset, size).await {
                Ok(lines) if lines.is_empty() => None,
                Ok(lines) => {
                    let next = (lines.len() as i64 == size).then_some(offset + size);
                    Some((Ok(lines.concat()), next))
                }
                Err(error) => Some((Err(error), None)),
            }
        }
    })
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
