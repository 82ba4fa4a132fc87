//! Log-in with user ID and password (R4a, R12, R21, R26).

use serde_json::json;
use sqlx::Row;

use crate::helpers::{spawn_app, TestApp, MAKER_PASSWORD, USER01_PASSWORD};

#[tokio::test]
async fn r21_right_password_leads_to_the_second_factor_with_a_half_session() {
    let app = spawn_app().await;

    let answer = app.login("B0123401", USER01_PASSWORD).await;

    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["user_id"], "B0123401");
    assert_eq!(answer.body["next_step"], "register_device");
    let stage: String = sqlx::query("SELECT stage FROM sessions WHERE login_id = 'B0123401'")
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .get("stage");
    assert_eq!(stage, "PASSWORD_VERIFIED");
}

#[tokio::test]
async fn r21_a_da_logs_in_with_the_same_page() {
    let app = spawn_app().await;

    let answer = app.login("b01234x1", MAKER_PASSWORD).await;

    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["user_id"], "B01234X1");
}

#[tokio::test]
async fn r26_the_session_cookie_is_http_only_secure_strict_and_stored_only_hashed() {
    let app = spawn_app().await;

    let answer = app.login("B0123401", USER01_PASSWORD).await;

    let cookie = answer.set_cookie();
    // `__Host-` with `Path=/` and no Domain: no sibling site can plant or overwrite it.
    assert!(cookie.starts_with("__Host-ccass_session="), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/;"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    let token = cookie
        .trim_start_matches("__Host-ccass_session=")
        .split(';')
        .next()
        .unwrap();
    let hash: String = sqlx::query("SELECT token_hash FROM sessions")
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .get("token_hash");
    assert_ne!(hash, token);
}

#[tokio::test]
async fn r26_log_in_rotates_the_session_the_browser_held() {
    let app = spawn_app().await;
    let first = app.login("B0123401", USER01_PASSWORD).await.set_cookie();
    let first_pair = first.split(';').next().unwrap().to_owned();

    let second = app
        .client
        .post(app.url("/api/auth/login"))
        .header("x-ccass-request", "1")
        .header("cookie", first_pair)
        .json(&json!({ "user_id": "B0123401", "password": USER01_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 200);

    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;

    let wrong = app.login("B0123401", "not the password at all").await;
    let unknown = app.login("B0123499", "not the password at all").await;
    let no_password_yet = app.login("B0123403", "not the password at all").await;

    for answer in [&wrong, &unknown, &no_password_yet] {
        assert_eq!(answer.status, 401);
        assert_eq!(answer.code(), "invalid_credentials");
        assert_eq!(answer.message(), "The user ID or password is incorrect.");
        assert!(answer.set_cookie().is_empty());
    }
    assert_eq!(wrong.body, unknown.body);
    let actions = app.store.audit_actions("B0123401").await.unwrap();
    assert_eq!(actions, ["LOGIN_PASSWORD_FAILED"]);
}

#[tokio::test]
async fn a_malformed_user_id_gets_a_message_about_its_format() {
    let app = spawn_app().await;

    for (user_id, expected) in [
        ("B01", "A user ID has 8 characters"),
        ("B01234!1", "only the letters A–Z and the digits 0–9"),
        ("10123401", "starts with a letter"),
        ("", "Enter your user ID."),
    ] {
        let answer = app.login(user_id, "whatever password").await;
        assert_eq!(answer.status, 422, "{user_id}");
        assert_eq!(answer.code(), "invalid_input");
        assert!(
            answer.field("user_id").contains(expected),
            "{user_id}: {}",
            answer.field("user_id")
        );
    }
}

#[tokio::test]
async fn messages_come_in_the_language_the_browser_asks_for() {
    let app = spawn_app().await;

    let answer = app
        .post_in(
            "/api/auth/login",
            &json!({ "user_id": "B01", "password": "x" }),
            "zh-Hant",
        )
        .await;
    let wrong = app
        .post_in(
            "/api/auth/login",
            &json!({ "user_id": "B0123401", "password": "x" }),
            "zh-HK,zh;q=0.9",
        )
        .await;

    assert!(answer.field("user_id").contains("用戶編號共 8 個字元"));
    assert_eq!(wrong.message(), "用戶編號或密碼不正確。");
}

#[tokio::test]
async fn empty_and_oversized_fields_are_refused_before_any_hashing() {
    let app = spawn_app().await;

    let empty = app.login("B0123401", "").await;
    let huge_password = app.login("B0123401", &"x".repeat(10_000)).await;
    let huge_id = app.login(&"B".repeat(10_000), "x").await;

    assert_eq!(empty.field("password"), "Enter your password.");
    assert_eq!(huge_password.field("password"), "This entry is too long.");
    assert_eq!(huge_id.field("user_id"), "This entry is too long.");
    for answer in [empty, huge_password, huge_id] {
        assert_eq!(answer.status, 422);
    }
}

#[tokio::test]
async fn a_body_that_is_not_the_expected_json_gets_a_json_error() {
    let app = spawn_app().await;

    let answer = TestApp::answer(
        app.client
            .post(app.url("/api/auth/login"))
            .header("x-ccass-request", "1")
            .header("content-type", "application/json")
            .body("{\"user_id\": 42")
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(answer.status, 400);
    assert_eq!(answer.code(), "invalid_input");
}

#[tokio::test]
async fn r26_a_post_without_the_spa_header_or_from_another_origin_is_refused() {
    let app = spawn_app().await;
    let body = json!({ "user_id": "B0123401", "password": USER01_PASSWORD });

    let no_header = TestApp::answer(
        app.client
            .post(app.url("/api/auth/login"))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let cross_origin = TestApp::answer(
        app.client
            .post(app.url("/api/auth/login"))
            .header("x-ccass-request", "1")
            .header("origin", "https://evil.example")
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;

    for answer in [no_header, cross_origin] {
        assert_eq!(answer.status, 403);
        assert_eq!(answer.code(), "csrf_rejected");
        assert!(answer.set_cookie().is_empty());
    }
}

#[tokio::test]
async fn r4a_a_disabled_profile_is_told_so_after_a_right_password() {
    let app = spawn_app().await;
    app.sql("UPDATE profiles SET status = 'DISABLED' WHERE user_id = 'B0123401'")
        .await;

    let answer = app.login("B0123401", USER01_PASSWORD).await;

    assert_eq!(answer.status, 403);
    assert_eq!(answer.code(), "login_not_allowed");
    assert!(answer.message().contains("disabled"));
}

#[tokio::test]
async fn r4a_profiles_log_in_only_between_enable_from_and_disable_after_in_hong_kong() {
    let app = spawn_app().await;
    app.sql("UPDATE profiles SET enable_from = '2027-01-01', disable_after = '2027-01-31' WHERE user_id = 'B0123401'").await;

    // 23:30 UTC on 31 Dec is already 1 Jan in Hong Kong.
    app.post("/api/test/clock", &json!({ "at": "2026-12-31T15:59:00Z" }))
        .await;
    let early = app.login("B0123401", USER01_PASSWORD).await;
    app.post("/api/test/clock", &json!({ "at": "2026-12-31T16:00:00Z" }))
        .await;
    let first_day = app.login("B0123401", USER01_PASSWORD).await;
    app.post("/api/test/clock", &json!({ "at": "2027-01-31T16:00:00Z" }))
        .await;
    let late = app.login("B0123401", USER01_PASSWORD).await;

    assert_eq!(early.status, 403);
    assert!(
        early.message().contains("01-Jan-2027"),
        "{}",
        early.message()
    );
    assert_eq!(first_day.status, 200);
    assert_eq!(late.status, 403);
    assert!(late.message().contains("31-Jan-2027"), "{}", late.message());
}

#[tokio::test]
async fn r12_before_the_parallel_run_two_factor_log_in_is_closed() {
    let app = spawn_app().await;
    app.sql("UPDATE system_state SET migration_phase = 'PRE_PARALLEL'")
        .await;

    let answer = app.login("B0123401", USER01_PASSWORD).await;

    assert_eq!(answer.status, 403);
    assert_eq!(answer.code(), "login_not_allowed");
    assert!(answer.message().contains("smartcard"));
}
