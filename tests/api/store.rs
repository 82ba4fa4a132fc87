//! The typed store (issue 7): an ID already taken is the caller's mistake, answered as a
//! conflict; a row this version cannot read is a fault, never a default.

use axum::response::IntoResponse;
use ccass_access::domain::ParticipantId;
use ccass_access::server::failure::ApiFailure;
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
        principal: None,
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

/// Migration 10 (the cut-over, R15, R29): a profile's first 2FA log-in is read back from the
/// audit trail even when its last log-in was by smartcard, and pending operator requests are
/// carried across the rebuilt table.
#[tokio::test]
async fn migration_10_carries_the_first_2fa_log_in_and_operator_requests_across() {
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
        .filter(|m| m.version <= 9)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    before.run(&pool).await.unwrap();
    let profile = |id: &str, last_at: &str, last_method: &str| {
        format!(
            "INSERT INTO profiles (user_id, participant_id, kind, status, surname, other_names, \
             enable_from, clearing_houses, created_at, updated_at, last_login_at, last_login_method) \
             VALUES ('{id}', 'B01234', 'USER', 'ENABLED', 'CHAN', 'TAI MAN', '2026-01-01', 'CASH', 1, 1, \
             {last_at}, {last_method})"
        )
    };
    for statement in [
        "INSERT INTO participants (participant_id, name, kind) VALUES ('B01234', 'Old Broker', 'CLEARING')".to_owned(),
        // 2FA at 5, then the smartcard at 9: the audit trail remembers the 2FA.
        profile("B0123401", "9", "'SMARTCARD'"),
        "INSERT INTO audit_events (event_id, at, actor, action, subject, detail, participant_id) \
         VALUES ('e1', 5, 'B0123401', 'LOGIN_COMPLETED', 'B0123401', 'APP_OTP', 'B01234')".to_owned(),
        // Only the last log-in tells of this one.
        profile("B0123402", "7", "'EMAIL_OTP'"),
        profile("B0123403", "8", "'SMARTCARD'"),
        profile("B0123404", "NULL", "NULL"),
        "INSERT INTO operator_requests (request_id, action, subject, after_value, maker_id, status, created_at) \
         VALUES ('o1', 'MOVE_PHASE', 'MIGRATION_PHASE', '{\"phase\":\"PARALLEL\"}', 'HKEX-OP01', 'PENDING', 3)".to_owned(),
    ] {
        pool.execute(statement.as_str()).await.unwrap();
    }
    pool.close().await;

    let store = ccass_access::server::store::Store::connect(&url)
        .await
        .unwrap();

    let firsts: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT user_id, first_two_factor_login_at FROM profiles ORDER BY user_id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(
        firsts,
        vec![
            ("B0123401".to_owned(), Some(5)),
            ("B0123402".to_owned(), Some(7)),
            ("B0123403".to_owned(), None),
            ("B0123404".to_owned(), None),
        ]
    );
    let (status,): (String,) =
        sqlx::query_as("SELECT status FROM operator_requests WHERE request_id = 'o1'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(status, "PENDING");
}

/// Migration 14 (the audit chain): events written before it join the chain at start-up, in
/// the order they happened, and the chain then verifies.
#[tokio::test]
async fn migration_14_chains_the_events_written_before_it() {
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
        .filter(|m| m.version <= 13)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    before.run(&pool).await.unwrap();
    for (id, at) in [("e2", 20), ("e1", 10)] {
        pool.execute(
            format!(
                "INSERT INTO audit_events (event_id, at, actor, action, subject, detail) \
                 VALUES ('{id}', {at}, 'B0123401', 'LOGIN_COMPLETED', 'B0123401', 'APP_OTP')"
            )
            .as_str(),
        )
        .await
        .unwrap();
    }
    pool.close().await;

    let store = ccass_access::server::store::Store::connect(&url)
        .await
        .unwrap();
    store
        .chain_old_audit_events(jiff::Timestamp::UNIX_EPOCH)
        .await
        .unwrap();
    assert_eq!(
        store.verify_audit_chain().await.unwrap(),
        ccass_access::server::store::ChainReport::Intact { events: 2 }
    );
    let (first,): (String,) = sqlx::query_as("SELECT event_id FROM audit_events WHERE seq = 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(first, "e1");
}
