//! A DA with business user groups (issue 13; R13, R16, seed 4.3): after the cut-over a user's
//! groups go onto a DA's profile, by the operator or by DAs through maker–checker; the DA then
//! works in the DMS and the Terminal with one log-in, and deletes the business user ID.

use ccass_access::api::{
    paths, BusinessGroupsFrom, DetailFieldName, RequestDraft, RequestStatus, TestRole,
};
use ccass_access::domain::AuditAction;

use crate::helpers::{spawn_app, spec, Person, TestApp};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

async fn set_phase(app: &TestApp, phase: &str) {
    app.sql(&format!(
        "UPDATE system_state SET migration_phase = '{phase}' WHERE singleton = 1"
    ))
    .await;
}

/// Maker, checker and a business user of one participant.
async fn participant(app: &TestApp) -> Vec<Person> {
    app.set_time(OPEN).await;
    app.people(&[
        spec(TestRole::DaMaker),
        spec(TestRole::DaChecker),
        spec(TestRole::User),
    ])
    .await
}

fn add(da: &Person, from: &Person, version: i64) -> RequestDraft {
    RequestDraft::AddBusinessGroups {
        da_id: da.id.clone(),
        from_user_id: from.id.clone(),
        version,
    }
}

#[tokio::test]
async fn r13_r16_before_the_cut_over_no_one_puts_business_groups_on_a_da() {
    let app = spawn_app().await;
    set_phase(&app, "PARALLEL").await;
    let people = participant(&app).await;
    let maker = app.signed_in(&people[0]).await;
    let version = maker.enquire(&people[0].id).await.ok().version;
    let refused = maker
        .make_request(&add(&people[0], &people[2], version))
        .await;
    assert_eq!(refused.status, 403);
    let operator = app.people(&[spec(TestRole::Operator)]).await.remove(0);
    let operator = app.signed_in(&operator).await;
    let body = serde_json::to_value(BusinessGroupsFrom {
        user_id: people[2].id.clone(),
    })
    .unwrap();
    let refused = operator
        .post(
            &paths::fill(paths::OPERATOR_DA_BUSINESS_GROUPS, &people[1].id),
            &body,
        )
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn r16_a_da_gets_a_users_groups_through_maker_checker_reaches_the_terminal_and_deletes_the_user(
) {
    let app = spawn_app().await;
    set_phase(&app, "POST_PARALLEL").await;
    let people = participant(&app).await;
    let (da, user) = (&people[0], &people[2]);
    let maker = app.signed_in(da).await;
    let checker = app.signed_in(&people[1]).await;
    let version = maker.enquire(&da.id).await.ok().version;

    // Bad targets are named at their field.
    let stranger = app.people(&[spec(TestRole::User)]).await.remove(0);
    let refused = maker.make_request(&add(da, &stranger, version)).await;
    assert_eq!(refused.status, 422);
    assert!(refused.error().fields.contains_key("from_user_id"));
    let refused = maker.make_request(&add(user, user, version)).await;
    assert_eq!(refused.status, 422);
    assert!(refused.error().fields.contains_key("da_id"));

    let made = maker.make_request(&add(da, user, version)).await.ok();
    assert_eq!(made.status, RequestStatus::Pending);
    let groups = made
        .changes
        .iter()
        .find(|c| c.field == DetailFieldName::BusinessUserGroups)
        .unwrap();
    assert_eq!(
        (groups.before.as_str(), groups.after.as_str()),
        ("", "SETTLEMENT,ENQUIRY")
    );
    // Nothing changes before the checker's authorisation.
    assert!(maker
        .enquire(&da.id)
        .await
        .ok()
        .business_user_groups
        .is_empty());
    let code = checker.authorisation_code().await.ok().code;
    let done = maker
        .confirm(&made.request_id, &people[1].id, &code)
        .await
        .ok();
    assert_eq!(done.status, RequestStatus::Authorised);
    assert_eq!(
        maker.enquire(&da.id).await.ok().business_user_groups,
        ["SETTLEMENT", "ENQUIRY"]
    );
    assert!(app
        .store
        .audit_actions(&da.id)
        .await
        .unwrap()
        .contains(&AuditAction::BusinessGroupsAdded));

    // One log-in, both homes: the DMS and the Terminal.
    let me = maker.session().await.ok();
    assert!(me.da.is_some());
    assert_eq!(me.business_user_groups, ["SETTLEMENT", "ENQUIRY"]);

    // The same again asks for nothing.
    let version = maker.enquire(&da.id).await.ok().version;
    assert_eq!(
        maker.make_request(&add(da, user, version)).await.status,
        422
    );

    // Then the DA deletes the business user ID through maker–checker.
    let version = maker.enquire(&user.id).await.ok().version;
    let delete = maker
        .make_request(&RequestDraft::Delete {
            user_id: user.id.clone(),
            version,
        })
        .await
        .ok();
    maker
        .confirm(&delete.request_id, &people[1].id, &code)
        .await
        .ok();
    assert_eq!(maker.enquire(&user.id).await.status, 404);
}

#[tokio::test]
async fn r16_the_operator_puts_a_users_groups_on_a_da_at_once() {
    let app = spawn_app().await;
    set_phase(&app, "POST_PARALLEL").await;
    let people = participant(&app).await;
    let operator = app.people(&[spec(TestRole::Operator)]).await.remove(0);
    let operator = app.signed_in(&operator).await;
    let path = paths::fill(paths::OPERATOR_DA_BUSINESS_GROUPS, &people[1].id);
    let from = |user: &Person| {
        serde_json::to_value(BusinessGroupsFrom {
            user_id: user.id.clone(),
        })
        .unwrap()
    };
    assert_eq!(operator.post(&path, &from(&people[2])).await.status, 200);
    let checker = app.signed_in(&people[1]).await;
    assert_eq!(
        checker
            .enquire(&people[1].id)
            .await
            .ok()
            .business_user_groups,
        ["SETTLEMENT", "ENQUIRY"]
    );
    assert_eq!(operator.post(&path, &from(&people[2])).await.status, 422);
    let stranger = app.people(&[spec(TestRole::User)]).await.remove(0);
    assert_eq!(operator.post(&path, &from(&stranger)).await.status, 422);
}

#[tokio::test]
async fn r13_after_the_cut_over_operators_add_da_group_functions_to_a_user_under_four_eyes() {
    let app = spawn_app().await;
    set_phase(&app, "PARALLEL").await;
    let people = participant(&app).await;
    let operators = app
        .people(&[spec(TestRole::Operator), spec(TestRole::Operator)])
        .await;
    let first = app.signed_in(&operators[0]).await;
    let second = app.signed_in(&operators[1]).await;
    let draft = ccass_access::api::OperatorRequestDraft::AddDaFunctions {
        user_id: people[2].id.clone(),
        role: ccass_access::api::DaRoleName::Checker,
    };
    // Not before the cut-over (Table 1).
    assert_eq!(first.operator_request(&draft).await.status, 403);

    set_phase(&app, "POST_PARALLEL").await;
    let made = first.operator_request(&draft).await.ok();
    assert_eq!(first.approve(&made.request_id).await.status, 403);
    second.approve(&made.request_id).await.ok();
    assert!(app
        .store
        .audit_actions(&people[2].id)
        .await
        .unwrap()
        .contains(&AuditAction::DaFunctionsAdded));

    // The user ID now works in the DMS as a checker, and in the Terminal with its groups.
    let user = app.signed_in(&people[2]).await;
    let me = user.session().await.ok();
    assert_eq!(me.home, ccass_access::api::Home::Dms);
    assert_eq!(
        me.da.map(|da| da.role),
        Some(ccass_access::api::DaRoleName::Checker)
    );
    assert!(!me.business_user_groups.is_empty());
    assert_eq!(user.authorisation_code().await.status, 200);
    // Its DA part is HKEX's: the participant's DAs read it but do not change it (R6).
    let maker = app.signed_in(&people[0]).await;
    let version = maker.enquire(&people[2].id).await.ok().version;
    let refused = maker
        .make_request(&RequestDraft::Delete {
            user_id: people[2].id.clone(),
            version,
        })
        .await;
    assert_eq!(refused.status, 403);
    // Asked again: nothing to add.
    assert_eq!(first.operator_request(&draft).await.status, 422);
}
