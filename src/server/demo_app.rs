//! The demo's application (`--demo`): a stand-in for CCASS Terminal that runs inside the server
//! at `/demo-app/` as an ordinary relying party. It knows the person only through the protocol
//! (discovery, the code flow with PKCE, the ID token and UserInfo, RP-initiated and back-channel
//! logout), never through CCASS Access's session cookie, so `scripts/demo` shows the whole road
//! an application takes. Its few protocol steps are written here over `reqwest` and `ring`: the
//! `openidconnect` crate (which the tests use as a relying party) would bring the `rsa` crate
//! into the server, which issue 28 keeps out (RUSTSEC-2023-0071).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jiff::Timestamp;
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::domain::relying_party::{ClientForm, ClientSettings};
use crate::i18n::{Catalogue, Language};
use crate::server::http::error::request_language;
use crate::server::http::page::{escape, page};
use crate::server::oidc::client::ClientSecret as NewSecret;
use crate::server::oidc::registration;
use crate::server::store::Store;

/// The demo application's client ID: one, found again at every start.
pub const CLIENT_ID: &str = "ccass-demo-app";
const COOKIE: &str = "ccass_demo_app";
/// A log-in started and not finished within this is forgotten.
const PENDING_FOR: Duration = Duration::from_secs(600);
/// At most this many log-ins in flight or sessions held: a demo, not a store.
const MAX_ENTRIES: usize = 10_000;
const BACK_CHANNEL_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Where the demo application lives below the issuer.
fn address(issuer: &str, path: &str) -> String {
    format!("{issuer}/demo-app/{path}")
}

