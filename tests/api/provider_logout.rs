//! Issue 28, item 7: logout both ways. An application's back-channel endpoint is a small server
//! of the test's own that records what it is sent.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Form, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ccass_access::server::oidc::client::{ClientForm, ClientSettings};
use ccass_access::server::oidc::registration;
use openidconnect::PkceCodeChallenge;
use serde_json::Value;

use crate::helpers::{spawn_app, TestApp, Visitor};
use crate::provider::verify_with;
use crate::provider_flow::urlencoding;

const REDIRECT: &str = "http://localhost:9/callback";
const AFTER_LOGOUT: &str = "http://localhost:9/logged-out";

/// An application's back-channel endpoint: it answers `answers` in turn (then 200) and keeps
/// every logout token it is sent.
#[derive(Clone, Default)]
struct BackChannel {
    tokens: Arc<Mutex<Vec<String>>>,
    answers: Arc<Mutex<Vec<StatusCode>>>,
}

#[derive(serde::Deserialize)]
struct Posted {
    logout_token: String,
}

async fn receive(State(channel): State<BackChannel>, Form(posted): Form<Posted>) -> StatusCode {
    channel.tokens.lock().unwrap().push(posted.logout_token);
    let mut answers = channel.answers.lock().unwrap();
    if answers.is_empty() {
        StatusCode::OK
    } else {
        answers.remove(0)
    }
}

