//! The typed store (issue 7): an ID already taken is the caller's mistake, answered as a
//! conflict; a row this version cannot read is a fault, never a default.

use axum::response::IntoResponse;
use ccass_access::domain::ParticipantId;
use ccass_access::server::http::error::ApiFailure;
use ccass_access::server::store::{AlreadyExists, NewParticipant};

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn a_participant_id_already_taken_is_a_conflict_not_a_fault() {
    let app = spawn_app_with(|_| {}).await;
    let id = ParticipantId::parse("C00001").unwrap();
    let participant = || NewParticipant {
        id: &id,
        name: "Twice Securities Limited",
        kind: "CLEARING",
    };
    app.store.insert_participant(participant()).await.unwrap();

    let error = app
        .store
        .insert_participant(participant())
        .await
        .unwrap_err();

    assert!(error.downcast_ref::<AlreadyExists>().is_some(), "{error:#}");
    let response = ApiFailure::from(error).into_response();
    assert_eq!(response.status().as_u16(), 409);
}

#[tokio::test]
async fn a_session_row_this_version_cannot_read_is_a_fault_not_a_default() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    app.sql("UPDATE sessions SET login_id = 'not an ID'").await;

    let answer = browser.start_device().await;

    assert_eq!(answer.status, 500, "{:?}", answer.body);
    assert_eq!(answer.code(), "internal");
}

/// Deployed databases upgrade in place: a request and an audit event written under the schema
/// of migration 5 are carried across migration 6 (maker–checker in full).
#[tokio::test]
async fn migration_6_carries_existing_requests_and_audit_events_across() {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/upgrade.db?mode=rwc", dir.path().display());
    let all = sqlx::migrate!("./migrations");
    let mut before = sqlx::migrate::Migrator::new(std::path::Path::new("./migrations"))
        .await
        .unwrap();
    before.migrations = all
        .migrations
        .iter()
        .filter(|m| m.version <= 5)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    before.run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO participants (participant_id, name, kind) VALUES ('B01234', 'Old Broker', 'CLEARING')",
        "INSERT INTO change_requests (request_id, participant_id, target_user_id, action, payload, base_version, \
         maker_id, status, created_at) VALUES ('r1', 'B01234', 'B0123401', 'CHANGE', '{}', 3, 'B01234X1', 'PENDING', 1000)",
        "INSERT INTO audit_events (event_id, at, actor, action, subject, detail) \
         VALUES ('e1', 5, 'B0123401', 'LOGIN_COMPLETED', 'B0123401', '')",
    ] {
        pool.execute(statement).await.unwrap();
    }
    pool.close().await;

    let store = ccass_access::server::store::Store::connect(&url)
        .await
        .unwrap();

    let (status, after, version, expires): (String, String, i64, i64) = sqlx::query_as(
        "SELECT status, after_fields, base_version, expires_at FROM change_requests WHERE request_id = 'r1'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), after.as_str(), version),
        ("PENDING", "{}", 3)
    );
    assert!(expires > 1000);
    let (participant,): (Option<String>,) =
        sqlx::query_as("SELECT participant_id FROM audit_events WHERE event_id = 'e1'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(participant.as_deref(), Some("B01234"));
}
