use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn the_test_clock_can_be_set_and_advanced() {
    let app = spawn_app().await;

    let set = app
        .post(
            "/api/test/clock",
            &json!({ "at": "2026-12-01T09:00:00+08:00" }),
        )
        .await;
    assert_eq!(set.status, 200);
    assert!(set.body["hong_kong"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-01 09:00"));

    let moved = app
        .post("/api/test/clock", &json!({ "advance_seconds": 301 }))
        .await;
    assert!(moved.body["hong_kong"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-01 09:05"));
}

#[tokio::test]
async fn a_malformed_time_is_refused_with_a_field_message() {
    let app = spawn_app().await;

    let answer = app
        .post("/api/test/clock", &json!({ "at": "tomorrow" }))
        .await;

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

    let answer = app
        .post("/api/test/clock", &json!({ "advance_seconds": 3600 }))
        .await;

    assert_eq!(answer.status, 404);
    assert_eq!(answer.code(), "not_found");
}
