//! Issue 28, item 2 (R6a): operators register, change, rotate the secret of and disable the
//! provider's clients in the console, each under four eyes; the secret is shown once, to the
//! approving operator, and kept only as a hash.

use ccass_access::api::{ClientFields, ClientRequestDraft, OperatorRequestView, RequestStatus};
use serde_json::Value;

use crate::client::Reply;
use crate::cut_over::operators;
use crate::helpers::{spawn_app, TestApp};
use crate::provider_flow::{location, param, query_of, register, urlencoding};

const CALLBACK: &str = "https://terminal.example.com/callback";

fn terminal() -> ClientFields {
    ClientFields {
        name: "CCASS Terminal".into(),
        redirect_uris: vec![CALLBACK.into()],
        start_url: "https://terminal.example.com/".into(),
        ..ClientFields::default()
    }
}

/// What the token endpoint says of these credentials: 401 for a wrong secret, 400 (the made-up
/// code) once the client is recognised.
async fn token_status(app: &TestApp, client_id: &str, secret: &str) -> u16 {
    app.client
        .post(app.url("/oidc/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .basic_auth(client_id, Some(secret))
        .body(format!(
            "grant_type=authorization_code&code=made-up&redirect_uri={}",
            urlencoding(CALLBACK)
        ))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn pending(reply: Reply<OperatorRequestView>) -> OperatorRequestView {
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    let view = reply.ok();
    assert_eq!(view.status, RequestStatus::Pending);
    view
}

async fn actions_on(app: &TestApp, client_id: &str) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT action FROM audit_events WHERE subject = $1 ORDER BY seq")
            .bind(client_id)
            .fetch_all(app.store.pool())
            .await
            .unwrap();
    rows.into_iter().map(|(action,)| action).collect()
}

#[tokio::test]
async fn a_second_operator_approves_a_registration_and_alone_sees_the_secret_once() {
    let app = spawn_app().await;
    let (maker, checker) = operators(&app).await;

    let made = pending(
        maker
            .client_request(&ClientRequestDraft::RegisterClient { fields: terminal() })
            .await,
    );
    assert_eq!(made.action, "REGISTER_CLIENT");
    let client_id = made.subject.clone();
    assert!(made
        .changes
        .iter()
        .any(|c| c.field == "redirect_uris" && c.after == CALLBACK));
    assert!(
        app.store.client(&client_id).await.unwrap().is_none(),
        "nothing registered before a second operator approves"
    );
    let waiting = checker.client_requests().await.ok();
    assert_eq!(waiting.len(), 1);
    assert!(!waiting[0].made_by_me);
    let own = maker.approve_client_request(&made.request_id).await;
    assert_eq!(
        own.status, 403,
        "the maker never approves their own request"
    );

    let approved = checker.approve_client_request(&made.request_id).await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
    let approved = approved.ok();
    assert_eq!(approved.status, RequestStatus::Authorised);
    let secret = approved
        .client_secret
        .expect("the secret, for the approver");
    assert_eq!(secret.client_id, client_id);
    assert_eq!(secret.client_secret.len(), 43);

    let client = app
        .store
        .client(&client_id)
        .await
        .unwrap()
        .expect("registered");
    assert!(client.enabled);
    assert_eq!(
        token_status(&app, &client_id, &secret.client_secret).await,
        400
    );
    assert_eq!(token_status(&app, &client_id, "guessed").await, 401);
    let listed = checker.clients().await.ok();
    let listed = listed.iter().find(|c| c.client_id == client_id).unwrap();
    assert_eq!(listed.fields.redirect_uris, [CALLBACK]);

    // Once: a second approval finds it decided, and the secret is nowhere but in that answer.
    let again = checker.approve_client_request(&made.request_id).await;
    assert_eq!(again.status, 409);
    let everywhere: Vec<(String,)> = sqlx::query_as(
        "SELECT detail FROM audit_events UNION ALL SELECT COALESCE(after_value, '') \
         FROM oidc_client_requests UNION ALL SELECT secret_hash FROM oidc_client_secrets",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    assert!(everywhere
        .iter()
        .all(|(text,)| !text.contains(&secret.client_secret)));
    let scraped = app.client.get(app.url("/metrics")).send().await.unwrap();
    let metrics = scraped.text().await.unwrap();
    assert!(
        metrics.contains("ccass_oidc_client_changes_total{action=\"CLIENT_REGISTERED\"}"),
        "{metrics}"
    );
    assert!(!metrics.contains(&secret.client_secret));
    let mut actions = actions_on(&app, &client_id).await;
    actions.sort();
    assert_eq!(
        actions,
        [
            "CLIENT_REGISTERED",
            "CLIENT_REQUEST_APPROVED",
            "CLIENT_REQUEST_MADE"
        ]
    );
}

#[tokio::test]
async fn a_rotated_secret_leaves_the_old_one_valid_for_the_grace_chosen() {
    let app = spawn_app().await;
    let (maker, checker) = operators(&app).await;
    let registered = register(&app, false).await;
    let old = registered.secret.clone().unwrap();
    let rotate = |grace_minutes| ClientRequestDraft::RotateClientSecret {
        client_id: registered.client_id.clone(),
        grace_minutes,
    };

    let too_long = maker.client_request(&rotate(30 * 24 * 60 + 1)).await;
    assert_eq!(too_long.status, 422);
    assert!(too_long.field("grace_minutes").contains("30 days"));

    let made = pending(maker.client_request(&rotate(10)).await);
    let new = checker
        .approve_client_request(&made.request_id)
        .await
        .ok()
        .client_secret
        .expect("a new secret")
        .client_secret;
    assert_ne!(new, old);
    let id = &registered.client_id;
    assert_eq!(token_status(&app, id, &new).await, 400);
    assert_eq!(token_status(&app, id, &old).await, 400, "within the grace");
    let listed = checker.clients().await.ok();
    let listed = listed.iter().find(|c| &c.client_id == id).unwrap();
    assert!(listed.previous_secret_until.is_some());

    app.advance(10 * 60 + 1).await;
    assert_eq!(token_status(&app, id, &old).await, 401, "after the grace");
    assert_eq!(token_status(&app, id, &new).await, 400);
    assert!(actions_on(&app, id)
        .await
        .contains(&"CLIENT_SECRET_ROTATED".to_owned()));

    let public = register(&app, true).await;
    let refused = maker
        .client_request(&ClientRequestDraft::RotateClientSecret {
            client_id: public.client_id,
            grace_minutes: 0,
        })
        .await;
    assert_eq!(refused.status, 409);
    assert!(refused.message().contains("public client"));
}

#[tokio::test]
async fn a_disabled_application_gets_no_code_and_its_tokens_stop_working() {
    let app = spawn_app().await;
    let (maker, checker) = operators(&app).await;
    let registered = register(&app, false).await;
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let redirect = "http://localhost:9/callback";
    let authorize = format!(
        "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid",
        registered.client_id,
        urlencoding(redirect)
    );
    let back = location(&browser.get(&authorize).await);
    let code = param(&query_of(&back), "code").unwrap().to_owned();
    let tokens: Value = app
        .client
        .post(app.url("/oidc/token"))
        .basic_auth(&registered.client_id, registered.secret.as_deref())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=authorization_code&code={code}&redirect_uri={}",
            urlencoding(redirect)
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = tokens["access_token"].as_str().expect("an access token");
    let userinfo = || async {
        app.client
            .get(app.url("/oidc/userinfo"))
            .bearer_auth(access)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(userinfo().await, 200);

    let disable = ClientRequestDraft::DisableClient {
        client_id: registered.client_id.clone(),
    };
    let made = pending(maker.client_request(&disable).await);
    assert_eq!(userinfo().await, 200, "nothing changes before the approval");
    let approved = checker.approve_client_request(&made.request_id).await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);

    assert_eq!(userinfo().await, 401, "its tokens are revoked with it");
    let page = browser.get(&authorize).await;
    assert_eq!(page.status, 400, "an error page, never a redirect");
    let secret = registered.secret.as_deref().unwrap();
    assert_eq!(token_status(&app, &registered.client_id, secret).await, 401);
    let again = maker.client_request(&disable).await;
    assert_eq!(again.status, 422, "already disabled: nothing to change");
    let listed = checker.clients().await.ok();
    let id = &registered.client_id;
    assert!(!listed.iter().find(|c| &c.client_id == id).unwrap().enabled);
}

#[tokio::test]
async fn changes_are_checked_field_by_field_and_one_at_a_time_per_client() {
    let app = spawn_app().await;
    let (maker, checker) = operators(&app).await;
    let registered = register(&app, false).await;
    let id = registered.client_id.clone();
    let change = |fields: ClientFields| ClientRequestDraft::ChangeClient {
        client_id: id.clone(),
        fields,
    };

    let bad = maker
        .client_request(&change(ClientFields {
            name: " ".into(),
            redirect_uris: vec!["http://terminal.example.com/cb".into()],
            post_logout_redirect_uris: vec!["https://terminal.example.com/bye#top".into()],
            backchannel_logout_uri: "not an address".into(),
            ..ClientFields::default()
        }))
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.field("redirect_uris").contains("https://"));
    assert!(bad.field("post_logout_redirect_uris").contains('#'));
    assert!(bad
        .field("backchannel_logout_uri")
        .contains("whole address"));
    assert!(!bad.field("name").is_empty());
    let unknown = maker
        .client_request(&ClientRequestDraft::DisableClient {
            client_id: "no-such-client".into(),
        })
        .await;
    assert_eq!(unknown.status, 404);

    let made = pending(maker.client_request(&change(terminal())).await);
    let second = maker
        .client_request(&ClientRequestDraft::DisableClient {
            client_id: id.clone(),
        })
        .await;
    assert_eq!(second.status, 409, "one pending request per client");
    let withdrawn = maker.withdraw_client_request(&made.request_id).await.ok();
    assert_eq!(withdrawn.status, RequestStatus::Withdrawn);

    // A change made against a client that moved on since does not apply.
    let made = pending(maker.client_request(&change(terminal())).await);
    app.sql("UPDATE oidc_clients SET version = version + 1")
        .await;
    let stale = checker.approve_client_request(&made.request_id).await;
    assert_eq!(stale.status, 409);
    let stored = app.store.client_request(&made.request_id).await.unwrap();
    assert_eq!(stored.unwrap().status, RequestStatus::Stale);

    let made = pending(maker.client_request(&change(terminal())).await);
    let rejected = checker
        .reject_client_request(&made.request_id, "Wrong address")
        .await
        .ok();
    assert_eq!(rejected.status, RequestStatus::Rejected);

    let made = pending(maker.client_request(&change(terminal())).await);
    checker.approve_client_request(&made.request_id).await.ok();
    let client = app.store.client(&id).await.unwrap().unwrap();
    assert_eq!(client.settings.name.as_str(), "CCASS Terminal");
    assert_eq!(client.settings.redirect_uris[0].as_str(), CALLBACK);
    assert!(actions_on(&app, &id)
        .await
        .contains(&"CLIENT_CHANGED".to_owned()));
    // The old address is no longer one of its own.
    let person = app.user().await;
    let browser = app.signed_in(&person).await;
    let page = browser
        .get(&format!(
            "/oidc/authorize?response_type=code&client_id={id}&redirect_uri={}&scope=openid",
            urlencoding("http://localhost:9/callback")
        ))
        .await;
    assert_eq!(page.status, 400);
}
