use ccass_access::api::SetClock;

use crate::helpers::{spawn_app, spawn_app_with};

fn at(instant: &str) -> SetClock {
    SetClock {
        at: Some(instant.to_owned()),
        ..SetClock::default()
    }
}

fn advance(seconds: i64) -> SetClock {
    SetClock {
        advance_seconds: Some(seconds),
        ..SetClock::default()
    }
}

#[tokio::test]
async fn the_test_clock_can_be_set_and_advanced() {
    let app = spawn_app().await;
    let browser = app.visitor();

    let set = browser.set_clock(&at("2026-12-01T09:00:00+08:00")).await;
    assert_eq!(set.status, 200);
    assert!(set.ok().hong_kong.starts_with("2026-12-01 09:00"));

    let moved = browser.set_clock(&advance(301)).await.ok();
    assert!(moved.hong_kong.starts_with("2026-12-01 09:05"));
}

#[tokio::test]
async fn a_malformed_time_is_refused_with_a_field_message() {
    let app = spawn_app().await;

    let answer = app.visitor().set_clock(&at("tomorrow")).await;

    assert_eq!(answer.status, 422);
    assert!(!answer.field("at").is_empty());
}

#[tokio::test]
async fn without_the_flag_the_test_clock_does_not_exist() {
    let app = spawn_app_with(|config| {
        config.demo = true;
        config.test_clock = false;
    })
    .await;

    let answer = app.visitor().set_clock(&advance(3600)).await;

    assert_eq!(answer.status, 404);
    assert_eq!(answer.code(), "not_found");
}
