//! The second factor (R19–R24, R26).

use ccass_access::api::{DeviceProof, Home, LoginMethod, NextStep, OtpChannel, TestRole};
use ccass_access::domain::otp::TotpSecret;
use ccass_access::domain::AuditAction;

use crate::helpers::{spawn_app, spawn_app_with, spec, Person, TestApp, Visitor};

async fn password_step<'a>(app: &'a TestApp, person: &Person) -> Visitor<'a> {
    let browser = app.visitor();
    let answer = browser.login(&person.id, person.password()).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    browser
}

#[tokio::test]
async fn r19_register_device_shows_a_standard_otpauth_uri_and_a_code_activates_it() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;
    let half_cookie = browser.cookie();

    let started = browser.start_device().await.ok();
    let uri = &started.otpauth_uri;
    assert!(
        uri.starts_with(&format!("otpauth://totp/CCASS%20Access:{}?", person.id)),
        "{uri}"
    );
    assert!(uri.contains("issuer=CCASS%20Access"));
    let secret = TotpSecret::from_base32(&started.secret).unwrap();
    let activated = browser
        .activate_device(&secret.code_at(app.now().await))
        .await;

    assert_eq!(activated.status, 200, "{:?}", activated.body);
    let activated = activated.ok();
    assert_eq!(activated.home, Home::Terminal);
    assert_eq!(activated.recovery_codes.len(), 10);
    assert_ne!(
        browser.cookie(),
        half_cookie,
        "the session is rotated at log-in"
    );
    let me = browser.session().await;
    assert_eq!(me.status, 200);
    let me = me.ok();
    assert_eq!(me.user_id, person.id);
    assert_eq!(me.otp_channel, Some(OtpChannel::App));
}

#[tokio::test]
async fn calls_in_the_wrong_order_are_refused() {
    let app = spawn_app().await;
    let person = app.user().await;
    let stranger = app.visitor();

    let otp_first = stranger.submit_otp("123456").await;
    assert_eq!(otp_first.status, 401);
    assert_eq!(otp_first.code(), "unauthenticated");

    let browser = password_step(&app, &person).await;
    let no_pending = browser.activate_device("123456").await;
    assert_eq!(no_pending.status, 409);
    assert!(no_pending.message().contains("REGISTER DEVICE"));

    let no_channel = browser.submit_otp("123456").await;
    assert_eq!(no_channel.status, 409);
}

#[tokio::test]
async fn r26_a_half_logged_in_session_reaches_nothing_but_the_otp_step() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;

    let me = browser.session().await;
    let switch = browser.switch_to_email("123456").await;

    for (status, message) in [(me.status, me.message()), (switch.status, switch.message())] {
        assert_eq!(status, 401);
        assert!(message.contains("finish logging in"), "{message}");
    }
}

#[tokio::test]
async fn r20_skip_this_step_sets_the_email_channel_and_mails_a_code() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;

    let skipped = browser.skip_device().await;
    assert_eq!(skipped.status, 200, "{:?}", skipped.body);
    let code = app.latest_otp_for(person.email()).await.unwrap();
    let signed_in = browser.submit_otp(&code).await;

    assert_eq!(signed_in.status, 200, "{:?}", signed_in.body);
    assert_eq!(signed_in.ok().home, Home::Terminal);
    let me = browser.session().await.ok();
    assert_eq!(me.otp_channel, Some(OtpChannel::Email));
    assert_eq!(me.previous_login_at, None);
}

#[tokio::test]
async fn r21_later_log_ins_use_the_chosen_channel_and_show_the_previous_log_in() {
    let app = spawn_app().await;
    let (person, secret) = app.user_with_device().await;

    let browser = app.visitor();
    let password = browser.login(&person.id, person.password()).await;
    assert_eq!(password.ok().next_step, NextStep::AppOtp);
    let signed_in = browser.submit_otp(&secret.code_at(app.now().await)).await;

    assert_eq!(signed_in.status, 200, "{:?}", signed_in.body);
    let me = browser.session().await.ok();
    assert_eq!(me.previous_login_method, Some(LoginMethod::AppOtp));
    assert!(me.previous_login_at.unwrap().ends_with("HKT"));
}

