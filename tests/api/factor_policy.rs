//! A participant's second-factor policy (issue 17): by default its users choose the app or
//! e-mail, as the seed lets them; an operator may refuse e-mail OTP, which is audited. Its users
//! are then led, with no dead end, to register the app or a passkey, and SKIP THIS STEP is gone.

use ccass_access::api::{NextStep, OtpChannel, TestRole};
use ccass_access::domain::AuditAction;

use crate::helpers::{spawn_app, spec, Person, TestApp, Visitor};

/// A participant with a user who chose e-mail OTP, a first-time user, and an operator's session.
async fn participant_and_operator(app: &TestApp) -> (Vec<Person>, Visitor<'_>) {
    let people = app
        .people(&[spec(TestRole::User), spec(TestRole::User)])
        .await;
    let chooser = app.visitor();
    chooser
        .login(&people[0].id, people[0].password())
        .await
        .ok();
    assert_eq!(chooser.skip_device().await.status, 200);
    let code = app.latest_otp_for(people[0].email()).await.unwrap();
    chooser.submit_otp(&code).await.ok();
    chooser.logout().await.ok();
    let operator = app.people(&[spec(TestRole::Operator)]).await.remove(0);
    (people, app.signed_in(&operator).await)
}

/// As [`participant_and_operator`], the operator having refused e-mail OTP for the participant.
async fn email_refused(app: &TestApp) -> Vec<Person> {
    let (people, operator) = participant_and_operator(app).await;
    let refused = operator
        .set_factor_policy(participant_of(&people[0]), false)
        .await;
    assert_eq!(refused.status, 200, "{:?}", refused.body);
    people
}

fn participant_of(person: &Person) -> &str {
    &person.id[..6]
}

#[tokio::test]
async fn by_default_email_is_offered_and_refusing_it_is_the_operators_audited_choice() {
    let app = spawn_app().await;
    let (people, operator) = participant_and_operator(&app).await;
    let participant = participant_of(&people[0]);
    let listed = operator.operator_participants().await.ok();
    let row = listed
        .iter()
        .find(|p| p.participant_id == participant)
        .unwrap();
    assert!(row.email_otp_allowed, "the seed's choice by default");
    let first = app.visitor();
    let step = first.login(&people[1].id, people[1].password()).await.ok();
    assert!(step.email_otp_allowed);

    assert_eq!(
        operator.set_factor_policy(participant, false).await.status,
        200
    );
    let listed = operator.operator_participants().await.ok();
    let row = listed
        .iter()
        .find(|p| p.participant_id == participant)
        .unwrap();
    assert!(!row.email_otp_allowed);
    let actions = app.store.audit_actions(participant).await.unwrap();
    assert!(
        actions.contains(&AuditAction::FactorPolicySet),
        "{actions:?}"
    );

    let unknown = operator.set_factor_policy("ZZZZZ9", false).await;
    assert_eq!(unknown.status, 404, "{:?}", unknown.body);
    let user = app.signed_in(&people[1]).await;
    assert_eq!(
        user.set_factor_policy(participant, true).await.status,
        403,
        "operators only"
    );
}

#[tokio::test]
async fn where_email_is_refused_a_first_log_in_has_no_skip_and_registers_the_app() {
    let app = spawn_app().await;
    let (people, operator) = participant_and_operator(&app).await;
    operator
        .set_factor_policy(participant_of(&people[1]), false)
        .await
        .ok();

    let browser = app.visitor();
    let step = browser
        .login(&people[1].id, people[1].password())
        .await
        .ok();
    assert_eq!(step.next_step, NextStep::RegisterDevice);
    assert!(
        !step.email_otp_allowed,
        "the page is told: no SKIP THIS STEP"
    );
    let skipped = browser.skip_device().await;
    assert_eq!(skipped.status, 409, "{:?}", skipped.body);
    let (_, activated) = browser.register_device().await;
    assert_eq!(
        activated.status, 200,
        "the app is registered: {:?}",
        activated.body
    );
}

#[tokio::test]
async fn an_email_user_proves_the_emailed_code_once_then_registers_the_app_in_its_place() {
    let app = spawn_app().await;
    let people = email_refused(&app).await;
    let user = &people[0];

    // Before the code: the password alone registers nothing (R26a).
    let browser = app.visitor();
    let step = browser.login(&user.id, user.password()).await.ok();
    assert_eq!(
        step.next_step,
        NextStep::EmailOtp,
        "the code still goes out, as proof"
    );
    assert_eq!(browser.start_device().await.status, 409);

    let code = app.latest_otp_for(user.email()).await.unwrap();
    let refused = browser.submit_otp(&code).await;
    assert_eq!(refused.status, 409, "{:?}", refused.body);
    assert_eq!(refused.code(), "second_factor_required");
    assert!(
        refused.message().contains("register"),
        "{}",
        refused.message()
    );
    assert_eq!(
        browser.session().await.status,
        401,
        "not signed in by e-mail"
    );

    let (_, activated) = browser.register_device().await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);
    let me = browser.session().await.ok();
    assert_eq!(me.otp_channel, Some(OtpChannel::App));
    assert!(!me.email_otp_allowed, "settings offer no switch to e-mail");

    app.advance(60).await;
    let switch = browser.switch_to_email("000000").await;
    assert_eq!(switch.status, 409, "{:?}", switch.body);
}

#[tokio::test]
async fn a_refused_email_code_that_is_wrong_opens_nothing() {
    let app = spawn_app().await;
    let people = email_refused(&app).await;
    let user = &people[0];
    let browser = app.visitor();
    browser.login(&user.id, user.password()).await.ok();
    let wrong = browser.submit_otp("000000").await;
    assert_eq!(wrong.status, 401, "{:?}", wrong.body);
    assert_eq!(browser.start_device().await.status, 409);
}
