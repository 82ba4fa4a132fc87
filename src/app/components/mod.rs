//! Reusable widgets, one per file, driven by props; none of them knows HTTP.

mod language_switch;
mod skip_link;

pub use language_switch::LanguageSwitch;
pub use skip_link::SkipLink;