/// Registers the demo application with the provider (or brings its registration up to this
/// start's issuer) and gives it a new secret; the old one stops at once.
pub async fn register(store: &Store, now: Timestamp, issuer: &str) -> anyhow::Result<DemoApp> {
    let redirects = [address(issuer, "callback")];
    let home = [address(issuer, "")];
    let backchannel = address(issuer, "backchannel");
    let settings = ClientSettings::parse(&ClientForm {
        name: "CCASS Terminal (demo application)",
        redirect_uris: &redirects,
        post_logout_redirect_uris: &home,
        backchannel_logout_uri: Some(&backchannel),
        start_url: Some(&home[0]),
        ..ClientForm::default()
    })?;
    let secret = NewSecret::generate();
    let mut change = store.change(now).await?;
    match change.client(CLIENT_ID).await? {
        None => {
            let origin = json!({ "demo": true });
            registration::register(
                &mut change,
                CLIENT_ID,
                &settings,
                Some(&secret),
                "DEMO",
                origin,
            )
            .await?;
        }
        Some(client) => {
            let mut version = client.version;
            if client.settings != settings {
                change.change_client(CLIENT_ID, version, &settings).await?;
                version += 1;
            }
            change
                .rotate_client_secret(CLIENT_ID, version, &secret.hash(), now)
                .await?;
        }
    }
    let _ = change.commit().await?;
    Ok(DemoApp {
        issuer: issuer.to_owned(),
        secret: secret.reveal().to_owned(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?,
        provider: OnceCell::new(),
        pending: Mutex::default(),
        sessions: Mutex::default(),
    })
}

/// The application's own state: what it learned from the provider, log-ins in flight, and the
/// sessions it keeps (in memory: a demo runs one instance).
pub struct DemoApp {
    issuer: String,
    secret: String,
    http: reqwest::Client,
    provider: OnceCell<Discovered>,
    pending: Mutex<HashMap<String, Pending>>,
    sessions: Mutex<HashMap<String, Signed>>,
}

/// What discovery told the application: where each endpoint is.
struct Discovered {
    authorization: String,
    token: String,
    userinfo: String,
    jwks: String,
    end_session: String,
}

struct Pending {
    nonce: String,
    verifier: String,
    started: Instant,
}

struct Signed {
    /// The provider's session, as its back-channel logout names it.
    sid: String,
    id_token: String,
    claims: Vec<(String, String)>,
}

pub fn router(app: Arc<DemoApp>) -> Router {
    Router::new()
        .route("/demo-app", get(|| async { Redirect::to("/demo-app/") }))
        .route("/demo-app/", get(home))
        .route("/demo-app/login", get(log_in))
        .route("/demo-app/callback", get(callback))
        .route("/demo-app/logout", get(log_out))
        .route("/demo-app/backchannel", post(back_channel))
        .with_state(app)
}

impl DemoApp {
    async fn discovered(&self) -> anyhow::Result<&Discovered> {
        self.provider
            .get_or_try_init(|| async {
                let url = format!("{}/.well-known/openid-configuration", self.issuer);
                let document = self.read(self.http.get(&url)).await?;
                anyhow::ensure!(
                    document["issuer"] == self.issuer.as_str(),
                    "discovery names another issuer"
                );
                let endpoint = |name: &str| -> anyhow::Result<String> {
                    document[name]
                        .as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| anyhow::anyhow!("discovery names no {name}"))
                };
                Ok(Discovered {
                    authorization: endpoint("authorization_endpoint")?,
                    token: endpoint("token_endpoint")?,
                    userinfo: endpoint("userinfo_endpoint")?,
                    jwks: endpoint("jwks_uri")?,
                    end_session: endpoint("end_session_endpoint")?,
                })
            })
            .await
    }

    /// A JSON answer of the provider, or why there is none.
    async fn read(&self, request: reqwest::RequestBuilder) -> anyhow::Result<Value> {
        let response = request.send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        let value: Value = serde_json::from_slice(&body)?;
        anyhow::ensure!(
            status.is_success(),
            "the provider answered {status}: {}",
            value["error"]
        );
        Ok(value)
    }

    /// The claims of a JWS signed by a key the provider publishes (RS256 or ES256 only).
    async fn verified(&self, token: &str) -> anyhow::Result<Value> {
        let parts: Vec<&str> = token.split('.').collect();
        let [header, claims, signature] = parts[..] else {
            anyhow::bail!("not a compact JWS");
        };
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header)?)?;
        let alg = header["alg"].as_str().unwrap_or_default();
        anyhow::ensure!(
            alg == "RS256" || alg == "ES256",
            "algorithm {alg:?} refused"
        );
        let keys = self
            .read(self.http.get(&self.discovered().await?.jwks))
            .await?;
        let key = keys["keys"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|k| k["kid"] == header["kid"] && (k["alg"].is_null() || k["alg"] == alg))
            .ok_or_else(|| anyhow::anyhow!("no key of the provider has this kid"))?;
        let bytes = |name: &str| -> anyhow::Result<Vec<u8>> {
            Ok(URL_SAFE_NO_PAD.decode(key[name].as_str().unwrap_or_default())?)
        };
        let message = &token.as_bytes()[..token.rfind('.').unwrap_or(0)];
        let signature = URL_SAFE_NO_PAD.decode(signature)?;
        let checked = match (alg, key["kty"].as_str()) {
            ("RS256", Some("RSA")) => RsaPublicKeyComponents {
                n: bytes("n")?,
                e: bytes("e")?,
            }
            .verify(&signature::RSA_PKCS1_2048_8192_SHA256, message, &signature),
            ("ES256", Some("EC")) => {
                let point = [vec![4], bytes("x")?, bytes("y")?].concat();
                UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point)
                    .verify(message, &signature)
            }
            _ => anyhow::bail!("the key does not fit the algorithm"),
        };
        checked.map_err(|_| anyhow::anyhow!("the signature does not verify"))?;
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims)?)?;
        anyhow::ensure!(claims["iss"] == self.issuer.as_str(), "another issuer");
        let audience_ok = match &claims["aud"] {
            Value::String(aud) => aud == CLIENT_ID,
            Value::Array(auds) => auds.iter().any(|a| a == CLIENT_ID),
            _ => false,
        };
        anyhow::ensure!(audience_ok, "not for this application");
        Ok(claims)
    }

    fn session_of(&self, headers: &HeaderMap) -> Option<String> {
        let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
        cookies
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE)
            .map(|(_, value)| value.to_owned())
    }
}

fn texts(headers: &HeaderMap) -> (Language, &'static Catalogue) {
    let language = request_language(headers);
    (language, language.catalogue())
}

