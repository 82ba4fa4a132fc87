//! Issue 28: CCASS Access as an OpenID Provider. The issuer, the discovery document, the
//! signing keys and their rotation, checked from outside as a relying party sees them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ccass_access::server::provider::keys::{self, KeyCommandError};
use ccass_access::server::security::jose::Alg;
use ccass_access::server::store::KeyState;
use jiff::{SignedDuration, Timestamp};
use ring::signature;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, spawn_together, TestApp};

fn port_of(app: &TestApp) -> &str {
    app.address.rsplit(':').next().unwrap()
}

async fn jwks(app: &TestApp) -> Vec<Value> {
    let answer = app.visitor().get("/oidc/jwks").await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    answer.body["keys"].as_array().unwrap().clone()
}

async fn server_now(app: &TestApp) -> Timestamp {
    Timestamp::from_second(app.now().await as i64).unwrap()
}

/// Checks `token` with the published key named by its header, as a relying party does.
pub fn verify_with(published: &[Value], token: &str) -> Value {
    let (input, signature) = token.rsplit_once('.').unwrap();
    let (header, claims) = input.split_once('.').unwrap();
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap();
    let jwk = published
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .expect("the token's kid is published");
    assert_eq!(jwk["alg"], header["alg"], "alg is bound to the kid");
    let bytes = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap();
    let signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
    match header["alg"].as_str().unwrap() {
        "RS256" => signature::RsaPublicKeyComponents {
            n: bytes("n"),
            e: bytes("e"),
        }
        .verify(
            &signature::RSA_PKCS1_2048_8192_SHA256,
            input.as_bytes(),
            &signature,
        )
        .expect("RS256 signature"),
        "ES256" => {
            let mut point = vec![4];
            point.extend(bytes("x"));
            point.extend(bytes("y"));
            signature::UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point)
                .verify(input.as_bytes(), &signature)
                .expect("ES256 signature")
        }
        other => panic!("unexpected alg {other}"),
    }
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap()
}

