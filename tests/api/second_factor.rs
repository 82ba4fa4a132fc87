//! The second factor (R19–R24, R26).

use ccass_access::domain::otp::TotpSecret;
use serde_json::json;

use crate::helpers::{
    spawn_app, spawn_app_with, TestApp, Visitor, DEMO_USER, DEMO_USER_EMAIL, MAKER_PASSWORD,
    USER01_PASSWORD,
};

const USER: &str = DEMO_USER;
const USER_EMAIL: &str = DEMO_USER_EMAIL;

async fn user_with_device(app: &TestApp) -> TotpSecret {
    app.user_with_device().await
}

async fn password_step<'a>(app: &'a TestApp, user: &str, password: &str) -> Visitor<'a> {
    let browser = app.visitor();
    let answer = browser.login(user, password).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    browser
}

#[tokio::test]
async fn r19_register_device_shows_a_standard_otpauth_uri_and_a_code_activates_it() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    let half_cookie = browser.cookie();

    let started = browser.post("/api/auth/device", &json!({})).await;
    let uri = started.body["otpauth_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/CCASS%20Access:B0123401?"),
        "{uri}"
    );
    assert!(uri.contains("issuer=CCASS%20Access"));
    let secret = TotpSecret::from_base32(started.body["secret"].as_str().unwrap()).unwrap();
    let activated = browser
        .post(
            "/api/auth/device/activate",
            &json!({ "otp": secret.code_at(app.now().await) }),
        )
        .await;

    assert_eq!(activated.status, 200, "{:?}", activated.body);
    assert_eq!(activated.body["home"], "terminal");
    let codes = activated.body["recovery_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    assert_ne!(
        browser.cookie(),
        half_cookie,
        "the session is rotated at log-in"
    );
    let me = browser.get("/api/session").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["user_id"], USER);
    assert_eq!(me.body["otp_channel"], "app");
}

#[tokio::test]
async fn calls_in_the_wrong_order_are_refused() {
    let app = spawn_app().await;
    let stranger = app.visitor();

    let otp_first = stranger
        .post("/api/auth/otp", &json!({ "otp": "123456" }))
        .await;
    assert_eq!(otp_first.status, 401);
    assert_eq!(otp_first.code(), "unauthenticated");

    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    let no_pending = browser
        .post("/api/auth/device/activate", &json!({ "otp": "123456" }))
        .await;
    assert_eq!(no_pending.status, 409);
    assert!(no_pending.message().contains("REGISTER DEVICE"));

    let no_channel = browser
        .post("/api/auth/otp", &json!({ "otp": "123456" }))
        .await;
    assert_eq!(no_channel.status, 409);
}

#[tokio::test]
async fn r26_a_half_logged_in_session_reaches_nothing_but_the_otp_step() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;

    let me = browser.get("/api/session").await;
    let switch = browser
        .post("/api/settings/channel/email", &json!({ "otp": "123456" }))
        .await;

    for answer in [me, switch] {
        assert_eq!(answer.status, 401);
        assert!(
            answer.message().contains("finish logging in"),
            "{}",
            answer.message()
        );
    }
}

#[tokio::test]
async fn r20_skip_this_step_sets_the_email_channel_and_mails_a_code() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;

    let skipped = browser.post("/api/auth/skip-device", &json!({})).await;
    assert_eq!(skipped.status, 200, "{:?}", skipped.body);
    let code = app.latest_otp_for(USER_EMAIL).await.unwrap();
    let signed_in = browser.post("/api/auth/otp", &json!({ "otp": code })).await;

    assert_eq!(signed_in.status, 200, "{:?}", signed_in.body);
    assert_eq!(signed_in.body["home"], "terminal");
    let me = browser.get("/api/session").await;
    assert_eq!(me.body["otp_channel"], "email");
    assert_eq!(me.body["previous_login_at"], serde_json::Value::Null);
}

#[tokio::test]
async fn r21_later_log_ins_use_the_chosen_channel_and_show_the_previous_log_in() {
    let app = spawn_app().await;
    let secret = user_with_device(&app).await;

    let browser = app.visitor();
    let password = browser.login(USER, USER01_PASSWORD).await;
    assert_eq!(password.body["next_step"], "app_otp");
    let signed_in = browser
        .post(
            "/api/auth/otp",
            &json!({ "otp": secret.code_at(app.now().await) }),
        )
        .await;

    assert_eq!(signed_in.status, 200, "{:?}", signed_in.body);
    let me = browser.get("/api/session").await;
    assert_eq!(me.body["previous_login_method"], "app_otp");
    assert!(me.body["previous_login_at"]
        .as_str()
        .unwrap()
        .ends_with("HKT"));
}

