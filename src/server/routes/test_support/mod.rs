//! What tests reach and production never has: the settable clock (`--test-clock`) and test
//! participants (`--test-fixtures`).

mod clock;
mod fixtures;

use axum::routing::{get, post};
use axum::Router;

use crate::api::paths;
use crate::server::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    let mut router = Router::new();
    if state.test_clock.is_some() {
        router = router.route(paths::TEST_CLOCK, get(clock::read).post(clock::set));
    }
    if state.config.test_fixtures {
        router = router.route(paths::TEST_PARTICIPANTS, post(fixtures::create));
    }
    router
}