#[tokio::test]
async fn r21_an_email_channel_user_gets_the_code_as_soon_as_the_password_is_right() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;
    browser.skip_device().await;
    let first = app.latest_otp_for(person.email()).await.unwrap();
    browser.submit_otp(&first).await;
    browser.logout().await;

    let again = password_step(&app, &person).await;
    assert_eq!(app.mail_count_to(person.email()).await, 2);
    let code = app.latest_otp_for(person.email()).await.unwrap();
    let signed_in = again.submit_otp(&code).await;
    assert_eq!(signed_in.status, 200);
    assert_eq!(
        again.session().await.ok().previous_login_method,
        Some(LoginMethod::EmailOtp)
    );
}

#[tokio::test]
async fn r23_a_totp_code_is_accepted_once_and_with_one_step_of_drift_only() {
    let app = spawn_app().await;
    let (person, secret) = app.user_with_device().await;
    let now = app.now().await;

    let browser = password_step(&app, &person).await;
    let two_steps_old = browser.submit_otp(&secret.code_at(now - 60)).await;
    assert_eq!(two_steps_old.status, 401);
    let one_step_old = browser.submit_otp(&secret.code_at(now - 30)).await;
    assert_eq!(one_step_old.status, 200, "{:?}", one_step_old.body);

    let replay = password_step(&app, &person).await;
    let same_code = replay.submit_otp(&secret.code_at(now - 30)).await;
    assert_eq!(same_code.status, 401);
    assert!(same_code.message().contains("already been used"));
}

#[tokio::test]
async fn r23_an_emailed_login_code_expires_after_five_minutes() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;
    browser.skip_device().await;
    let code = app.latest_otp_for(person.email()).await.unwrap();

    app.advance(5 * 60 + 1).await;
    let late = browser.submit_otp(&code).await;

    assert_eq!(late.status, 401);
    assert!(late.message().contains("expired"));
}

#[tokio::test]
async fn r24_five_wrong_passwords_lock_and_the_message_says_who_unlocks() {
    let app = spawn_app().await;
    let person = app.user().await;

    let mut answers = Vec::new();
    for _ in 0..5 {
        answers.push(app.login(&person.id, "wrong password, again").await);
    }
    let right = app.login(&person.id, person.password()).await;

    assert!(answers[..4].iter().all(|a| a.status == 401));
    assert_eq!(answers[4].status, 423);
    assert_eq!(answers[4].code(), "account_locked");
    assert_eq!(right.status, 423);
    assert!(right.message().contains("Delegated Administrator"));
}

#[tokio::test]
async fn r24_a_locked_da_is_sent_to_hkex() {
    let app = spawn_app().await;
    let maker = app.da_maker().await;
    for _ in 0..5 {
        app.login(&maker.id, "wrong password, again").await;
    }

    let answer = app.login(&maker.id, maker.password()).await;

    assert_eq!(answer.status, 423);
    assert!(answer.message().contains("HKEX"));
}

#[tokio::test]
async fn r24_wrong_otps_count_towards_the_lock_and_a_success_resets_the_count() {
    let app = spawn_app().await;
    let (person, _) = app.user_with_device().await;

    app.login(&person.id, "one wrong password").await;
    let browser = password_step(&app, &person).await;
    for _ in 0..3 {
        browser.submit_otp("000000").await;
    }
    let fifth = browser.submit_otp("000001").await;
    assert_eq!(fifth.status, 423, "{:?}", fifth.body);

    let fresh = spawn_app_with(|config| {
        config.demo = true;
        config.throttle_per_user = 100;
    })
    .await;
    let (person, secret) = fresh.user_with_device().await;
    for _ in 0..4 {
        fresh.login(&person.id, "wrong").await;
    }
    let browser = password_step(&fresh, &person).await;
    let ok = browser.submit_otp(&secret.code_at(fresh.now().await)).await;
    assert_eq!(ok.status, 200);
    for _ in 0..4 {
        assert_eq!(
            fresh.login(&person.id, "wrong").await.status,
            401,
            "the count started again"
        );
    }
}

#[tokio::test]
async fn r24_guessing_fast_is_throttled_before_the_lock() {
    let app = spawn_app_with(|config| {
        config.demo = true;
        config.throttle_per_user = 3;
    })
    .await;
    // At the start of a budget window, so the four guesses never straddle two windows.
    app.set_time("2026-12-01T10:00:00+08:00").await;
    let nobody = app.user().await.unused_id("99");

    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(app.login(&nobody, "guess").await.status);
    }

    assert_eq!(statuses, [401, 401, 401, 429]);
}

