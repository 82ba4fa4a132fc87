use ccass_access::api::{NextStep, TestRole};

use crate::helpers::{spawn_app, spawn_app_with, spec};

#[tokio::test]
async fn each_call_makes_a_participant_of_its_own_whose_people_log_in() {
    let app = spawn_app().await;
    let people = app
        .people(&[
            spec(TestRole::User),
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
        ])
        .await;
    let again = app.user().await;
    assert_eq!(people[0].id.len(), 8);
    assert_ne!(
        people[0].id[..6],
        again.id[..6],
        "a new participant each time"
    );
    assert!(people[1].id.ends_with("X1") && people[2].id.ends_with("X2"));
    for person in &people {
        let answer = app.visitor().login(&person.id, person.password()).await;
        assert_eq!(answer.ok().next_step, NextStep::RegisterDevice);
    }
}

#[tokio::test]
async fn without_the_flag_there_is_no_fixture_route() {
    let app = spawn_app_with(|config| config.test_fixtures = false).await;
    let answer = app.visitor().new_participant(&Default::default()).await;
    assert_eq!(answer.status, 404);
}
