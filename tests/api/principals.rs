//! Principals and roles (issue 7): operators log in like everyone and land on their console;
//! a route of an area admits only the principals its guard names.

use ccass_access::api::{Home, NextStep, TestRole};

use crate::helpers::{spawn_app, spec};

#[tokio::test]
async fn an_operator_logs_in_with_password_and_app_and_lands_on_the_console() {
    let app = spawn_app().await;
    let operator = app.people(&[spec(TestRole::Operator)]).await.remove(0);
    assert!(operator.id.starts_with("TEST-"));
    let browser = app.visitor();

    let login = browser.login(&operator.id, operator.password()).await.ok();
    assert_eq!(login.next_step, NextStep::RegisterDevice);
    let (_, activated) = browser.register_device().await;

    assert_eq!(activated.ok().home, Home::Operator);
    let me = browser.session().await.ok();
    assert_eq!(me.home, Home::Operator);
    assert_eq!(me.user_id, operator.id);
    assert_eq!(me.previous_login_at, None);
}

#[tokio::test]
async fn the_demo_operator_has_an_id_no_participant_can_have() {
    let app = spawn_app().await;
    let answer = app.login("HKEX-OP01", "Operator-Demo-Pass-2026").await;
    assert_eq!(answer.ok().next_step, NextStep::RegisterDevice);
    // The form the demo once used is a user ID of a participant HKEXOP: no one's now.
    assert_eq!(
        app.login("HKEXOP01", "Operator-Demo-Pass-2026")
            .await
            .status,
        401
    );
    // A second demo operator, so that four eyes can be shown (R6a).
    let second = app.login("HKEX-OP02", "Operator2-Demo-Pass-2026").await;
    assert_eq!(second.ok().next_step, NextStep::RegisterDevice);
}

#[tokio::test]
async fn only_operators_reach_the_console_s_api() {
    let app = spawn_app().await;
    let people = app
        .people(&[
            spec(TestRole::User),
            spec(TestRole::DaMaker),
            spec(TestRole::Operator),
        ])
        .await;
    let mut answers = Vec::new();
    for person in &people {
        let browser = app.visitor();
        browser.login(&person.id, person.password()).await.ok();
        browser.register_device().await.1.ok();
        answers.push(browser.operator_participants().await);
    }

    for refused in &answers[..2] {
        assert_eq!(refused.status, 403, "{:?}", refused.body);
        assert_eq!(refused.code(), "forbidden");
        assert_eq!(refused.message(), "You are not allowed to do this.");
    }
    let listed = answers[2].ok();
    let own = &people[0].id[..6];
    let participant = listed.iter().find(|p| p.participant_id == own).unwrap();
    assert_eq!(participant.profiles, 2);
    assert!(listed.iter().any(|p| p.participant_id == "B01234"));
    // Logged out, the answer asks for a log-in, not for another role.
    assert_eq!(app.visitor().operator_participants().await.status, 401);
}

#[tokio::test]
async fn a_locked_operator_is_told_to_ask_another_operator() {
    let app = spawn_app().await;
    let operator = app.people(&[spec(TestRole::Operator)]).await.remove(0);
    let mut last = None;
    for attempt in 0..5 {
        last = Some(
            app.login(&operator.id, &format!("wrong password {attempt}"))
                .await,
        );
    }
    let last = last.unwrap();
    assert_eq!(last.status, 423);
    assert!(
        last.message().contains("ask another operator"),
        "{}",
        last.message()
    );
}

/// Issue 10 (R6a): the first operator comes from `ccass-access-server operator add`, which prints a
/// one-time link; the password is set there, once, and the operator then logs in as any operator.
#[tokio::test]
async fn operator_add_on_the_command_line_prints_a_one_time_set_up_link() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_ccass-access-server"))
        .args([
            "--database-url",
            &url,
            "operator",
            "add",
            "--id",
            "HKEX-OP09",
        ])
        .args([
            "--name",
            "Night Desk",
            "--email",
            "night.desk@hkex.example.com",
        ])
        .args(["--base-url", "https://ccass.example.com"])
        .output()
        .unwrap();
    assert!(printed.status.success(), "{printed:?}");
    let out = String::from_utf8(printed.stdout).unwrap();
    let link = out
        .lines()
        .find(|l| l.starts_with("https://ccass.example.com/operator/setup#"))
        .expect("a set-up link");
    let ticket = link.split_once('#').unwrap().1.to_owned();
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_ccass-access-server"))
        .args([
            "--database-url",
            &url,
            "operator",
            "add",
            "--id",
            "HKEXOP09",
            "--name",
            "X",
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success(), "an ID a participant could take");

    let app = crate::helpers::spawn_app_with(move |config| config.database_url = url).await;
    let complete = ccass_access::api::PasswordResetComplete {
        ticket: ticket.clone(),
        password: "night desk over the harbour".into(),
        confirmation: "night desk over the harbour".into(),
    };
    let browser = app.visitor();
    assert_eq!(
        browser
            .post(
                ccass_access::api::paths::PASSWORD_RESET_COMPLETE,
                &serde_json::to_value(&complete).unwrap()
            )
            .await
            .status,
        200
    );
    assert_eq!(
        browser
            .post(
                ccass_access::api::paths::PASSWORD_RESET_COMPLETE,
                &serde_json::to_value(&complete).unwrap()
            )
            .await
            .status,
        401,
        "once"
    );
    // A new deployment is before the parallel run, where participants' people log in by
    // smartcard only; operators have none and log in with password and app all the same.
    assert_eq!(app.visitor().phase().await.ok().phase, "PRE_PARALLEL");
    let operator = app.visitor();
    let login = operator
        .login("HKEX-OP09", "night desk over the harbour")
        .await;
    assert_eq!(login.ok().next_step, NextStep::RegisterDevice);
    operator.register_device().await.1.ok();
    assert_eq!(operator.session().await.ok().home, Home::Operator);
}
