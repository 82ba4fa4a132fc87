//! Issue 28, items 3–5: the authorization code flow, walked by a relying party written by
//! others (the `openidconnect` crate), a signed-in browser in between.

use ccass_access::server::oidc::client::{ClientForm, ClientSettings};
use ccass_access::server::oidc::registration;
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreUserInfoClaims};
use openidconnect::{
    AccessTokenHash, AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, RedirectUrl, Scope, TokenResponse,
};
use serde_json::Value;

use crate::helpers::{spawn_app, TestApp, Visitor};

const REDIRECT: &str = "http://localhost:9/callback";

pub struct Registered {
    pub client_id: String,
    pub secret: Option<String>,
}

/// A client registered as `client add` does.
pub async fn register(app: &TestApp, public: bool) -> Registered {
    let redirects = vec![REDIRECT.to_owned()];
    let settings = ClientSettings::parse(&ClientForm {
        name: "CCASS Terminal",
        public,
        redirect_uris: &redirects,
        ..ClientForm::default()
    })
    .unwrap();
    let registered =
        registration::add_from_command_line(&app.store, &settings, jiff::Timestamp::now())
            .await
            .unwrap();
    Registered {
        client_id: registered.client_id,
        secret: registered.secret.map(|s| s.reveal().to_owned()),
    }
}

pub fn issuer_of(app: &TestApp) -> String {
    format!(
        "http://localhost:{}",
        app.address.rsplit(':').next().unwrap()
    )
}

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The path and query of an absolute URL, for the test's browser.
fn path_of(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    format!("{}?{}", url.path(), url.query().unwrap_or_default())
}

/// The query parameters of where the browser is sent.
pub(crate) fn query_of(location: &str) -> Vec<(String, String)> {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

pub(crate) fn param<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

pub(crate) fn location(answer: &crate::client::Answer) -> String {
    assert_eq!(answer.status, 302, "a redirect, not {:?}", answer.body);
    answer.headers["location"].to_str().unwrap().to_owned()
}

async fn browse(browser: &Visitor<'_>, url: &str) -> String {
    location(&browser.get(&path_of(url)).await)
}

#[tokio::test]
async fn a_signed_in_person_reaches_an_application_with_true_claims() {
    let app = spawn_app().await;
    let registered = register(&app, false).await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let http = http();
    let issuer = issuer_of(&app);

    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(issuer.clone()).unwrap(), &http)
            .await
            .expect("discovery as a relying party reads it");
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(registered.client_id.clone()),
        registered.secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (authorize_url, csrf, nonce) = client
        .authorize_url(
            AuthenticationFlow::<openidconnect::core::CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("ccass".into()))
        .set_pkce_challenge(challenge)
        .url();

    // Single sign-on: the session the browser holds gets a code at once.
    let back = browse(&browser, authorize_url.as_str()).await;
    assert!(back.starts_with(REDIRECT), "{back}");
    let query = query_of(&back);
    assert_eq!(param(&query, "state"), Some(csrf.secret().as_str()));
    assert_eq!(param(&query, "iss"), Some(issuer.as_str()), "RFC 9207");
    let code = param(&query, "code").expect("a code").to_owned();

    let tokens = client
        .exchange_code(AuthorizationCode::new(code.clone()))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("the code is exchanged");
    let id_token = tokens.id_token().expect("an ID token");
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &nonce)
        .expect("the ID token verifies");
    assert_eq!(
        claims.preferred_username().unwrap().as_str(),
        person.id,
        "the user ID"
    );
    assert_ne!(claims.subject().as_str(), person.id, "sub is opaque");
    let at_hash = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&verifier).unwrap(),
    )
    .unwrap();
    assert_eq!(claims.access_token_hash(), Some(&at_hash));
    assert_eq!(
        claims.auth_context_ref().unwrap().as_str(),
        "urn:ccass:acr:app-otp"
    );
    let amr: Vec<&str> = claims
        .auth_method_refs()
        .unwrap()
        .iter()
        .map(|m| m.as_str())
        .collect();
    assert_eq!(amr, ["pwd", "otp", "mfa"]);
    assert!(claims.auth_time().is_some());
    assert!(tokens.refresh_token().is_some(), "a confidential client");

    let userinfo: CoreUserInfoClaims = client
        .user_info(tokens.access_token().to_owned(), None)
        .unwrap()
        .request_async(&http)
        .await
        .expect("UserInfo answers");
    assert_eq!(userinfo.subject(), claims.subject());
    assert_eq!(userinfo.preferred_username().unwrap().as_str(), person.id);

    // The code works once; a second use is refused and revokes what the first got.
    let again = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .request_async(&http)
        .await;
    assert!(again.is_err(), "a code is used once");
    let after: Result<CoreUserInfoClaims, _> = client
        .user_info(tokens.access_token().to_owned(), None)
        .unwrap()
        .request_async(&http)
        .await;
    assert!(after.is_err(), "its tokens are revoked");

    // Counted in /metrics, with no code or token in a label.
    let scraped = app.client.get(app.url("/metrics")).send().await.unwrap();
    let metrics = scraped.text().await.unwrap();
    for counter in [
        "ccass_oidc_codes_issued_total",
        "ccass_oidc_tokens_issued_total",
        "ccass_oidc_code_replays_total",
    ] {
        assert!(metrics.contains(counter), "{counter} in\n{metrics}");
    }
    assert!(!metrics.contains(tokens.access_token().secret()));
}

