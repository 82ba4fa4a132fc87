//! Log-in with user ID and password (R4a, R12, R21, R26).

use ccass_access::api::{paths, ErrorCode, NextStep};
use ccass_access::domain::AuditAction;
use serde_json::json;
use sqlx::Row;

use crate::helpers::{spawn_app, spawn_https_app, TestApp};

#[tokio::test]
async fn r21_right_password_leads_to_the_second_factor_with_a_half_session() {
    let app = spawn_app().await;
    let person = app.user().await;

    let answer = app.login(&person.id, person.password()).await.ok();

    assert_eq!(answer.user_id, person.id);
    assert_eq!(answer.next_step, NextStep::RegisterDevice);
    let stage: String = sqlx::query("SELECT stage FROM sessions WHERE login_id = $1")
        .bind(&person.id)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .get("stage");
    assert_eq!(stage, "PASSWORD_VERIFIED");
}

#[tokio::test]
async fn r21_a_da_logs_in_with_the_same_page() {
    let app = spawn_app().await;

    for da in [app.da_maker().await, app.da_checker().await] {
        let answer = app.login(&da.id.to_lowercase(), da.password()).await.ok();

        assert_eq!(answer.user_id, da.id);
    }
}

#[tokio::test]
async fn r26_the_session_cookie_is_http_only_secure_strict_and_stored_only_hashed() {
    let app = spawn_https_app().await;
    let person = app.user().await;

    let answer = app.login(&person.id, person.password()).await;

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
    let person = app.user().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    assert!(browser.cookie().is_some());

    // The same browser logs in again, sending the cookie of its first session.
    let second = browser.login(&person.id, person.password()).await;
    assert_eq!(second.status, 200);

    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    let person = app.user().await;
    let first_login = app.first_login_user().await;

    let wrong = app.login(&person.id, "not the password at all").await;
    let unknown = app
        .login(&person.unused_id("99"), "not the password at all")
        .await;
    let no_password_yet = app.login(&first_login.id, "not the password at all").await;

    for answer in [&wrong, &unknown, &no_password_yet] {
        assert_eq!(answer.status, 401);
        assert_eq!(answer.code(), "invalid_credentials");
        assert_eq!(answer.error().code, ErrorCode::InvalidCredentials);
        assert_eq!(answer.message(), "The user ID or password is incorrect.");
        assert!(answer.set_cookie().is_empty());
    }
    assert_eq!(wrong.body, unknown.body);
    let actions = app.store.audit_actions(&person.id).await.unwrap();
    assert_eq!(actions, [AuditAction::LoginPasswordFailed]);
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
    let person = app.user().await;

    let answer = app.visitor().speaking("zh-Hant").login("B01", "x").await;
    let wrong = app
        .visitor()
        .speaking("zh-HK,zh;q=0.9")
        .login(&person.id, "x")
        .await;

    assert!(answer.field("user_id").contains("用戶編號共 8 個字元"));
    assert_eq!(wrong.message(), "用戶編號或密碼不正確。");
}

#[tokio::test]
async fn empty_and_oversized_fields_are_refused_before_any_hashing() {
    let app = spawn_app().await;
    let person = app.user().await;

    let empty = app.login(&person.id, "").await;
    let huge_password = app.login(&person.id, &"x".repeat(10_000)).await;
    let huge_id = app.login(&"B".repeat(10_000), "x").await;

    assert_eq!(empty.field("password"), "Enter your password.");
    assert_eq!(huge_password.field("password"), "This entry is too long.");
    assert_eq!(huge_id.field("user_id"), "This entry is too long.");
    for answer in [empty, huge_password, huge_id] {
        assert_eq!(answer.status, 422);
    }
}

// Raw on purpose: the literal body the SPA sends to the literal path, so that the wire format
// itself (not only the shared types) is pinned.
#[tokio::test]
async fn the_login_request_and_answer_are_plain_json_on_the_wire() {
    let app = spawn_app().await;
    let person = app.user().await;

    let answer = app
        .post(
            "/api/auth/login",
            &json!({ "user_id": person.id, "password": person.password() }),
        )
        .await;

    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(
        answer.body,
        json!({ "user_id": person.id, "next_step": "register_device", "email_otp_allowed": true })
    );
}

// Raw on purpose: a body the typed client could never send.
#[tokio::test]
async fn a_body_that_is_not_the_expected_json_gets_a_json_error() {
    let app = spawn_app().await;

    let answer = TestApp::answer(
        app.client
            .post(app.url(paths::LOGIN))
            .header("x-ccass-request", "1")
            .header("content-type", "application/json")
            .body("{\"user_id\": 42")
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(answer.status, 400);
    assert_eq!(answer.code(), "malformed_request");
}

// Raw on purpose: a missing field and a form body, which the typed client could never send.
#[tokio::test]
async fn a_body_missing_a_field_or_not_json_gets_a_json_error() {
    let app = spawn_app().await;

    let missing = app
        .post(paths::LOGIN, &json!({ "user_id": "Z9999901" }))
        .await;
    let form = TestApp::answer(
        app.client
            .post(app.url(paths::LOGIN))
            .header("x-ccass-request", "1")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("user_id=Z9999901&password=x")
            .send()
            .await
            .unwrap(),
    )
    .await;

    for answer in [missing, form] {
        assert_eq!(answer.status, 400, "{:?}", answer.body);
        assert_eq!(answer.code(), "malformed_request");
    }
}

// Raw on purpose: the helpers always send the SPA's header, and this test is about its absence.
#[tokio::test]
async fn r26_a_post_without_the_spa_header_or_from_another_origin_is_refused() {
    let app = spawn_app().await;
    let person = app.user().await;
    let body = json!({ "user_id": person.id, "password": person.password() });

    let no_header = TestApp::answer(
        app.client
            .post(app.url(paths::LOGIN))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let cross_origin = TestApp::answer(
        app.client
            .post(app.url(paths::LOGIN))
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
    let person = app.user().await;
    app.sql(&format!(
        "UPDATE profiles SET status = 'DISABLED' WHERE user_id = '{}'",
        person.id
    ))
    .await;

    let answer = app.login(&person.id, person.password()).await;

    assert_eq!(answer.status, 403);
    assert_eq!(answer.code(), "login_not_allowed");
    assert!(answer.message().contains("disabled"));
}

#[tokio::test]
async fn r4a_profiles_log_in_only_between_enable_from_and_disable_after_in_hong_kong() {
    let app = spawn_app().await;
    let person = app.user().await;
    app.sql(&format!(
        "UPDATE profiles SET enable_from = '2027-01-01', disable_after = '2027-01-31' WHERE user_id = '{}'",
        person.id
    ))
    .await;

    // 23:30 UTC on 31 Dec is already 1 Jan in Hong Kong.
    app.set_time("2026-12-31T15:59:00Z").await;
    let early = app.login(&person.id, person.password()).await;
    app.set_time("2026-12-31T16:00:00Z").await;
    let first_day = app.login(&person.id, person.password()).await;
    app.set_time("2027-01-31T16:00:00Z").await;
    let late = app.login(&person.id, person.password()).await;

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
    let person = app.user().await;
    app.sql("UPDATE system_state SET migration_phase = 'PRE_PARALLEL'")
        .await;

    let answer = app.login(&person.id, person.password()).await;

    assert_eq!(answer.status, 403);
    assert_eq!(answer.code(), "login_not_allowed");
    assert!(answer.message().contains("smartcard"));
}
