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

/// Reads of personal data are on the trail, and operators search the whole trail (issue 16).
#[tokio::test]
async fn reads_of_personal_data_are_recorded_and_operators_search_the_trail() {
    use ccass_access::api::{paths, TestRole};
    let app = spawn_app().await;
    app.set_time("2026-12-01T10:00:00+08:00").await;
    let people = app
        .people(&[
            crate::helpers::spec(TestRole::DaMaker),
            crate::helpers::spec(TestRole::User),
        ])
        .await;
    let maker = app.signed_in(&people[0]).await;
    maker.user_listing("per_page=10").await.ok();
    assert_eq!(maker.csv(paths::DMS_USERS_CSV).await.0, 200);
    maker.enquire(&people[1].id).await.ok();
    assert!(app
        .store
        .audit_actions(&people[1].id)
        .await
        .unwrap()
        .contains(&ccass_access::domain::AuditAction::ProfileEnquired));

    let operator = app
        .people(&[crate::helpers::spec(TestRole::Operator)])
        .await
        .remove(0);
    let operator = app.signed_in(&operator).await;
    let found = operator
        .get(&format!(
            "{}?participant={}&actor={}&from=2026-12-01&to=2026-12-01",
            paths::OPERATOR_AUDIT,
            &people[0].id[..6],
            people[0].id.to_lowercase()
        ))
        .await;
    assert_eq!(found.status, 200, "{:?}", found.body);
    let actions: Vec<&str> = found.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for read in ["PROFILES_LISTED", "PROFILES_DOWNLOADED", "PROFILE_ENQUIRED"] {
        assert!(actions.contains(&read), "{read} in {actions:?}");
    }
    let none = operator
        .get(&format!(
            "{}?actor={}&from=2026-12-02",
            paths::OPERATOR_AUDIT,
            people[0].id
        ))
        .await;
    assert_eq!(none.body["total"], 0);
    let bad = operator
        .get(&format!("{}?from=yesterday", paths::OPERATOR_AUDIT))
        .await;
    assert_eq!(bad.status, 422);
    let (status, csv) = operator
        .csv(&format!(
            "{}?actor={}",
            paths::OPERATOR_AUDIT_CSV,
            people[0].id
        ))
        .await;
    assert_eq!(status, 200);
    assert!(csv.contains("PROFILE_ENQUIRED"), "{csv}");
    assert_eq!(maker.get(paths::OPERATOR_AUDIT).await.status, 403);
    // And the chain holds every one of these events.
    assert!(matches!(verify(&app).await, ChainReport::Intact { .. }));
}

/// Retention (issue 16): the purge removes what outlived its period, the audit chain still
/// verifies from where the purge left it, and the purge itself is on the trail.
#[tokio::test]
async fn the_retention_purge_removes_what_outlived_its_period_and_the_chain_still_verifies() {
    use ccass_access::api::paths;
    let app = spawn_app().await;
    app.set_time("2026-12-01T10:00:00+08:00").await;
    some_activity(&app).await;
    let old_events = app
        .store
        .search_audit(&Default::default(), 1, 0)
        .await
        .unwrap()
        .0;
    // A day later only the sessions have outlived their period.
    app.advance(2 * 24 * 3600).await;
    let purged = app
        .post(paths::TEST_RETENTION, &serde_json::json!({}))
        .await;
    assert_eq!(purged.status, 200);
    // Gone by the purge, or already by the sweep that ends expired sessions (issue 28).
    let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "{:?}", purged.body);
    assert_eq!(purged.body["audit_events"], 0);

    // Eight years on, the audit events of then go too; the chain verifies from the purge on.
    app.set_time("2034-12-01T10:00:00+08:00").await;
    some_activity(&app).await;
    let purged = app
        .post(paths::TEST_RETENTION, &serde_json::json!({}))
        .await;
    assert!(
        purged.body["audit_events"].as_i64().unwrap() >= old_events,
        "{:?}",
        purged.body
    );
    assert!(matches!(verify(&app).await, ChainReport::Intact { .. }));
    // The purge is on the trail (the first one was itself old enough to go).
    let purges: Vec<String> = app
        .store
        .search_audit(&Default::default(), 100, 0)
        .await
        .unwrap()
        .1
        .into_iter()
        .filter(|e| e.action == "RETENTION_PURGE")
        .map(|e| e.detail)
        .collect();
    assert_eq!(purges.len(), 1, "{purges:?}");
    assert!(purges[0].contains("\"audit_events\""), "{purges:?}");
    // Nothing left to remove: nothing is recorded.
    let again = app
        .post(paths::TEST_RETENTION, &serde_json::json!({}))
        .await;
    assert_eq!(again.body["audit_events"], 0);
    assert!(matches!(verify(&app).await, ChainReport::Intact { .. }));
}