fn redirect(to: &str, cookie: Option<String>) -> Response {
    let mut response = Redirect::to(to).into_response();
    let headers = response.headers_mut();
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

fn random() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

async fn home(State(app): State<Arc<DemoApp>>, headers: HeaderMap) -> Response {
    let (language, t) = texts(&headers);
    let p = &t.provider;
    let signed = app.session_of(&headers).and_then(|id| {
        let sessions = app.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.get(&id).map(|s| s.claims.clone())
    });
    let body = match signed {
        Some(claims) => {
            let rows: String = claims
                .iter()
                .map(|(name, value)| {
                    format!(
                        "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                        escape(name),
                        escape(value)
                    )
                })
                .collect();
            format!(
                "<p>{intro}</p><table><caption>{caption}</caption><thead><tr><th scope=\"col\">{claim}</th>\
                 <th scope=\"col\">{value}</th></tr></thead><tbody>{rows}</tbody></table>\
                 <p><a href=\"/demo-app/logout\">{log_out}</a></p>",
                intro = escape(p.demo_app_intro),
                caption = escape(p.demo_app_claims),
                claim = escape(p.demo_app_claim),
                value = escape(p.demo_app_value),
                log_out = escape(p.demo_app_log_out),
            )
        }
        None => format!(
            "<p>{intro}</p><p>{signed_out}</p><p><a href=\"/demo-app/login\">{log_in}</a></p>",
            intro = escape(p.demo_app_intro),
            signed_out = escape(p.demo_app_signed_out),
            log_in = escape(p.demo_app_log_in),
        ),
    };
    page(language, StatusCode::OK, p.demo_app_name, &body)
}

fn failed(headers: &HeaderMap, reason: &str) -> Response {
    let (language, t) = texts(headers);
    let p = &t.provider;
    let body = format!(
        "<p role=\"alert\">{}</p><p><a href=\"/demo-app/login\">{}</a></p>",
        escape(&crate::i18n::fill(p.demo_app_failed, &[("reason", reason)])),
        escape(p.demo_app_log_in)
    );
    page(language, StatusCode::BAD_GATEWAY, p.demo_app_name, &body)
}

async fn log_in(State(app): State<Arc<DemoApp>>, headers: HeaderMap) -> Response {
    let authorization = match app.discovered().await {
        Ok(d) => d.authorization.clone(),
        Err(e) => return failed(&headers, &e.to_string()),
    };
    let (state, nonce, verifier) = (random(), random(), random());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let mut url = match url::Url::parse(&authorization) {
        Ok(url) => url,
        Err(e) => return failed(&headers, &e.to_string()),
    };
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", CLIENT_ID)
        .append_pair("redirect_uri", &address(&app.issuer, "callback"))
        .append_pair("scope", "openid profile email ccass")
        .append_pair("state", &state)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let mut pending = app.pending.lock().unwrap_or_else(|e| e.into_inner());
    pending.retain(|_, p| p.started.elapsed() < PENDING_FOR);
    if pending.len() >= MAX_ENTRIES {
        return failed(&headers, "too many log-ins at once");
    }
    pending.insert(
        state,
        Pending {
            nonce,
            verifier,
            started: Instant::now(),
        },
    );
    redirect(url.as_str(), None)
}

#[derive(Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(app): State<Arc<DemoApp>>,
    headers: HeaderMap,
    Query(back): Query<Callback>,
) -> Response {
    // RFC 9207: the answer must come from our provider, before anything else is read.
    if back.iss.as_deref() != Some(app.issuer.as_str()) {
        return failed(
            &headers,
            "the answer does not name this application's provider",
        );
    }
    let pending = back.state.as_ref().and_then(|state| {
        let mut pending = app.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.remove(state)
    });
    let Some(pending) = pending else {
        return failed(
            &headers,
            "no log-in of this browser is waiting for this answer",
        );
    };
    if let Some(error) = back.error {
        return failed(&headers, &error);
    }
    let Some(code) = back.code else {
        return failed(&headers, "the answer carries no code");
    };
    match signed_in(&app, code, pending).await {
        Ok(signed) => {
            let id = random();
            let mut sessions = app.sessions.lock().unwrap_or_else(|e| e.into_inner());
            if sessions.len() >= MAX_ENTRIES {
                sessions.clear();
            }
            sessions.insert(id.clone(), signed);
            let cookie = format!("{COOKIE}={id}; Path=/demo-app; HttpOnly; SameSite=Lax");
            redirect("/demo-app/", Some(cookie))
        }
        Err(e) => failed(&headers, &e.to_string()),
    }
}

