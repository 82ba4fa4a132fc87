//! `/api/test/clock`: exists only when the server runs with `--test-clock`.

use axum::extract::State;
use axum::Json;
use jiff::{SignedDuration, Timestamp};

use crate::api::{ClockReading, SetClock};
use crate::domain::hong_kong;
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput};
use crate::server::routes::extract::ApiJson;
use crate::server::state::AppState;

fn reading(at: Timestamp) -> Json<ClockReading> {
    Json(ClockReading {
        now: at.to_string(),
        hong_kong: hong_kong::format_date_time(at),
    })
}

pub async fn read(State(state): State<AppState>) -> Json<ClockReading> {
    reading(state.now())
}

pub async fn set(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SetClock>,
) -> Result<Json<ClockReading>, ApiFailure> {
    let clock = state
        .test_clock
        .as_ref()
        .expect("route exists only with a test clock");
    let at = match body.at.as_deref() {
        Some(raw) => Some(
            raw.parse::<Timestamp>()
                .map_err(|_| InvalidInput::of("at", FieldProblem::Instant))?,
        ),
        None => None,
    };
    let target = at.unwrap_or_else(|| state.now());
    let target = match body.advance_seconds {
        Some(seconds) => target.checked_add(SignedDuration::from_secs(seconds)).ok(),
        None => Some(target),
    };
    let in_range = |at: &Timestamp| {
        let year = at.to_zoned(jiff::tz::TimeZone::UTC).year();
        (2000..2100).contains(&year)
    };
    let Some(target) = target.filter(in_range) else {
        let field = if body.advance_seconds.is_some() {
            "advance_seconds"
        } else {
            "at"
        };
        return Err(InvalidInput::of(field, FieldProblem::ClockOutOfRange).into());
    };
    clock.set(target);
    state
        .store
        .save_test_clock_offset_ms(clock.offset_ms())
        .await?;
    Ok(reading(state.now()))
}