#[tokio::test]
async fn without_a_session_the_log_in_comes_first_and_the_browser_comes_back() {
    let app = spawn_app().await;
    let registered = register(&app, true).await;
    let person = app.user().await;
    let browser = app.visitor();
    let (challenge, _verifier) = PkceCodeChallenge::new_random_sha256();
    let path = format!(
        "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid&state=s1&code_challenge={}&code_challenge_method=S256",
        registered.client_id,
        urlencoding(REDIRECT),
        challenge.as_str()
    );

    let to_login = location(&browser.get(&path).await);

    assert!(to_login.starts_with("/?authorization="), "{to_login}");
    let id = to_login.trim_start_matches("/?authorization=");
    browser.login(&person.id, person.password()).await.ok();
    browser.register_device().await.1.ok();
    let back = location(
        &browser
            .get(&format!("/oidc/authorize/resume?authorization={id}"))
            .await,
    );
    let query = query_of(&back);
    assert!(param(&query, "code").is_some(), "{back}");
    assert_eq!(param(&query, "state"), Some("s1"));
    // Answered once: the waiting request is gone.
    let twice = browser
        .get(&format!("/oidc/authorize/resume?authorization={id}"))
        .await;
    assert_eq!(twice.status, 400);
}

#[tokio::test]
async fn prompt_none_without_a_session_answers_login_required_to_the_application() {
    let app = spawn_app().await;
    let registered = register(&app, false).await;

    let answer = app
        .visitor()
        .get(&format!(
            "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid&state=x&prompt=none",
            registered.client_id,
            urlencoding(REDIRECT)
        ))
        .await;

    let query = query_of(&location(&answer));
    assert_eq!(param(&query, "error"), Some("login_required"));
    assert_eq!(param(&query, "state"), Some("x"));
    assert_eq!(param(&query, "iss"), Some(issuer_of(&app).as_str()));
}

