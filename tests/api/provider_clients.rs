//! Issue 28, item 2: clients registered from the command line, as a deployment script does.

use std::process::{Command, Output};

use crate::helpers::{spawn_app, TestApp};

/// `ccass-access-server --database-url … <args>` on the app's database.
fn command_line(app: &TestApp, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ccass-access-server"))
        .args(["--database-url", &app.database_url])
        .args(args)
        .env("USER", "deployer")
        .output()
        .expect("the server binary runs")
}

/// The value of the printed line `name: value`.
fn printed<'a>(output: &'a str, name: &str) -> Option<&'a str> {
    output
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
}

#[tokio::test]
async fn client_add_prints_the_id_and_a_secret_shown_once_and_stored_only_as_a_hash() {
    let app = spawn_app().await;

    let output = command_line(
        &app,
        &[
            "client",
            "add",
            "--name",
            "CCASS Terminal",
            "--redirect-uri",
            "https://terminal.example.com/callback",
            "--redirect-uri",
            "http://localhost:8081/cb",
            "--post-logout-redirect-uri",
            "https://terminal.example.com/bye",
            "--backchannel-logout-uri",
            "https://terminal.example.com/backchannel",
        ],
    );

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let client_id = printed(&stdout, "client_id").expect("a client_id line");
    let secret = printed(&stdout, "client_secret").expect("a client_secret line");
    assert_eq!(secret.len(), 43, "256 bits, base64url");
    assert!(secret
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));

    // The running server reads it at once, as it was written.
    let client = app.store.client(client_id).await.unwrap().expect("stored");
    let uris: Vec<&str> = client
        .settings
        .redirect_uris
        .iter()
        .map(|u| u.as_str())
        .collect();
    assert_eq!(
        uris,
        [
            "http://localhost:8081/cb",
            "https://terminal.example.com/callback"
        ]
    );
    assert_eq!(
        client.settings.scopes,
        ["openid", "profile", "email", "ccass"]
    );
    assert!(client.enabled);

    // Only the hash is kept; the audit names who ran it and where, never the secret.
    let everything: Vec<(String,)> = sqlx::query_as(
        "SELECT secret_hash FROM oidc_client_secrets UNION ALL SELECT detail FROM audit_events",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    assert!(everything.iter().all(|(text,)| !text.contains(secret)));
    let (actor, detail): (String, String) = sqlx::query_as(
        "SELECT actor, detail FROM audit_events WHERE action = 'CLIENT_REGISTERED' AND subject = $1",
    )
    .bind(client_id)
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    assert_eq!(actor, "COMMAND_LINE");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["by"]["system_user"], "deployer");
    assert!(!detail["by"]["host"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn a_public_client_gets_no_secret() {
    let app = spawn_app().await;

    let output = command_line(
        &app,
        &[
            "client",
            "add",
            "--name",
            "Mobile",
            "--public",
            "--redirect-uri",
            "http://127.0.0.1:7000/cb",
        ],
    );

    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(printed(&stdout, "client_id").is_some());
    assert!(printed(&stdout, "client_secret").is_none(), "{stdout}");
}

#[tokio::test]
async fn a_bad_registration_names_the_flag_and_stores_nothing() {
    let app = spawn_app().await;

    for (flag, value, expected) in [
        ("--redirect-uri", "http://terminal.example.com/cb", "https"),
        (
            "--redirect-uri",
            "https://terminal.example.com/cb#x",
            "fragment",
        ),
        ("--scope", "offline_access", "not a scope"),
        ("--min-acr", "gold", "not a level"),
        ("--id-token-alg", "HS256", "RS256 or ES256"),
        ("--backchannel-logout-uri", "ftp://x.example/", "https"),
    ] {
        let mut args = vec!["client", "add", "--name", "X", flag, value];
        if flag != "--redirect-uri" {
            args.extend(["--redirect-uri", "https://x.example/cb"]);
        }
        let output = command_line(&app, &args);

        assert!(!output.status.success(), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(flag) && stderr.contains(expected),
            "{flag} {value}: {stderr}"
        );
    }
    // Only the demo's own application is registered.
    let clients = app.store.clients().await.unwrap();
    assert!(clients
        .iter()
        .all(|c| c.client_id == ccass_access::server::demo_app::CLIENT_ID));
}

#[tokio::test]
async fn once_a_client_exists_a_server_off_loopback_needs_an_issuer() {
    let app = spawn_app().await;
    let added = command_line(
        &app,
        &[
            "client",
            "add",
            "--name",
            "X",
            "--redirect-uri",
            "https://x.example/cb",
        ],
    );
    assert!(added.status.success());
    let mut config = ccass_access::server::config::Config::for_tests(&app.database_url);
    config.listen = "0.0.0.0:0".parse().unwrap();
    config.behind_tls_proxy = true;
    config.trusted_proxy = vec!["127.0.0.1/32".parse().unwrap()];

    let refused = ccass_access::server::startup::Application::build(config.clone())
        .await
        .err()
        .expect("no start without an issuer");

    assert!(refused.to_string().contains("--issuer"), "{refused}");
    config.issuer = Some("https://ccass.example.com".into());
    assert!(ccass_access::server::startup::Application::build(config)
        .await
        .is_ok());
}

#[tokio::test]
async fn the_launcher_lists_the_enabled_applications_that_have_a_start_address() {
    let app = spawn_app().await;
    let with_start = command_line(
        &app,
        &[
            "client",
            "add",
            "--name",
            "Settlement",
            "--redirect-uri",
            "https://s.example/cb",
            "--start-url",
            "https://s.example/",
        ],
    );
    let without = command_line(
        &app,
        &[
            "client",
            "add",
            "--name",
            "Hidden",
            "--redirect-uri",
            "https://h.example/cb",
        ],
    );
    assert!(with_start.status.success() && without.status.success());
    let person = app.user().await;
    let browser = app.signed_in(&person).await;

    let answer = browser.get(ccass_access::api::paths::APPLICATIONS).await;

    assert_eq!(answer.status, 200);
    // Beside the demo's own application, the one with a start address; never the other.
    let listed = answer.body["applications"].as_array().unwrap();
    assert!(listed
        .contains(&serde_json::json!({ "name": "Settlement", "start_url": "https://s.example/" })));
    assert!(listed.iter().all(|a| a["name"] != "Hidden"));
    assert_eq!(listed.len(), 2, "{listed:?}");
    let signed_out = app
        .visitor()
        .get(ccass_access::api::paths::APPLICATIONS)
        .await;
    assert_eq!(signed_out.status, 401);
}
