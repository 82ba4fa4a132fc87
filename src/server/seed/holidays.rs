//! The copy of Hong Kong's general holidays 2025–2027 the server ships, loaded at first start.

use jiff::civil::Date;

use crate::server::store::Holiday;

const SHIPPED: &str = include_str!("hk-general-holidays-2025-2027.csv");

/// The shipped holidays; a malformed line is a fault of the build, named with its number.
pub fn shipped() -> anyhow::Result<Vec<Holiday>> {
    SHIPPED
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let (day, name) = line
                .split_once(',')
                .ok_or_else(|| anyhow::anyhow!("holidays line {}: no comma", n + 1))?;
            let day: Date = day
                .trim()
                .parse()
                .map_err(|e| anyhow::anyhow!("holidays line {}: {e}", n + 1))?;
            Ok(Holiday {
                day,
                name: name.trim().trim_matches('"').to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_calendar_reads_whole() {
        let holidays = shipped().unwrap();
        assert!(holidays.len() >= 17 * 3 - 3, "{}", holidays.len());
        assert!(holidays
            .iter()
            .any(|h| h.day == jiff::civil::date(2025, 12, 25)));
    }
}