#[tokio::test]
async fn the_discovery_document_names_the_loopback_issuer_and_never_alg_none() {
    let app = spawn_app().await;

    let answer = app.visitor().get("/.well-known/openid-configuration").await;

    assert_eq!(answer.status, 200);
    let issuer = format!("http://localhost:{}", port_of(&app));
    let document = &answer.body;
    assert_eq!(document["issuer"], issuer.as_str());
    assert_eq!(document["jwks_uri"], format!("{issuer}/oidc/jwks"));
    assert_eq!(document["response_types_supported"], json!(["code"]));
    let algs = document["id_token_signing_alg_values_supported"]
        .as_array()
        .unwrap();
    assert_eq!(algs[0], "RS256", "RS256 first");
    assert!(algs.contains(&json!("ES256")));
    assert!(!algs.contains(&json!("none")));
    assert_eq!(answer.headers["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_jwks_publishes_one_key_per_algorithm_and_a_signature_checks_with_it() {
    let app = spawn_app().await;

    let published = jwks(&app).await;

    let algs: Vec<&str> = published
        .iter()
        .map(|k| k["alg"].as_str().unwrap())
        .collect();
    assert_eq!(algs.len(), 2, "{published:?}");
    assert!(algs.contains(&"RS256") && algs.contains(&"ES256"));
    for key in &published {
        assert_eq!(key["use"], "sig");
        for private in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(key.get(private).is_none(), "no private member {private}");
        }
    }
    let loaded = keys::KeySet::default()
        .current(&app.store, server_now(&app).await)
        .await
        .unwrap();
    for alg in Alg::ALL {
        let token = loaded
            .signer(alg)
            .unwrap()
            .sign("JWT", &json!({ "sub": "someone" }))
            .unwrap();
        assert_eq!(verify_with(&published, &token)["sub"], "someone");
    }
}

#[tokio::test]
async fn signing_keys_are_sealed_at_rest() {
    let app = spawn_app().await;

    let rows: Vec<(String,)> = sqlx::query_as("SELECT private_key FROM oidc_signing_keys")
        .fetch_all(app.store.pool())
        .await
        .unwrap();

    assert_eq!(rows.len(), 2);
    for (stored,) in rows {
        assert!(
            stored.starts_with("sealed1:"),
            "sealed, not {}",
            &stored[..12]
        );
    }
}

#[tokio::test]
async fn instances_starting_together_make_one_key_per_algorithm_between_them() {
    let apps = spawn_together(3).await;

    let keys = apps[0].store.signing_keys().await.unwrap();

    for alg in Alg::ALL {
        let active = keys
            .iter()
            .filter(|k| k.alg == alg && k.state == KeyState::Active)
            .count();
        assert_eq!(active, 1, "{alg:?}: {keys:?}");
    }
    let first = jwks(&apps[0]).await;
    for app in &apps[1..] {
        assert_eq!(
            jwks(app).await,
            first,
            "every instance publishes the same keys"
        );
    }
}

#[tokio::test]
async fn a_key_is_published_before_it_signs_and_leaves_after_the_tokens_it_signed() {
    let app = spawn_app().await;
    let old = app.store.signing_keys().await.unwrap();
    let old_rs = old
        .iter()
        .find(|k| k.alg == Alg::Rs256)
        .unwrap()
        .kid
        .clone();
    let now = server_now(&app).await;

    let staged = keys::stage(&app.store, Alg::Rs256, now).await.unwrap();

    // Published by every instance once it reads the keys again; signing nothing yet.
    app.advance(keys::KEYS_KEPT_FOR.as_secs() + 1).await;
    let published = jwks(&app).await;
    assert!(published.iter().any(|k| k["kid"] == staged.as_str()));
    let too_soon = keys::promote(&app.store, &staged, now + SignedDuration::from_secs(10))
        .await
        .unwrap_err();
    assert!(
        matches!(
            too_soon.downcast_ref::<KeyCommandError>(),
            Some(KeyCommandError::TooSoon { .. })
        ),
        "{too_soon}"
    );

    let promoted_at = now + keys::STAGED_AT_LEAST;
    let replaced = keys::promote(&app.store, &staged, promoted_at)
        .await
        .unwrap();
    assert_eq!(replaced.as_deref(), Some(old_rs.as_str()));

    // The old key still checks the tokens it signed until they expire.
    let not_yet = keys::retire(
        &app.store,
        &old_rs,
        promoted_at + SignedDuration::from_mins(1),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            not_yet.downcast_ref::<KeyCommandError>(),
            Some(KeyCommandError::StillInUse { .. })
        ),
        "{not_yet}"
    );
    let active = keys::retire(
        &app.store,
        &staged,
        promoted_at + keys::LONGEST_TOKEN_LIFETIME,
    )
    .await
    .unwrap_err();
    assert!(active.to_string().contains("ACTIVE"), "{active}");
    keys::retire(
        &app.store,
        &old_rs,
        promoted_at + keys::LONGEST_TOKEN_LIFETIME,
    )
    .await
    .unwrap();

    app.advance(keys::STAGED_AT_LEAST.as_secs() + keys::LONGEST_TOKEN_LIFETIME.as_secs())
        .await;
    let published = jwks(&app).await;
    let kids: Vec<&str> = published
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert!(kids.contains(&staged.as_str()), "{kids:?}");
    assert!(!kids.contains(&old_rs.as_str()), "{kids:?}");
    let (erased,): (String,) =
        sqlx::query_as("SELECT private_key FROM oidc_signing_keys WHERE kid = $1")
            .bind(&old_rs)
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    assert_eq!(erased, "", "a retired key's private part is erased");
    let loaded = keys::KeySet::default()
        .current(&app.store, server_now(&app).await)
        .await
        .unwrap();
    assert_eq!(loaded.signer(Alg::Rs256).unwrap().kid(), staged);
    let trail: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM audit_events WHERE action LIKE 'SIGNING_KEY_%' ORDER BY seq",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    let actions: Vec<&str> = trail.iter().map(|(a,)| a.as_str()).collect();
    assert_eq!(
        &actions[actions.len() - 3..],
        [
            "SIGNING_KEY_STAGED",
            "SIGNING_KEY_PROMOTED",
            "SIGNING_KEY_RETIRED"
        ]
    );
}

#[tokio::test]
async fn a_server_reached_by_other_names_provides_nothing_until_given_an_issuer() {
    let app = spawn_app_with(|config| {
        config.listen = "0.0.0.0:0".parse().unwrap();
        config.behind_tls_proxy = true;
        config.trusted_proxy = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;

    let answer = app.visitor().get("/.well-known/openid-configuration").await;

    assert_eq!(answer.status, 404);
    assert!(answer.body["error_description"]
        .as_str()
        .unwrap()
        .contains("--issuer"));
}

#[tokio::test]
async fn an_issuer_that_is_not_https_off_loopback_is_refused_at_start() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("test.db").display());
    let mut config = ccass_access::server::config::Config::for_tests(&url);
    config.issuer = Some("http://ccass.example.com".into());

    let refused = ccass_access::server::startup::Application::build(config)
        .await
        .err()
        .expect("no start");

    assert!(refused.to_string().contains("https"), "{refused}");
}
