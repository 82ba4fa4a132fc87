//! Logs to stderr, filtered by `RUST_LOG` (default: info for this crate, warnings for others);
//! one JSON object per line when `CCASS_LOG_FORMAT=json`, for a log collector.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,ccass_access=info,tower_http=warn"));
    let json = std::env::var("CCASS_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.try_init()
    };
}
