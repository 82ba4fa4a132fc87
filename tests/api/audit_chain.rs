//! A tamper-evident audit trail (issue 16): every event is chained to the one before it as its
//! change commits, across instances too; `audit verify` names the first event that was changed,
//! removed or inserted; events from before the chain join it at start-up.

use ccass_access::server::store::ChainReport;

use crate::helpers::{spawn_app, TestApp};

async fn verify(app: &TestApp) -> ChainReport {
    app.store.verify_audit_chain().await.unwrap()
}

async fn some_activity(app: &TestApp) {
    let person = app.user().await;
    app.login(&person.id, "not the password").await;
    app.login(&person.id, person.password()).await;
    app.signed_in(&app.da_checker().await).await;
}

#[tokio::test]
async fn the_chain_is_intact_after_activity_and_names_a_changed_event() {
    let app = spawn_app().await;
    some_activity(&app).await;
    let ChainReport::Intact { events } = verify(&app).await else {
        panic!("the chain of a fresh server is intact");
    };
    assert!(events > 3, "{events}");

    app.sql("UPDATE audit_events SET detail = 'nothing happened' WHERE seq = 3")
        .await;
    assert!(matches!(
        verify(&app).await,
        ChainReport::Broken { seq: 3, why, .. } if why.contains("changed")
    ));
}

#[tokio::test]
async fn a_removed_event_breaks_the_chain_at_the_next() {
    let app = spawn_app().await;
    some_activity(&app).await;
    app.sql("DELETE FROM audit_events WHERE seq = 2").await;
    assert!(matches!(
        verify(&app).await,
        ChainReport::Broken { seq: 3, why, .. } if why.contains("missing")
    ));
}

#[tokio::test]
async fn two_instances_writing_at_once_keep_one_chain() {
    let first = spawn_app().await;
    let second = first.another_instance(|config| config.demo = true).await;
    let work = (0..6).map(|n| {
        let app = if n % 2 == 0 { &first } else { &second };
        async move { some_activity(app).await }
    });
    crate::helpers::all_at_once(work).await;
    assert!(matches!(verify(&first).await, ChainReport::Intact { .. }));
}
