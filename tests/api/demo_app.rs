//! Issue 28, item 8: `--demo` registers its own application, served at `/demo-app/` as an
//! ordinary relying party; what it refuses (the Playwright journey walks what it accepts).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ccass_access::server::demo_app::CLIENT_ID;

use crate::helpers::spawn_app;
use crate::provider_flow::issuer_of;

#[tokio::test]
async fn the_demo_registers_its_application_at_its_own_issuer_and_offers_the_log_in() {
    let app = spawn_app().await;
    let issuer = issuer_of(&app);

    let client = app
        .store
        .client(CLIENT_ID)
        .await
        .unwrap()
        .expect("registered");
    assert_eq!(
        client.settings.redirect_uris[0].as_str(),
        format!("{issuer}/demo-app/callback")
    );
    assert_eq!(
        client.settings.backchannel_logout_uri.unwrap().as_str(),
        format!("{issuer}/demo-app/backchannel")
    );
    let page = app.visitor().get("/demo-app/").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .as_str()
            .unwrap_or_default()
            .contains("Log in with CCASS Access"),
        "{:?}",
        page.body
    );

    // The log-in goes to the provider named by discovery, with PKCE.
    let start = app.visitor().get("/demo-app/login").await;
    assert_eq!(start.status, 303, "{:?}", start.body);
    let to = start.headers["location"].to_str().unwrap();
    assert!(to.starts_with(&format!("{issuer}/oidc/authorize?")), "{to}");
    assert!(to.contains("code_challenge_method=S256"), "{to}");
}

#[tokio::test]
async fn the_demo_application_refuses_answers_and_logout_tokens_it_cannot_trust() {
    let app = spawn_app().await;

    // RFC 9207: an answer naming another issuer is refused before its state is read.
    let forged = app
        .visitor()
        .get("/demo-app/callback?code=x&state=y&iss=https%3A%2F%2Fevil.example")
        .await;
    assert_eq!(forged.status, 502);
    let unknown = app
        .visitor()
        .get(&format!(
            "/demo-app/callback?code=x&state=never-asked&iss={}",
            crate::provider_flow::urlencoding(&issuer_of(&app))
        ))
        .await;
    assert_eq!(unknown.status, 502);

    // A logout token with alg none, or signed by no key of the provider, ends nothing.
    let part = |v: serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let claims = part(serde_json::json!({
        "iss": issuer_of(&app), "aud": CLIENT_ID, "sid": "s",
        "events": { "http://schemas.openid.net/event/backchannel-logout": {} }
    }));
    for header in [
        serde_json::json!({ "alg": "none" }),
        serde_json::json!({ "alg": "RS256", "kid": "unknown" }),
    ] {
        let token = format!("{}.{claims}.c2ln", part(header));
        let answer = app
            .client
            .post(app.url("/demo-app/backchannel"))
            .form(&[("logout_token", token)])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 400);
    }
}
