//! The legacy smartcard log-in (issue 11; R12, R14, R24, R25): SRN + PIN against the profile,
//! refused after the certificate's expiry and after the parallel run, failures on the one lock
//! counter shared with 2FA.

use ccass_access::api::{Home, LoginMethod, RequestDraft, TestProfileSpec, TestRole};

use crate::helpers::{spawn_app, spec, Person, TestApp};

fn card_user() -> TestProfileSpec {
    TestProfileSpec {
        smartcard: true,
        ..spec(TestRole::User)
    }
}

async fn set_phase(app: &TestApp, phase: &str) {
    app.sql(&format!(
        "UPDATE system_state SET migration_phase = '{phase}' WHERE singleton = 1"
    ))
    .await;
}

fn card(person: &Person) -> (&str, &str) {
    (
        person.srn.as_deref().unwrap(),
        person.pin.as_deref().unwrap(),
    )
}

#[tokio::test]
async fn r25_the_right_srn_and_pin_log_in_to_a_full_session_and_the_home_shows_the_method() {
    let app = spawn_app().await;
    let user = app.people(&[card_user()]).await.remove(0);
    let (srn, pin) = card(&user);
    let browser = app.visitor();

    let signed_in = browser
        .smartcard_login(&user.id, &srn.to_lowercase(), pin)
        .await
        .ok();

    assert_eq!(signed_in.home, Home::Terminal);
    let me = browser.session().await.ok();
    assert_eq!(me.user_id, user.id);
    // The next log-in (by password) shows the smartcard as the one before.
    let again = app.visitor();
    again.smartcard_login(&user.id, srn, pin).await.ok();
    assert_eq!(
        again.session().await.ok().previous_login_method,
        Some(LoginMethod::Smartcard)
    );
}

#[tokio::test]
async fn r25_a_wrong_pin_or_srn_is_refused_alike_and_an_unknown_id_too() {
    let app = spawn_app().await;
    let user = app.people(&[card_user()]).await.remove(0);
    let (srn, pin) = card(&user);
    let wrong_pin = if pin == "000000" { "111111" } else { "000000" };
    for (id, srn, pin) in [
        (user.id.as_str(), srn, wrong_pin),
        (user.id.as_str(), "SRN-NOT-MINE", pin),
        (&user.unused_id("97")[..], srn, pin),
    ] {
        let refused = app.visitor().smartcard_login(id, srn, pin).await;
        assert_eq!(refused.status, 401, "{id}");
        assert_eq!(
            refused.error().message,
            "The user ID, SRN and PIN do not match a smartcard."
        );
    }
    let malformed = app.visitor().smartcard_login(&user.id, "", "12").await;
    assert_eq!(malformed.status, 422);
    assert!(
        malformed.error().fields.contains_key("srn")
            && malformed.error().fields.contains_key("pin")
    );
}

#[tokio::test]
async fn r25_an_expired_certificate_is_refused_naming_the_day() {
    let app = spawn_app().await;
    let user = app.people(&[card_user()]).await.remove(0);
    let (srn, pin) = card(&user);
    app.set_time("2028-01-01T09:00:00+08:00").await;

    let refused = app.visitor().smartcard_login(&user.id, srn, pin).await;

    assert_eq!(refused.status, 403);
    assert!(
        refused.error().message.contains("31-Dec-2027"),
        "{}",
        refused.error().message
    );
}

#[tokio::test]
async fn r24_wrong_pins_and_wrong_passwords_count_on_one_lock() {
    let app = spawn_app().await;
    let user = app.people(&[card_user()]).await.remove(0);
    let (srn, pin) = card(&user);
    let wrong_pin = if pin == "000000" { "111111" } else { "000000" };
    for _ in 0..3 {
        app.visitor()
            .smartcard_login(&user.id, srn, wrong_pin)
            .await;
    }
    for _ in 0..2 {
        app.visitor().login(&user.id, "not the password").await;
    }

    let locked = app.visitor().smartcard_login(&user.id, srn, pin).await;
    assert_eq!(locked.status, 423, "{:?}", locked.body);
    assert_eq!(
        app.visitor().login(&user.id, user.password()).await.status,
        423
    );
}

#[tokio::test]
async fn r12_each_phase_answers_as_table_1_and_the_seed_say() {
    let app = spawn_app().await;
    let user = app.people(&[card_user()]).await.remove(0);
    let (srn, pin) = card(&user);

    set_phase(&app, "PRE_PARALLEL").await;
    assert_eq!(
        app.visitor()
            .smartcard_login(&user.id, srn, pin)
            .await
            .status,
        200
    );
    let by_password = app.visitor().login(&user.id, user.password()).await;
    assert_eq!(by_password.status, 403);
    assert!(by_password.error().message.contains("parallel run"));
    let reset = app.visitor().reset_password(&user.id).await;
    assert_eq!(reset.status, 403, "the reset pop-up answers alike");
    assert!(reset.error().message.contains("parallel run"));

    set_phase(&app, "PARALLEL").await;
    assert_eq!(
        app.visitor()
            .smartcard_login(&user.id, srn, pin)
            .await
            .status,
        200
    );
    assert_eq!(
        app.visitor().login(&user.id, user.password()).await.status,
        200
    );

    set_phase(&app, "POST_PARALLEL").await;
    let ended = app.visitor().smartcard_login(&user.id, srn, pin).await;
    assert_eq!(ended.status, 403);
    assert!(ended
        .error()
        .message
        .contains("ended with the parallel run"));
    assert_eq!(
        app.visitor().login(&user.id, user.password()).await.status,
        200
    );
}

