//! How browsers reach the server (issue 18): HTTPS here or at a trusted proxy, or plain HTTP on
//! a loopback address only; the session cookie is Secure everywhere but the loopback demo.

use ccass_access::api::LoginResponse;
use ccass_access::server::config::Config;
use ccass_access::server::startup::Application;

use crate::client::Reply;
use crate::helpers::{spawn_app, spawn_app_with, spawn_https_app, TestApp};

async fn log_in(app: &TestApp) -> Reply<LoginResponse> {
    let person = app.user().await;
    let browser = app.visitor();
    let answer = browser.login(&person.id, person.password()).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    // The session the cookie carries works on the next request.
    assert_eq!(browser.start_device().await.status, 200);
    answer
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure_and_answers_carry_hsts() {
    let app = spawn_https_app().await;
    assert!(
        app.address.starts_with("https://127.0.0.1:"),
        "{}",
        app.address
    );

    let answer = log_in(&app).await;

    let cookie = answer.set_cookie();
    assert!(cookie.starts_with("__Host-ccass_session="), "{cookie}");
    assert!(cookie.contains("; Secure"), "{cookie}");
    let hsts = answer.headers["strict-transport-security"]
        .to_str()
        .unwrap();
    assert!(hsts.starts_with("max-age=31536000"), "{hsts}");
}

#[tokio::test]
async fn the_loopback_demo_over_plain_http_keeps_a_session_without_secure() {
    let app = spawn_app().await;

    let answer = log_in(&app).await;

    let cookie = answer.set_cookie();
    assert!(cookie.starts_with("ccass_session="), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(!answer.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn behind_a_tls_proxy_the_cookie_stays_secure_and_answers_carry_hsts() {
    let app = spawn_app_with(|config| {
        config.demo = true;
        config.behind_tls_proxy = true;
        config.trusted_proxy = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;

    let answer = log_in(&app).await;

    assert!(answer.set_cookie().starts_with("__Host-ccass_session="));
    assert!(answer.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn plain_http_off_loopback_is_refused_at_start_with_the_reason() {
    let mut config = Config::for_tests("sqlite::memory:");
    config.listen = "0.0.0.0:0".parse().unwrap();

    let error = Application::build(config).await.err().expect("refused");

    let message = format!("{error:#}");
    assert!(message.contains("not a loopback address"), "{message}");
    assert!(
        message.contains("--tls-cert") && message.contains("--behind-tls-proxy"),
        "{message}"
    );
}

#[tokio::test]
async fn over_https_a_post_from_the_server_s_own_https_origin_passes_the_csrf_check() {
    let app = spawn_https_app().await;
    let person = app.user().await;
    let own = app.address.clone();
    let plain = own.replacen("https://", "http://", 1);
    let body = serde_json::json!({ "user_id": person.id, "password": person.password() });

    let same = app
        .post_with(ccass_access::api::paths::LOGIN, &body, &[("origin", &own)])
        .await;
    let downgraded = app
        .post_with(
            ccass_access::api::paths::LOGIN,
            &body,
            &[("origin", &plain)],
        )
        .await;

    assert_eq!(same.status, 200, "{:?}", same.body);
    assert_eq!(downgraded.status, 403);
    assert_eq!(downgraded.code(), "csrf_rejected");
}
