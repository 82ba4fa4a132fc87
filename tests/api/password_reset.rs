//! "Forgot/Reset your Password" (R17, R18, R23).

use ccass_access::api::Done;
use ccass_access::domain::AuditAction;

use crate::helpers::{spawn_app, Person, Reply, TestApp};

const NEW_PASSWORD: &str = "amber kettle on the harbour";

#[tokio::test]
async fn r17_first_log_in_sets_a_password_through_an_emailed_otp() {
    let app = spawn_app().await;
    let first_login = app.first_login_user().await;

    let otp = app.reset_otp(&first_login).await;
    let ticket = app.reset_ticket(&first_login, &otp).await;
    let done = app
        .visitor()
        .complete_reset(&ticket, NEW_PASSWORD, NEW_PASSWORD)
        .await;

    assert_eq!(done.status, 200, "{:?}", done.body);
    assert_eq!(app.login(&first_login.id, NEW_PASSWORD).await.status, 200);
    let actions = app.store.audit_actions(&first_login.id).await.unwrap();
    assert!(actions.contains(&AuditAction::PasswordReset));
}

#[tokio::test]
async fn r17_the_mail_gives_the_expiry_in_hong_kong_time_and_both_languages() {
    let app = spawn_app().await;
    let first_login = app.first_login_user().await;
    app.set_time("2026-12-01T01:00:00Z").await;

    let started = app.visitor().reset_password(&first_login.id).await.ok();

    assert_eq!(started.valid_seconds, 300);
    assert!(started.expires_at.starts_with("2026-12-01 09:05"));
    app.outbox_drained().await;
    let mail = &app.store.local_mail(1).await.unwrap()[0];
    assert!(mail.text.contains("2026-12-01 09:05 HKT"), "{}", mail.text);
    assert!(mail.text.contains(&first_login.id) && mail.text.contains("一次性密碼"));
    assert!(mail.text.contains("127.0.0.1"));
}

#[tokio::test]
async fn r18_unknown_ids_and_ids_without_email_get_the_same_answer_and_no_mail() {
    let app = spawn_app().await;
    let first_login = app.first_login_user().await;
    let without_email = app.user_without_email().await;
    let browser = app.visitor();

    let known = browser.reset_password(&first_login.id).await;
    let no_email = browser.reset_password(&without_email.id).await;
    let unknown = browser.reset_password(&first_login.unused_id("99")).await;

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
    let first_login = app.first_login_user().await;
    let otp = app.reset_otp(&first_login).await;

    app.advance(301).await;
    let late = app.visitor().verify_reset(&first_login.id, &otp).await;

    assert_eq!(late.status, 401);
    assert_eq!(late.code(), "invalid_otp");
    assert!(late.message().contains("expired"));
}

#[tokio::test]
async fn r23_sending_again_replaces_the_old_code_and_a_code_works_once() {
    let app = spawn_app().await;
    let first_login = app.first_login_user().await;
    let first = app.reset_otp(&first_login).await;
    let mut second = app.reset_otp(&first_login).await;
    while second == first {
        second = app.reset_otp(&first_login).await;
    }

    let browser = app.visitor();
    let old = browser.verify_reset(&first_login.id, &first).await;
    let new = browser.verify_reset(&first_login.id, &second).await;
    let again = browser.verify_reset(&first_login.id, &second).await;

    assert_eq!(old.status, 401);
    assert_eq!(new.status, 200);
    assert_eq!(again.status, 401);
}

#[tokio::test]
async fn malformed_otps_are_refused_with_a_field_message() {
    let app = spawn_app().await;
    let first_login = app.first_login_user().await;

    for otp in ["", "12345", "abcdef", "1234567"] {
        let answer = app.visitor().verify_reset(&first_login.id, otp).await;
        assert_eq!(answer.status, 422, "{otp}");
        assert!(!answer.field("otp").is_empty(), "{otp}");
    }
}

async fn complete(app: &TestApp, ticket: &str, password: &str, confirmation: &str) -> Reply<Done> {
    app.visitor()
        .complete_reset(ticket, password, confirmation)
        .await
}

/// A reset ticket for `person`, through the e-mailed OTP.
async fn ticket_for(app: &TestApp, person: &Person) -> String {
    let otp = app.reset_otp(person).await;
    app.reset_ticket(person, &otp).await
}

#[tokio::test]
async fn r17_the_policy_refuses_short_common_user_id_mismatched_and_recent_passwords() {
    let app = spawn_app().await;
    let person = app.user().await;
    let ticket = ticket_for(&app, &person).await;
    let short = complete(&app, &ticket, "k7#qzv", "k7#qzv").await;
    let common = complete(&app, &ticket, "password1234", "password1234").await;
    let with_id = format!("my {} password", person.id.to_lowercase());
    let with_id = complete(&app, &ticket, &with_id, &with_id).await;
    let mismatch = complete(&app, &ticket, NEW_PASSWORD, "something else entirely").await;
    let reused = complete(&app, &ticket, person.password(), person.password()).await;
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
    let person = app.user().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();

    let ticket = ticket_for(&app, &person).await;
    app.visitor()
        .complete_reset(&ticket, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .ok();

    let after = browser.start_device().await;
    assert_eq!(after.status, 401);
}