#[tokio::test]
async fn r21_an_email_channel_user_gets_the_code_as_soon_as_the_password_is_right() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    browser.post("/api/auth/skip-device", &json!({})).await;
    let first = app.latest_otp_for(USER_EMAIL).await.unwrap();
    browser
        .post("/api/auth/otp", &json!({ "otp": first }))
        .await;
    browser.post("/api/auth/logout", &json!({})).await;

    let again = password_step(&app, USER, USER01_PASSWORD).await;
    assert_eq!(app.mail_count_to(USER_EMAIL).await, 2);
    let code = app.latest_otp_for(USER_EMAIL).await.unwrap();
    let signed_in = again.post("/api/auth/otp", &json!({ "otp": code })).await;
    assert_eq!(signed_in.status, 200);
    assert_eq!(
        again.get("/api/session").await.body["previous_login_method"],
        "email_otp"
    );
}

#[tokio::test]
async fn r23_a_totp_code_is_accepted_once_and_with_one_step_of_drift_only() {
    let app = spawn_app().await;
    let secret = user_with_device(&app).await;
    let now = app.now().await;

    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    let two_steps_old = browser
        .post("/api/auth/otp", &json!({ "otp": secret.code_at(now - 60) }))
        .await;
    assert_eq!(two_steps_old.status, 401);
    let one_step_old = browser
        .post("/api/auth/otp", &json!({ "otp": secret.code_at(now - 30) }))
        .await;
    assert_eq!(one_step_old.status, 200, "{:?}", one_step_old.body);

    let replay = password_step(&app, USER, USER01_PASSWORD).await;
    let same_code = replay
        .post("/api/auth/otp", &json!({ "otp": secret.code_at(now - 30) }))
        .await;
    assert_eq!(same_code.status, 401);
    assert!(same_code.message().contains("already been used"));
}

#[tokio::test]
async fn r23_an_emailed_login_code_expires_after_five_minutes() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    browser.post("/api/auth/skip-device", &json!({})).await;
    let code = app.latest_otp_for(USER_EMAIL).await.unwrap();

    app.advance(5 * 60 + 1).await;
    let late = browser.post("/api/auth/otp", &json!({ "otp": code })).await;

    assert_eq!(late.status, 401);
    assert!(late.message().contains("expired"));
}

#[tokio::test]
async fn r24_five_wrong_passwords_lock_and_the_message_says_who_unlocks() {
    let app = spawn_app().await;

    let mut answers = Vec::new();
    for _ in 0..5 {
        answers.push(app.login(USER, "wrong password, again").await);
    }
    let right = app.login(USER, USER01_PASSWORD).await;

    assert!(answers[..4].iter().all(|a| a.status == 401));
    assert_eq!(answers[4].status, 423);
    assert_eq!(answers[4].code(), "account_locked");
    assert_eq!(right.status, 423);
    assert!(right.message().contains("Delegated Administrator"));
}

#[tokio::test]
async fn r24_a_locked_da_is_sent_to_hkex() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.login("B01234X1", "wrong password, again").await;
    }

    let answer = app.login("B01234X1", MAKER_PASSWORD).await;

    assert_eq!(answer.status, 423);
    assert!(answer.message().contains("HKEX"));
}

