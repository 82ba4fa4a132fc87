//! Every change and its audit row commit in one transaction (issue 7): when the audit row
//! cannot be written, the change it records does not happen either.

use crate::helpers::{spawn_app, TestApp};

const NEW_PASSWORD: &str = "amber kettle on the harbour";

/// The audit trail out of reach for a while, as a full disk or a lost privilege would make it.
async fn audit_trail_unwritable(app: &TestApp, unwritable: bool) {
    let (from, to) = if unwritable {
        ("audit_events", "audit_events_away")
    } else {
        ("audit_events_away", "audit_events")
    };
    app.sql(&format!("ALTER TABLE {from} RENAME TO {to}")).await;
}

#[tokio::test]
async fn a_password_reset_that_cannot_be_audited_changes_nothing_and_can_be_done_again() {
    let app = spawn_app().await;
    let person = app.user().await;
    let otp = app.reset_otp(&person).await;
    let ticket = app.reset_ticket(&person, &otp).await;
    let signed_in = app.visitor();
    signed_in.login(&person.id, person.password()).await.ok();

    audit_trail_unwritable(&app, true).await;
    let failed = app
        .visitor()
        .complete_reset(&ticket, NEW_PASSWORD, NEW_PASSWORD)
        .await;
    audit_trail_unwritable(&app, false).await;

    assert_eq!(failed.status, 500, "{:?}", failed.body);
    // The old password still works, the session it made still lives, the ticket is unspent.
    assert_eq!(app.login(&person.id, person.password()).await.status, 200);
    assert_eq!(app.login(&person.id, NEW_PASSWORD).await.status, 401);
    assert_eq!(signed_in.start_device().await.status, 200);
    let done = app
        .visitor()
        .complete_reset(&ticket, NEW_PASSWORD, NEW_PASSWORD)
        .await;
    assert_eq!(done.status, 200, "{:?}", done.body);
    assert_eq!(app.login(&person.id, NEW_PASSWORD).await.status, 200);
}

#[tokio::test]
async fn a_log_in_that_cannot_be_audited_makes_no_session() {
    let app = spawn_app().await;
    let person = app.user().await;

    audit_trail_unwritable(&app, true).await;
    let browser = app.visitor();
    let failed = browser.login(&person.id, person.password()).await;
    audit_trail_unwritable(&app, false).await;

    assert_eq!(failed.status, 500, "{:?}", failed.body);
    assert!(failed.set_cookie().is_empty());
    let (sessions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE login_id = $1")
        .bind(&person.id)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}