impl BackChannel {
    /// Listening; answers its URI.
    async fn start(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let router = Router::new()
            .route("/backchannel", post(receive))
            .with_state(self.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        format!("http://127.0.0.1:{}/backchannel", address.port())
    }

    /// The tokens received once at least `n` have come, waiting up to ten seconds.
    async fn received(&self, n: usize) -> Vec<String> {
        for _ in 0..100 {
            let tokens = self.tokens.lock().unwrap().clone();
            if tokens.len() >= n {
                return tokens;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{n} logout tokens did not come");
    }
}

struct Application {
    client_id: String,
    secret: String,
    channel: BackChannel,
}

async fn application(app: &TestApp) -> Application {
    let channel = BackChannel::default();
    let uri = channel.start().await;
    let redirects = vec![REDIRECT.to_owned()];
    let after = vec![AFTER_LOGOUT.to_owned()];
    let settings = ClientSettings::parse(&ClientForm {
        name: "Settlement",
        redirect_uris: &redirects,
        post_logout_redirect_uris: &after,
        backchannel_logout_uri: Some(&uri),
        ..ClientForm::default()
    })
    .unwrap();
    let registered =
        registration::add_from_command_line(&app.store, &settings, jiff::Timestamp::now())
            .await
            .unwrap();
    Application {
        client_id: registered.client_id,
        secret: registered.secret.unwrap().reveal().to_owned(),
        channel,
    }
}

/// The application's ID token for the person the browser holds, through the code flow.
async fn id_token(app: &TestApp, browser: &Visitor<'_>, application: &Application) -> String {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let answer = browser
        .get(&format!(
            "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid&nonce=n1&code_challenge={}&code_challenge_method=S256",
            application.client_id,
            urlencoding(REDIRECT),
            challenge.as_str()
        ))
        .await;
    let location = answer.headers["location"].to_str().unwrap();
    let code = url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .find(|(n, _)| n == "code")
        .unwrap()
        .1
        .into_owned();
    let tokens: Value = app
        .client
        .post(app.url("/oidc/token"))
        .basic_auth(&application.client_id, Some(&application.secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier.secret()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    tokens["id_token"].as_str().expect("an ID token").to_owned()
}

/// An application, and a person signed in at CCASS Access who opened it: their browser and
/// the application's ID token for them.
async fn signed_in_at_application(app: &TestApp) -> (Application, Visitor<'_>, String) {
    let application = application(app).await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let id_token = id_token(app, &browser, &application).await;
    (application, browser, id_token)
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

async fn published(app: &TestApp) -> Vec<Value> {
    let keys = app.visitor().get("/oidc/jwks").await;
    keys.body["keys"].as_array().unwrap().clone()
}

/// Checks a logout token as a relying party must (Back-Channel Logout 1.0, section 2.6).
async fn assert_logout_token(app: &TestApp, token: &str, id_token: &str, client_id: &str) {
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["typ"], "logout+jwt");
    let claims = verify_with(&published(app).await, token);
    let id = claims_of(id_token);
    assert_eq!(claims["iss"], id["iss"]);
    assert_eq!(claims["aud"], client_id);
    assert_eq!(claims["sid"], id["sid"]);
    assert_eq!(claims["sub"], id["sub"]);
    assert!(claims["jti"].as_str().is_some_and(|j| !j.is_empty()));
    assert!(claims["iat"].is_i64());
    assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
    assert!(claims.get("nonce").is_none(), "a logout token has no nonce");
}

#[tokio::test]
async fn log_out_at_ccass_access_is_told_to_the_application_by_the_back_channel() {
    let app = spawn_app().await;
    let (application, browser, id_token) = signed_in_at_application(&app).await;

    browser.logout().await.ok();

    let tokens = application.channel.received(1).await;
    assert_logout_token(&app, &tokens[0], &id_token, &application.client_id).await;
}

#[tokio::test]
async fn an_idle_session_ends_by_itself_and_is_told_too() {
    let app = spawn_app().await;
    let (application, _browser, id_token) = signed_in_at_application(&app).await;

    app.advance(16 * 60).await;

    let tokens = application.channel.received(1).await;
    assert_logout_token(&app, &tokens[0], &id_token, &application.client_id).await;
}

#[tokio::test]
async fn a_failed_delivery_is_tried_again_until_it_is_taken() {
    let app = spawn_app().await;
    let application = application(&app).await;
    application
        .channel
        .answers
        .lock()
        .unwrap()
        .push(StatusCode::SERVICE_UNAVAILABLE);
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    id_token(&app, &browser, &application).await;

    browser.logout().await.ok();
    application.channel.received(1).await;
    app.advance(6).await;

    let tokens = application.channel.received(2).await;
    assert_eq!(tokens.len(), 2);
    let logouts = app.store.logouts_of(&application.client_id).await.unwrap();
    assert_eq!(logouts.len(), 1);
    assert!(logouts[0].1, "delivered at the second attempt");
}

#[tokio::test]
async fn the_application_logs_the_person_out_at_once_with_its_id_token() {
    let app = spawn_app().await;
    let (application, browser, id_token) = signed_in_at_application(&app).await;

    let answer = browser
        .get(&format!(
            "/oidc/logout?id_token_hint={id_token}&post_logout_redirect_uri={}&state=bye",
            urlencoding(AFTER_LOGOUT)
        ))
        .await;

    assert_eq!(answer.status, 302, "{:?}", answer.body);
    assert_eq!(
        answer.headers["location"].to_str().unwrap(),
        format!("{AFTER_LOGOUT}?state=bye")
    );
    let me = browser.get("/api/session").await;
    assert_eq!(me.status, 401, "the CCASS Access session has ended");
    application.channel.received(1).await;
}

#[tokio::test]
async fn a_forged_hint_never_redirects_and_the_person_is_asked() {
    let app = spawn_app().await;
    let (_application, browser, id_token) = signed_in_at_application(&app).await;
    let payload = id_token.split('.').nth(1).unwrap();
    let unsigned = format!(
        "{}.{payload}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#)
    );

    for hint in [unsigned, format!("{}x", id_token)] {
        let answer = browser
            .get(&format!(
                "/oidc/logout?id_token_hint={hint}&post_logout_redirect_uri={}",
                urlencoding(AFTER_LOGOUT)
            ))
            .await;

        assert_eq!(answer.status, 200);
        assert!(answer.headers.get("location").is_none());
        let page = answer.body.as_str().unwrap();
        assert!(page.contains("<form method=\"post\""), "{page}");
    }
    let me = browser.get("/api/session").await;
    assert_eq!(me.status, 200, "nothing ended without the person's word");
}

#[tokio::test]
async fn an_unregistered_post_logout_uri_gets_no_redirect() {
    let app = spawn_app().await;
    let (_application, browser, id_token) = signed_in_at_application(&app).await;

    let answer = browser
        .get(&format!(
            "/oidc/logout?id_token_hint={id_token}&post_logout_redirect_uri={}",
            urlencoding("http://localhost:9/elsewhere")
        ))
        .await;

    assert_eq!(answer.status, 200);
    assert!(answer.headers.get("location").is_none());
    assert_eq!(
        browser.get("/api/session").await.status,
        401,
        "logged out all the same"
    );
}

/// No code, token, verifier or client secret appears in any log line, audit row or error body:
/// a whole flow run against the server binary logging everything as JSON, then searched.
#[tokio::test]
async fn no_code_token_verifier_or_secret_reaches_the_log_or_the_trail() {
    let folder = tempfile::tempdir().unwrap();
    let log = folder.path().join("server.log");
    let server = crate::helpers::ServerProcess::spawn_logging_to(&log).await;
    let app = &server.app;
    let application = application(app).await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let answer = browser
        .get(&format!(
            "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid%20email&code_challenge={}&code_challenge_method=S256",
            application.client_id,
            urlencoding(REDIRECT),
            challenge.as_str()
        ))
        .await;
    let location = answer.headers["location"].to_str().unwrap().to_owned();
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(n, _)| n == "code")
        .unwrap()
        .1
        .into_owned();
    let exchange = |code: String| {
        app.client
            .post(app.url("/oidc/token"))
            .basic_auth(&application.client_id, Some(&application.secret))
            .form(&[
                ("grant_type", "authorization_code".to_owned()),
                ("code", code),
                ("redirect_uri", REDIRECT.to_owned()),
                ("code_verifier", verifier.secret().clone()),
            ])
            .send()
    };
    let tokens: Value = exchange(code.clone()).await.unwrap().json().await.unwrap();
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    let id_token = tokens["id_token"].as_str().unwrap().to_owned();
    let userinfo = app
        .client
        .get(app.url("/oidc/userinfo"))
        .bearer_auth("wrong-token")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let refreshed: Value = app
        .client
        .post(app.url("/oidc/token"))
        .basic_auth(&application.client_id, Some(&application.secret))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // A code used again is refused (and revokes what it got): its error body is searched too.
    let refused = exchange(code.clone()).await.unwrap().text().await.unwrap();
    browser.logout().await.ok();
    let logout_token = application.channel.received(1).await.remove(0);

    assert!(
        refreshed["access_token"].is_string(),
        "refreshed: {refreshed}"
    );
    let secrets = [
        ("code", code.as_str()),
        ("code_verifier", verifier.secret().as_str()),
        ("client_secret", application.secret.as_str()),
        ("access_token", access.as_str()),
        ("refresh_token", refresh.as_str()),
        (
            "refreshed access_token",
            refreshed["access_token"].as_str().unwrap_or_default(),
        ),
        ("id_token", id_token.as_str()),
        ("logout_token", logout_token.as_str()),
    ];
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.lines().count() > 20, "the server logged: {logged}");
    assert!(
        logged.contains("/oidc/token"),
        "request traces are in the log"
    );
    let trail: Vec<(String, Option<String>, String)> =
        sqlx::query_as("SELECT actor, subject, detail FROM audit_events")
            .fetch_all(app.store.pool())
            .await
            .unwrap();
    let trail = format!("{trail:?}");
    for (name, secret) in secrets {
        assert!(!logged.contains(secret), "the {name} is in the log");
        assert!(!trail.contains(secret), "the {name} is in the audit trail");
        assert!(
            !refused.contains(secret) && !userinfo.contains(secret),
            "the {name} is in an error body"
        );
    }
}

#[tokio::test]
async fn a_logout_form_posted_from_another_site_ends_nothing() {
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let cookie = browser.cookie().unwrap();
    let post = |site: &'static str| {
        app.client
            .post(app.url("/oidc/logout"))
            .header("cookie", cookie.clone())
            .header("sec-fetch-site", site)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
    };

    let forged = post("cross-site").await.unwrap().text().await.unwrap();

    assert!(
        forged.contains("<form method=\"post\""),
        "asked, not logged out: {forged}"
    );
    assert_eq!(browser.get("/api/session").await.status, 200);
    let confirmed = post("same-origin").await.unwrap();
    assert_eq!(confirmed.status(), 200);
    assert_eq!(browser.get("/api/session").await.status, 401);
}
