//! "Forgot/Reset your Password" (R17, R18, R23).

use serde_json::json;

use crate::helpers::{spawn_app, TestApp, USER01_PASSWORD};

const FIRST_LOGIN: &str = "B0123403";
const FIRST_LOGIN_EMAIL: &str = "wk.ho@securities.example.com";
const NEW_PASSWORD: &str = "amber kettle on the harbour";

#[tokio::test]
async fn r17_first_log_in_sets_a_password_through_an_emailed_otp() {
    let app = spawn_app().await;

    let otp = app.reset_otp(FIRST_LOGIN, FIRST_LOGIN_EMAIL).await;
    let ticket = app.reset_ticket(FIRST_LOGIN, &otp).await;
    let done = app
        .post(
            "/api/password-reset/complete",
            &json!({ "ticket": ticket, "password": NEW_PASSWORD, "confirmation": NEW_PASSWORD }),
        )
        .await;

    assert_eq!(done.status, 200, "{:?}", done.body);
    assert_eq!(app.login(FIRST_LOGIN, NEW_PASSWORD).await.status, 200);
    let actions = app.store.audit_actions(FIRST_LOGIN).await.unwrap();
    assert!(actions.contains(&"PASSWORD_RESET".to_owned()));
}

#[tokio::test]
async fn r17_the_mail_gives_the_expiry_in_hong_kong_time_and_both_languages() {
    let app = spawn_app().await;
    app.post("/api/test/clock", &json!({ "at": "2026-12-01T01:00:00Z" }))
        .await;

    let started = app
        .post("/api/password-reset", &json!({ "user_id": FIRST_LOGIN }))
        .await;

    assert_eq!(started.body["valid_seconds"], 300);
    assert!(started.body["expires_at"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-01 09:05"));
    app.outbox_drained().await;
    let mail = &app.store.local_mail(1).await.unwrap()[0];
    assert!(mail.text.contains("2026-12-01 09:05 HKT"), "{}", mail.text);
    assert!(mail.text.contains("B0123403") && mail.text.contains("一次性密碼"));
    assert!(mail.text.contains("127.0.0.1"));
}

#[tokio::test]
async fn r18_unknown_ids_and_ids_without_email_get_the_same_answer_and_no_mail() {
    let app = spawn_app().await;

    let known = app
        .post("/api/password-reset", &json!({ "user_id": FIRST_LOGIN }))
        .await;
    let no_email = app
        .post("/api/password-reset", &json!({ "user_id": "B0123405" }))
        .await;
    let unknown = app
        .post("/api/password-reset", &json!({ "user_id": "B0123499" }))
        .await;

    for answer in [&known, &no_email, &unknown] {
        assert_eq!(answer.status, 200);
    }
    assert_eq!(known.body, no_email.body);
    assert_eq!(known.body, unknown.body);
    app.outbox_drained().await;
    assert_eq!(app.store.local_mail(10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn r23_a_reset_otp_expires_after_five_minutes() {
    let app = spawn_app().await;
    let otp = app.reset_otp(FIRST_LOGIN, FIRST_LOGIN_EMAIL).await;

    app.advance(301).await;
    let late = app
        .post(
            "/api/password-reset/verify",
            &json!({ "user_id": FIRST_LOGIN, "otp": otp }),
        )
        .await;

    assert_eq!(late.status, 401);
    assert_eq!(late.code(), "invalid_otp");
    assert!(late.message().contains("expired"));
}

#[tokio::test]
async fn r23_sending_again_replaces_the_old_code_and_a_code_works_once() {
    let app = spawn_app().await;
    let first = app.reset_otp(FIRST_LOGIN, FIRST_LOGIN_EMAIL).await;
    let mut second = app.reset_otp(FIRST_LOGIN, FIRST_LOGIN_EMAIL).await;
    while second == first {
        second = app.reset_otp(FIRST_LOGIN, FIRST_LOGIN_EMAIL).await;
    }

    let old = app
        .post(
            "/api/password-reset/verify",
            &json!({ "user_id": FIRST_LOGIN, "otp": first }),
        )
        .await;
    let new = app
        .post(
            "/api/password-reset/verify",
            &json!({ "user_id": FIRST_LOGIN, "otp": second }),
        )
        .await;
    let again = app
        .post(
            "/api/password-reset/verify",
            &json!({ "user_id": FIRST_LOGIN, "otp": second }),
        )
        .await;

    assert_eq!(old.status, 401);
    assert_eq!(new.status, 200);
    assert_eq!(again.status, 401);
}

#[tokio::test]
async fn malformed_otps_are_refused_with_a_field_message() {
    let app = spawn_app().await;

    for otp in ["", "12345", "abcdef", "1234567"] {
        let answer = app
            .post(
                "/api/password-reset/verify",
                &json!({ "user_id": FIRST_LOGIN, "otp": otp }),
            )
            .await;
        assert_eq!(answer.status, 422, "{otp}");
        assert!(!answer.field("otp").is_empty(), "{otp}");
    }
}

async fn complete(
    app: &TestApp,
    ticket: &str,
    password: &str,
    confirmation: &str,
) -> crate::helpers::Answer {
    let body = json!({ "ticket": ticket, "password": password, "confirmation": confirmation });
    app.post("/api/password-reset/complete", &body).await
}

#[tokio::test]
async fn r17_the_policy_refuses_short_common_user_id_mismatched_and_recent_passwords() {
    let app = spawn_app().await;
    let otp = app
        .reset_otp("B0123401", "kh.wong@securities.example.com")
        .await;
    let ticket = app.reset_ticket("B0123401", &otp).await;
    let short = complete(&app, &ticket, "k7#qzv", "k7#qzv").await;
    let common = complete(&app, &ticket, "password1234", "password1234").await;
    let with_id = complete(
        &app,
        &ticket,
        "my b0123401 password",
        "my b0123401 password",
    )
    .await;
    let mismatch = complete(&app, &ticket, NEW_PASSWORD, "something else entirely").await;
    let reused = complete(&app, &ticket, USER01_PASSWORD, USER01_PASSWORD).await;
    let oversized = complete(&app, &ticket, &"x".repeat(300), &"x".repeat(300)).await;

    assert!(short.field("password").contains("At least 12 characters"));
    assert!(common
        .field("password")
        .contains("Not a common or breached password"));
    assert!(with_id
        .field("password")
        .contains("Does not contain your user ID"));
    assert!(mismatch
        .field("confirmation")
        .contains("Both entries are the same"));
    assert!(reused.field("password").contains("last 5"));
    assert_eq!(oversized.field("password"), "This entry is too long.");
    for answer in [short, common, with_id, mismatch, reused, oversized] {
        assert_eq!(answer.status, 422);
    }
    // None of those mistakes used the ticket up.
    assert_eq!(
        complete(&app, &ticket, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        complete(&app, &ticket, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status,
        401,
        "a ticket works once"
    );
}

#[tokio::test]
async fn r17_a_new_password_ends_the_sessions_of_its_owner() {
    let app = spawn_app().await;
    let browser = app.visitor();
    browser.login("B0123401", USER01_PASSWORD).await;

    let otp = app
        .reset_otp("B0123401", "kh.wong@securities.example.com")
        .await;
    let ticket = app.reset_ticket("B0123401", &otp).await;
    app.post(
        "/api/password-reset/complete",
        &json!({ "ticket": ticket, "password": NEW_PASSWORD, "confirmation": NEW_PASSWORD }),
    )
    .await;

    let after = browser.post("/api/auth/device", &json!({})).await;
    assert_eq!(after.status, 401);
}