#[tokio::test]
async fn r24_wrong_otps_count_towards_the_lock_and_a_success_resets_the_count() {
    let app = spawn_app().await;
    user_with_device(&app).await;

    app.login(USER, "one wrong password").await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    for _ in 0..3 {
        browser
            .post("/api/auth/otp", &json!({ "otp": "000000" }))
            .await;
    }
    let fifth = browser
        .post("/api/auth/otp", &json!({ "otp": "000001" }))
        .await;
    assert_eq!(fifth.status, 423, "{:?}", fifth.body);

    let fresh = spawn_app_with(|config| {
        config.demo = true;
        config.throttle_per_user = 100;
    })
    .await;
    let secret = user_with_device(&fresh).await;
    for _ in 0..4 {
        fresh.login(USER, "wrong").await;
    }
    let browser = password_step(&fresh, USER, USER01_PASSWORD).await;
    let ok = browser
        .post(
            "/api/auth/otp",
            &json!({ "otp": secret.code_at(fresh.now().await) }),
        )
        .await;
    assert_eq!(ok.status, 200);
    for _ in 0..4 {
        assert_eq!(
            fresh.login(USER, "wrong").await.status,
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

    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(app.login("B0123499", "guess").await.status);
    }

    assert_eq!(statuses, [401, 401, 401, 429]);
}

#[tokio::test]
async fn a_recovery_code_logs_in_once_and_tells_how_many_are_left() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    let (_, activated) = browser.register_device().await;
    let code = activated.body["recovery_codes"][0]
        .as_str()
        .unwrap()
        .to_owned();
    browser.post("/api/auth/logout", &json!({})).await;

    let lost_phone = password_step(&app, USER, USER01_PASSWORD).await;
    let used = lost_phone
        .post(
            "/api/auth/recovery",
            &json!({ "code": code.to_lowercase() }),
        )
        .await;
    assert_eq!(used.status, 200, "{:?}", used.body);
    assert_eq!(used.body["recovery_codes_left"], 9);
    assert_eq!(
        lost_phone.get("/api/session").await.body["previous_login_method"],
        "app_otp"
    );

    let again = password_step(&app, USER, USER01_PASSWORD).await;
    let reused = again
        .post("/api/auth/recovery", &json!({ "code": code }))
        .await;
    assert_eq!(reused.status, 401);
    assert!(app
        .store
        .audit_actions(USER)
        .await
        .unwrap()
        .contains(&"RECOVERY_CODE_USED".to_owned()));
}

#[tokio::test]
async fn r22_switching_to_email_needs_a_fresh_code_from_the_app_and_back_goes_through_registration()
{
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    let (secret, _) = browser.register_device().await;
    app.advance(30).await;

    let wrong = browser
        .post("/api/settings/channel/email", &json!({ "otp": "000000" }))
        .await;
    assert_eq!(wrong.status, 401);
    let switched = browser
        .post(
            "/api/settings/channel/email",
            &json!({ "otp": secret.code_at(app.now().await) }),
        )
        .await;
    assert_eq!(switched.status, 200, "{:?}", switched.body);
    assert_eq!(
        browser.get("/api/session").await.body["otp_channel"],
        "email"
    );

    let unproven = browser.post("/api/settings/device", &json!({})).await;
    assert_eq!(unproven.status, 422, "{:?}", unproven.body);
    let sent = browser.post("/api/settings/email-otp", &json!({})).await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    let code = app.latest_otp_for(USER_EMAIL).await.unwrap();
    let (_, back) = browser.replace_device(&json!({ "otp": code })).await;
    assert_eq!(back.status, 200);
    assert_eq!(browser.get("/api/session").await.body["otp_channel"], "app");
}

#[tokio::test]
async fn r26_logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    browser.register_device().await;
    let cookie = browser.cookie().unwrap();

    browser.post("/api/auth/logout", &json!({})).await;

    let replayed = app
        .client
        .get(app.url("/api/session"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), 401);
}

#[tokio::test]
async fn r26_sessions_end_after_15_idle_minutes_and_after_8_hours_in_all() {
    let app = spawn_app().await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;
    browser.register_device().await;

    app.advance(14 * 60).await;
    assert_eq!(browser.get("/api/session").await.status, 200);
    app.advance(15 * 60 + 1).await;
    assert_eq!(browser.get("/api/session").await.status, 401);

    let busy = password_step(&app, "B01234X1", MAKER_PASSWORD).await;
    busy.register_device().await;
    for _ in 0..(8 * 60 / 14) {
        app.advance(14 * 60).await;
        assert_eq!(busy.get("/api/session").await.status, 200);
    }
    app.advance(14 * 60).await;
    assert_eq!(busy.get("/api/session").await.status, 401, "8 hours in all");
}

#[tokio::test]
async fn a_da_lands_on_the_dms_home() {
    let app = spawn_app().await;
    let browser = password_step(&app, "B01234X1", MAKER_PASSWORD).await;

    let (_, activated) = browser.register_device().await;

    assert_eq!(activated.body["home"], "dms");
}

#[tokio::test]
async fn send_again_is_only_for_the_email_channel() {
    let app = spawn_app().await;
    user_with_device(&app).await;
    let browser = password_step(&app, USER, USER01_PASSWORD).await;

    let answer = browser.post("/api/auth/email-otp", &json!({})).await;

    assert_eq!(answer.status, 409);
    assert!(answer.message().contains("come from the mobile app"));
    assert_eq!(app.mail_count_to(USER_EMAIL).await, 0);
}