#[tokio::test]
async fn an_unknown_client_or_redirect_uri_gets_a_page_and_never_a_redirect() {
    let app = spawn_app().await;
    let registered = register(&app, false).await;

    for (client_id, redirect) in [
        ("nobody", REDIRECT),
        (
            registered.client_id.as_str(),
            "http://localhost:9/callback/x",
        ),
        (
            registered.client_id.as_str(),
            "http://localhost:9/callback?x=1",
        ),
        (
            registered.client_id.as_str(),
            "http://localhost:10/callback",
        ),
        (
            registered.client_id.as_str(),
            "https://localhost:9/callback",
        ),
    ] {
        let answer = app
            .visitor()
            .speaking("zh-HK")
            .get(&format!(
                "/oidc/authorize?response_type=code&client_id={client_id}&redirect_uri={}&scope=openid",
                urlencoding(redirect)
            ))
            .await;

        assert_eq!(answer.status, 400, "{client_id} {redirect}");
        assert!(answer.headers.get("location").is_none());
        let page = answer.body.as_str().unwrap_or_default();
        assert!(
            page.contains("lang=\"zh-HK\"") || page.contains("lang=\"zh-Hant"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn bad_requests_go_back_to_the_application_with_the_error_named() {
    let app = spawn_app().await;
    let confidential = register(&app, false).await;
    let public = register(&app, true).await;
    let base = |client: &Registered| {
        format!(
            "/oidc/authorize?client_id={}&redirect_uri={}&state=st",
            client.client_id,
            urlencoding(REDIRECT)
        )
    };
    let challenge = PkceCodeChallenge::new_random_sha256().0;

    for (client, extra, expected) in [
        (
            &confidential,
            "&response_type=token&scope=openid",
            "unsupported_response_type",
        ),
        (
            &confidential,
            "&response_type=code&scope=profile",
            "invalid_scope",
        ),
        (
            &confidential,
            "&response_type=code&scope=openid&request=eyJ9",
            "request_not_supported",
        ),
        (
            &confidential,
            "&response_type=code&scope=openid&request_uri=https://x",
            "request_uri_not_supported",
        ),
        (
            &public,
            "&response_type=code&scope=openid",
            "invalid_request",
        ),
        (
            &confidential,
            &format!(
                "&response_type=code&scope=openid&code_challenge={}&code_challenge_method=plain",
                challenge.as_str()
            ),
            "invalid_request",
        ),
        (
            &confidential,
            &format!(
                "&response_type=code&scope=openid&code_challenge={}",
                challenge.as_str()
            ),
            "invalid_request",
        ),
        (
            &confidential,
            "&response_type=code&scope=openid&prompt=none%20login",
            "invalid_request",
        ),
    ] {
        let answer = app.visitor().get(&format!("{}{extra}", base(client))).await;

        let query = query_of(&location(&answer));
        assert_eq!(param(&query, "error"), Some(expected), "{extra}");
        assert_eq!(param(&query, "state"), Some("st"), "{extra}");
        assert!(param(&query, "iss").is_some(), "{extra}");
        assert!(param(&query, "error_description").is_some());
    }
}

#[tokio::test]
async fn the_token_endpoint_refuses_wrong_clients_secrets_verifiers_and_stale_codes() {
    let app = spawn_app().await;
    let registered = register(&app, false).await;
    let other = register(&app, false).await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let code_for = || async {
        let back = location(
            &browser
                .get(&format!(
                    "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid&code_challenge={}&code_challenge_method=S256",
                    registered.client_id,
                    urlencoding(REDIRECT),
                    challenge.as_str()
                ))
                .await,
        );
        param(&query_of(&back), "code").unwrap().to_owned()
    };
    let secret = registered.secret.clone().unwrap();
    let post = |body: String, basic: Option<(String, String)>| {
        let app = &app;
        async move {
            let mut request = app
                .client
                .post(app.url("/oidc/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body);
            if let Some((id, secret)) = basic {
                request = request.basic_auth(id, Some(secret));
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body: Value = response.json().await.unwrap();
            (status, headers, body)
        }
    };
    let exchange = |code: &str, verifier: &str| {
        format!(
            "grant_type=authorization_code&code={code}&redirect_uri={}&code_verifier={verifier}",
            urlencoding(REDIRECT)
        )
    };

    let code = code_for().await;
    let (status, headers, body) = post(
        exchange(&code, verifier.secret()),
        Some((registered.client_id.clone(), "wrong".into())),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    assert!(headers.contains_key("www-authenticate"));

    let code = code_for().await;
    let stolen = (other.client_id.clone(), other.secret.clone().unwrap());
    let (status, _, body) = post(exchange(&code, verifier.secret()), Some(stolen)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "another client's code"
    );

    let code = code_for().await;
    let wrong_verifier = PkceCodeChallenge::new_random_sha256().1;
    let basic = Some((registered.client_id.clone(), secret.clone()));
    let (status, _, body) = post(exchange(&code, wrong_verifier.secret()), basic.clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "wrong verifier"
    );

    let code = code_for().await;
    app.advance(61).await;
    let (status, _, body) = post(exchange(&code, verifier.secret()), basic.clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "expired code"
    );

    // client_secret_post works as Basic does; the answer is never cached.
    let code = code_for().await;
    let body_auth = format!(
        "{}&client_id={}&client_secret={secret}",
        exchange(&code, verifier.secret()),
        registered.client_id
    );
    let (status, headers, body) = post(body_auth, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(body["token_type"], "Bearer");
}

/// Percent-encodes a query value.
pub fn urlencoding(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[tokio::test]
async fn codes_and_tokens_leave_the_database_once_expired_past_the_retention_period() {
    let app = spawn_app().await;
    let registered = register(&app, false).await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let back = location(
        &browser
            .get(&format!(
                "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid",
                registered.client_id,
                urlencoding(REDIRECT)
            ))
            .await,
    );
    assert!(param(&query_of(&back), "code").is_some());

    app.advance(2 * 24 * 3600).await;
    let purged = app
        .post(
            ccass_access::api::paths::TEST_RETENTION,
            &serde_json::json!({}),
        )
        .await;

    assert_eq!(purged.status, 200);
    assert!(
        purged.body["provider_grants"].as_u64().unwrap() >= 1,
        "{:?}",
        purged.body
    );
    let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM oidc_codes")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn an_application_in_a_browser_may_call_the_token_endpoint_from_its_own_origin_only() {
    let app = spawn_app().await;
    register(&app, true).await;
    let preflight = |path: &'static str, origin: &'static str| {
        let app = &app;
        async move {
            app.client
                .request(reqwest::Method::OPTIONS, app.url(path))
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header(
                    "access-control-request-headers",
                    "authorization, content-type",
                )
                .send()
                .await
                .unwrap()
        }
    };

    // The origin of a registered redirect URI (http://localhost:9/callback).
    let allowed = preflight("/oidc/token", "http://localhost:9").await;
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "http://localhost:9"
    );
    assert!(!allowed
        .headers()
        .contains_key("access-control-allow-credentials"));
    let userinfo = preflight("/oidc/userinfo", "http://localhost:9").await;
    assert_eq!(
        userinfo.headers()["access-control-allow-origin"],
        "http://localhost:9"
    );
    // Any other page is not let read the answers.
    for origin in ["https://evil.example", "http://localhost:10", "null"] {
        let refused = preflight("/oidc/token", origin).await;
        assert!(
            !refused
                .headers()
                .contains_key("access-control-allow-origin"),
            "{origin}"
        );
    }
    // Discovery and the keys are public.
    let discovery = app
        .client
        .get(app.url("/.well-known/openid-configuration"))
        .header("origin", "https://any.example")
        .send()
        .await
        .unwrap();
    assert_eq!(discovery.headers()["access-control-allow-origin"], "*");
}