/// RFC 6749 §2.3.1: the client's credentials, form-urlencoded before Basic encoding.
fn form_encoded(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Exchanges the code, checks the ID token, and reads UserInfo: what the application knows.
async fn signed_in(app: &DemoApp, code: String, pending: Pending) -> anyhow::Result<Signed> {
    let discovered = app.discovered().await?;
    let redirect_uri = address(&app.issuer, "callback");
    let tokens = app
        .read(
            app.http
                .post(&discovered.token)
                .basic_auth(form_encoded(CLIENT_ID), Some(form_encoded(&app.secret)))
                .form(&[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", &redirect_uri),
                    ("code_verifier", &pending.verifier),
                ]),
        )
        .await?;
    let id_token = tokens["id_token"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no ID token"))?;
    let access_token = tokens["access_token"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no access token"))?;
    let claims = app.verified(id_token).await?;
    anyhow::ensure!(
        claims["nonce"] == pending.nonce.as_str(),
        "another log-in's ID token"
    );
    let expires = claims["exp"].as_i64().unwrap_or_default();
    anyhow::ensure!(
        expires > Timestamp::now().as_second(),
        "the ID token has expired"
    );
    anyhow::ensure!(
        claims["azp"].is_null() || claims["azp"] == CLIENT_ID,
        "the ID token was issued to another application"
    );
    let text = |value: &Value| {
        value
            .as_str()
            .map(str::to_owned)
            .unwrap_or(value.to_string())
    };
    let mut shown: Vec<(String, String)> = ["sub", "acr", "amr", "auth_time"]
        .into_iter()
        .map(|name| (name.to_owned(), text(&claims[name])))
        .collect();
    let userinfo = app
        .read(app.http.get(&discovered.userinfo).bearer_auth(access_token))
        .await?;
    anyhow::ensure!(
        userinfo["sub"] == claims["sub"],
        "UserInfo names another person"
    );
    if let Value::Object(fields) = userinfo {
        shown.extend(
            fields
                .into_iter()
                .filter(|(name, _)| name != "sub")
                .map(|(name, value)| (name, text(&value))),
        );
    }
    Ok(Signed {
        sid: claims["sid"].as_str().unwrap_or_default().to_owned(),
        id_token: id_token.to_owned(),
        claims: shown,
    })
}

/// RP-initiated logout: the application forgets the person and asks the provider to end its
/// session, with the ID token as the hint that it is this application asking.
async fn log_out(State(app): State<Arc<DemoApp>>, headers: HeaderMap) -> Response {
    let signed = app.session_of(&headers).and_then(|id| {
        let mut sessions = app.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.remove(&id)
    });
    let clear = format!("{COOKIE}=; Path=/demo-app; HttpOnly; SameSite=Lax; Max-Age=0");
    let Some(signed) = signed else {
        return redirect("/demo-app/", Some(clear));
    };
    let end_session = match app.discovered().await {
        Ok(d) => d.end_session.clone(),
        Err(e) => return failed(&headers, &e.to_string()),
    };
    let mut url = match url::Url::parse(&end_session) {
        Ok(url) => url,
        Err(e) => return failed(&headers, &e.to_string()),
    };
    url.query_pairs_mut()
        .append_pair("id_token_hint", &signed.id_token)
        .append_pair("client_id", CLIENT_ID)
        .append_pair("post_logout_redirect_uri", &address(&app.issuer, ""));
    redirect(url.as_str(), Some(clear))
}

#[derive(Deserialize)]
struct LogoutToken {
    logout_token: String,
}

/// Back-Channel Logout 1.0: the provider says a session ended; its sessions here end too.
async fn back_channel(State(app): State<Arc<DemoApp>>, Form(form): Form<LogoutToken>) -> Response {
    match verified_sid(&app, &form.logout_token).await {
        Ok(sid) => {
            let mut sessions = app.sessions.lock().unwrap_or_else(|e| e.into_inner());
            sessions.retain(|_, s| s.sid != sid);
            let mut response = StatusCode::OK.into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(e) => {
            tracing::warn!(error = %e, "demo application: a logout token refused");
            StatusCode::BAD_REQUEST.into_response()
        }
    }
}

/// The `sid` of a logout token whose signature, issuer, audience and event check (§2.6).
async fn verified_sid(app: &DemoApp, token: &str) -> anyhow::Result<String> {
    let claims = app.verified(token).await?;
    anyhow::ensure!(
        claims["events"].get(BACK_CHANNEL_EVENT).is_some(),
        "no logout event"
    );
    anyhow::ensure!(
        claims.get("nonce").is_none(),
        "a logout token carries no nonce"
    );
    claims["sid"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no sid"))
}
