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
            .route(paths::TEST_HOUSEKEEPING, post(housekeeping))
            .route(paths::TEST_PHASE, post(set_phase))
            .route(
                paths::TEST_HOLD_CUT_OVER,
                get(cut_over_held).post(hold_cut_over),
            )
            .route(paths::TEST_SLOW, post(slow))
            .route(paths::TEST_RETENTION, post(retention));
    }
    router
}

/// Runs the housekeeping now, as its timer would (expiry of requests, checkers' reminders).
async fn housekeeping(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::Json<crate::api::Done>, crate::server::failure::ApiFailure> {
    crate::server::jobs::housekeeping::sweep(&state.store, state.clock.as_ref()).await?;
    Ok(axum::Json(crate::api::Done { done: true }))
}

/// Sets the migration phase outright (either way), so that a spec that moved it can put it
/// back for the specs after it. Body: `{"phase": "PARALLEL"}`.
async fn set_phase(
    axum::extract::State(state): axum::extract::State<AppState>,
    crate::server::routes::extract::ApiJson(body): crate::server::routes::extract::ApiJson<
        std::collections::BTreeMap<String, String>,
    >,
) -> Result<axum::Json<crate::api::Done>, crate::server::failure::ApiFailure> {
    use crate::server::failure::{FieldProblem, InvalidInput};
    let phase = body
        .get("phase")
        .and_then(|p| crate::domain::MigrationPhase::try_from(p.as_str()).ok())
        .ok_or_else(|| InvalidInput::of("phase", FieldProblem::NotOffered))?;
    state.store.set_migration_phase(phase, state.now()).await?;
    Ok(axum::Json(crate::api::Done { done: true }))
}

/// Arms the hold: the next cut-over stops before it commits (see `CutOverHold`).
async fn hold_cut_over(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::Json<crate::api::Done> {
    state.cut_over_hold.arm();
    axum::Json(crate::api::Done { done: true })
}

/// `done` is true once a cut-over is stopped inside its transaction.
async fn cut_over_held(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::Json<crate::api::Done> {
    axum::Json(crate::api::Done {
        done: state.cut_over_hold.is_holding(),
    })
}

/// Answers after `{"ms": n}` milliseconds (at most ten seconds): a request still in flight when
/// a test stops the server.
async fn slow(
    crate::server::routes::extract::ApiJson(body): crate::server::routes::extract::ApiJson<
        std::collections::BTreeMap<String, u64>,
    >,
) -> axum::Json<crate::api::Done> {
    let ms = body.get("ms").copied().unwrap_or(0).min(10_000);
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    axum::Json(crate::api::Done { done: true })
}

/// Runs the retention purge now, as its daily timer would; answers what it removed.
async fn retention(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::Json<serde_json::Value>, crate::server::failure::ApiFailure> {
    let purged = state
        .store
        .purge(state.config.retention(), state.now())
        .await?;
    Ok(axum::Json(
        serde_json::to_value(purged).map_err(anyhow::Error::from)?,
    ))
}
