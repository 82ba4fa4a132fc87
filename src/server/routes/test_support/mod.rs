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
        router = router
            .route(paths::TEST_PARTICIPANTS, post(fixtures::create))
            .route(paths::TEST_HOUSEKEEPING, post(housekeeping));
    }
    router
}

/// Runs the housekeeping now, as its timer would (expiry of requests, checkers' reminders).
async fn housekeeping(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::Json<crate::api::Done>, crate::server::http::error::ApiFailure> {
    crate::server::jobs::housekeeping::sweep(&state.store, state.clock.as_ref()).await?;
    Ok(axum::Json(crate::api::Done { done: true }))
}
