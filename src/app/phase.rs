//! The migration phase (R12) as the pages read it, to hide what Table 1 (R13) forbids now; the
//! server enforces it whatever the page shows.

use leptos::prelude::*;

use super::client::use_api;
use crate::api::{paths, PhaseView};
use crate::domain::table_one::{allowed, Actor, ProfileFunction};
use crate::domain::MigrationPhase;

/// The present phase, once read.
pub fn use_phase() -> Signal<Option<MigrationPhase>> {
    let api = use_api();
    let phase = LocalResource::new(move || async move { api.get::<PhaseView>(paths::PHASE).await });
    Signal::derive(move || {
        phase
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| MigrationPhase::try_from(p.phase.as_str()).ok())
    })
}

/// Whether `actor` may do `function` in the present phase; until the phase is known, not.
pub fn use_allowed(actor: Actor, function: ProfileFunction) -> Signal<bool> {
    let phase = use_phase();
    Signal::derive(move || {
        phase
            .get()
            .is_some_and(|phase| allowed(actor, function, phase))
    })
}