#[tokio::test]
async fn a_recovery_code_logs_in_once_and_tells_how_many_are_left() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;
    let (_, activated) = browser.register_device().await;
    let code = activated.ok().recovery_codes[0].clone();
    browser.logout().await;

    let lost_phone = password_step(&app, &person).await;
    let used = lost_phone.use_recovery_code(&code.to_lowercase()).await;
    assert_eq!(used.status, 200, "{:?}", used.body);
    assert_eq!(used.ok().recovery_codes_left, Some(9));
    assert_eq!(
        lost_phone.session().await.ok().previous_login_method,
        Some(LoginMethod::AppOtp)
    );

    let again = password_step(&app, &person).await;
    let reused = again.use_recovery_code(&code).await;
    assert_eq!(reused.status, 401);
    assert!(app
        .store
        .audit_actions(&person.id)
        .await
        .unwrap()
        .contains(&AuditAction::RecoveryCodeUsed));
}

#[tokio::test]
async fn r22_switching_to_email_needs_a_fresh_code_from_the_app_and_back_goes_through_registration()
{
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;
    let (secret, _) = browser.register_device().await;
    app.advance(30).await;

    let wrong = browser.switch_to_email("000000").await;
    assert_eq!(wrong.status, 401);
    let switched = browser
        .switch_to_email(&secret.code_at(app.now().await))
        .await;
    assert_eq!(switched.status, 200, "{:?}", switched.body);
    assert_eq!(
        browser.session().await.ok().otp_channel,
        Some(OtpChannel::Email)
    );

    let unproven = browser.start_new_device(&DeviceProof::default()).await;
    assert_eq!(unproven.status, 422, "{:?}", unproven.body);
    let sent = browser.send_proof_code().await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    let code = app.latest_otp_for(person.email()).await.unwrap();
    let proof = DeviceProof {
        otp: Some(code),
        ..DeviceProof::default()
    };
    let (_, back) = browser.replace_device(&proof).await;
    assert_eq!(back.status, 200);
    assert_eq!(
        browser.session().await.ok().otp_channel,
        Some(OtpChannel::App)
    );
}

#[tokio::test]
async fn r26_logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = password_step(&app, &person).await;
    browser.register_device().await;
    let cookie = browser.cookie().unwrap();

    browser.logout().await;

    // Another browser replays the cookie the server has ended.
    let replayed = app.visitor().with_header("cookie", &cookie).session().await;
    assert_eq!(replayed.status, 401);
}

#[tokio::test]
async fn r26_sessions_end_after_15_idle_minutes_and_after_8_hours_in_all() {
    let app = spawn_app().await;
    let people = app
        .people(&[spec(TestRole::User), spec(TestRole::DaMaker)])
        .await;
    let browser = password_step(&app, &people[0]).await;
    browser.register_device().await;

    app.advance(14 * 60).await;
    assert_eq!(browser.session().await.status, 200);
    app.advance(15 * 60 + 1).await;
    assert_eq!(browser.session().await.status, 401);

    let busy = password_step(&app, &people[1]).await;
    busy.register_device().await;
    for _ in 0..(8 * 60 / 14) {
        app.advance(14 * 60).await;
        assert_eq!(busy.session().await.status, 200);
    }
    app.advance(14 * 60).await;
    assert_eq!(busy.session().await.status, 401, "8 hours in all");
}

#[tokio::test]
async fn a_da_lands_on_the_dms_home() {
    let app = spawn_app().await;
    let maker = app.da_maker().await;
    let browser = password_step(&app, &maker).await;

    let (_, activated) = browser.register_device().await;

    assert_eq!(activated.ok().home, Home::Dms);
}

#[tokio::test]
async fn send_again_is_only_for_the_email_channel() {
    let app = spawn_app().await;
    let (person, _) = app.user_with_device().await;
    let browser = password_step(&app, &person).await;

    let answer = browser.resend_email_otp().await;

    assert_eq!(answer.status, 409);
    assert!(answer.message().contains("come from the mobile app"));
    assert_eq!(app.mail_count_to(person.email()).await, 0);
}