#[tokio::test]
async fn r14_a_user_created_in_the_parallel_run_has_no_smartcard() {
    let app = spawn_app().await;
    app.set_time("2026-12-01T10:00:00+08:00").await;
    let people = app
        .people(&[spec(TestRole::DaMaker), spec(TestRole::DaChecker)])
        .await;
    let maker = app.signed_in(&people[0]).await;
    let checker = app.signed_in(&people[1]).await;
    let new_id = people[0].unused_id("66");
    let made = maker
        .make_request(&RequestDraft::Create {
            user_id: new_id.clone(),
            profile: ccass_access::api::ProfileForm {
                status: "ENABLED".into(),
                surname: "NG".into(),
                other_names: "WING".into(),
                email: "wing.ng@broker.example.com".into(),
                enable_from: "2026-12-01".into(),
                disable_after: String::new(),
                clearing_houses: vec!["CASH".into()],
            },
        })
        .await
        .ok();
    let code = checker.authorisation_code().await.ok().code;
    maker
        .confirm(&made.request_id, &people[1].id, &code)
        .await
        .ok();
    assert_eq!(maker.enquire(&new_id).await.ok().srn, None);

    let refused = app
        .visitor()
        .smartcard_login(&new_id, "SRN-ANY", "123456")
        .await;
    assert_eq!(refused.status, 401);
}

#[tokio::test]
async fn r25_two_operators_reset_a_das_smartcard_pin_until_the_cut_over() {
    let app = spawn_app().await;
    let operators = app
        .people(&[spec(TestRole::Operator), spec(TestRole::Operator)])
        .await;
    let operator = app.signed_in(&operators[0]).await;
    let approver = app.signed_in(&operators[1]).await;
    let da = app
        .people(&[TestProfileSpec {
            smartcard: true,
            ..spec(TestRole::DaMaker)
        }])
        .await
        .remove(0);
    let (srn, old_pin) = card(&da);

    // Issue 26: the reset waits for a second operator, and only the approver sees the PIN.
    let asked = operator.reset_card_pin(&da.id).await.ok();
    assert_eq!(asked.status, ccass_access::api::RequestStatus::Pending);
    assert!(asked.card_pin.is_none());
    assert!(!asked
        .changes
        .iter()
        .any(|c| c.after.len() == 6 && c.after.chars().all(|d| d.is_ascii_digit())));
    assert_eq!(operator.approve(&asked.request_id).await.status, 403);
    let approved = approver.approve(&asked.request_id).await.ok();
    let new = approved.card_pin.expect("the approver sees the new PIN");
    assert_eq!(new.da_id, da.id);
    let listed = operator.operator_requests().await.ok();
    assert!(listed.iter().all(|r| r.card_pin.is_none()), "shown once");
    let body = serde_json::to_string(&listed).unwrap();
    assert!(!body.contains(&format!("\"{}\"", new.pin)));

    assert_eq!(new.pin.len(), 6);
    let old = app.visitor().smartcard_login(&da.id, srn, old_pin).await;
    assert!(old.status == 401 || new.pin == old_pin);
    let signed_in = app
        .visitor()
        .smartcard_login(&da.id, srn, &new.pin)
        .await
        .ok();
    assert_eq!(signed_in.home, Home::Dms);
    assert!(app
        .store
        .audit_actions(&da.id)
        .await
        .unwrap()
        .iter()
        .any(|a| a.as_str() == "CARD_PIN_RESET"));

    set_phase(&app, "POST_PARALLEL").await;
    assert_eq!(
        operator.reset_card_pin(&da.id).await.status,
        403,
        "smartcards ended"
    );
}

/// The demo's profiles carry distinct smartcards, printed at start like the passwords.
#[tokio::test]
async fn r25_the_demo_profiles_carry_smartcards() {
    let app = spawn_app().await;
    for (id, srn, pin, home) in [
        ("B0123401", "SRN-B0123401", "123401", Home::Terminal),
        ("BNK999X1", "SRN-BNK999X1", "999341", Home::Dms),
    ] {
        assert_eq!(
            app.visitor().smartcard_login(id, srn, pin).await.ok().home,
            home,
            "{id}"
        );
    }
    assert_eq!(
        app.visitor()
            .smartcard_login("B0123402", "SRN-B0123401", "123402")
            .await
            .status,
        401,
        "another profile's SRN"
    );
}
