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
