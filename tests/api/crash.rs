//! Crash safety (issue 14): the server process is killed with SIGKILL while log-ins, password
//! resets and maker–checker requests are in flight; after a restart on the same database every
//! change that was acknowledged is there, none is half-applied, and queued mail still goes out.
//! Runs on SQLite, and on PostgreSQL when `TEST_POSTGRES_URL` names one.

use std::sync::Mutex;
use std::time::Duration;

use ccass_access::api::{
    paths, Confirmation, PasswordResetComplete, PasswordResetStart, PasswordResetVerify,
    ProfileForm, RequestDraft, TestProfileSpec, TestRole, CSRF_HEADER,
};
use serde_json::Value;
use sqlx::Row;

use crate::helpers::{spec, ServerProcess, TestApp};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";
const NEW_PASSWORD: &str = "Crash-Proof-Password-2026";

/// One call that may meet a dead server: the status, the session cookie set, and the body.
async fn call(
    app: &TestApp,
    path: &str,
    body: &Value,
    cookie: Option<&str>,
) -> Option<(u16, Option<String>, Value)> {
    let mut request = app
        .client
        .post(app.url(path))
        .header(CSRF_HEADER, "1")
        .json(body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.ok()?;
    let status = response.status().as_u16();
    let set = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let body = response.json().await.unwrap_or(Value::Null);
    Some((status, set, body))
}

/// The OTP mailed to `address`, as the local mailbox received it.
async fn otp_for(app: &TestApp, address: &str) -> Option<String> {
    for _ in 0..300 {
        // Sealed in the outbox; readable once delivered to the local mailbox.
        let row = sqlx::query("SELECT text_body FROM dev_mailbox WHERE to_address = $1")
            .bind(address)
            .fetch_optional(app.store.pool())
            .await
            .ok()?;
        if let Some(row) = row {
            let text: String = row.get(0);
            return Some(text.split(" is ").nth(1)?.chars().take(6).collect());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}

#[derive(Default)]
struct Acknowledged {
    sessions: Vec<String>,
    resets: Vec<String>,
    requests: Vec<String>,
    confirmed: Vec<String>,
}

#[tokio::test]
async fn a_server_killed_amid_log_ins_resets_and_requests_keeps_every_acknowledged_change() {
    let mut server = ServerProcess::spawn().await;
    let app = &server.app;
    app.sql("UPDATE system_state SET migration_phase = 'PARALLEL' WHERE singleton = 1")
        .await;
    app.set_time(OPEN).await;
    let mut specs = vec![spec(TestRole::DaMaker), spec(TestRole::DaChecker)];
    specs.extend(vec![spec(TestRole::User); 30]);
    specs.extend(vec![
        TestProfileSpec {
            password: false,
            ..spec(TestRole::User)
        };
        12
    ]);
    let people = app.people(&specs).await;
    let (das, rest) = people.split_at(2);
    let (changed, first_logins) = rest.split_at(30);
    let maker = app.signed_in(&das[0]).await.cookie().unwrap();
    let checker_browser = app.signed_in(&das[1]).await;
    let code = checker_browser.authorisation_code().await.ok().code;
    let checker = checker_browser.cookie().unwrap();
    let versions: Vec<i64> = {
        let browser = app.visitor_with_cookie(Some(maker.clone()));
        let mut versions = Vec::new();
        for person in changed {
            versions.push(browser.enquire(&person.id).await.ok().version);
        }
        versions
    };
    let pid = server.pid();
    let acked = Mutex::new(Acknowledged::default());

    let log_ins = async {
        for round in 0.. {
            let person = &changed[round % changed.len()];
            let body = serde_json::json!({ "user_id": person.id, "password": person.password() });
            match call(app, paths::LOGIN, &body, None).await {
                Some((200, Some(cookie), _)) => acked.lock().unwrap().sessions.push(cookie),
                Some(_) => {}
                None => return,
            }
        }
    };
    let resets = async {
        for person in first_logins {
            let start = serde_json::to_value(PasswordResetStart {
                user_id: person.id.clone(),
            })
            .unwrap();
            if call(app, paths::PASSWORD_RESET, &start, None)
                .await
                .is_none()
            {
                return;
            }
            let Some(otp) = otp_for(app, person.email()).await else {
                return;
            };
            let verify = serde_json::to_value(PasswordResetVerify {
                user_id: person.id.clone(),
                otp,
            })
            .unwrap();
            let Some((200, _, ticket)) =
                call(app, paths::PASSWORD_RESET_VERIFY, &verify, None).await
            else {
                return;
            };
            let complete = serde_json::to_value(PasswordResetComplete {
                ticket: ticket["ticket"].as_str().unwrap_or_default().to_owned(),
                password: NEW_PASSWORD.into(),
                confirmation: NEW_PASSWORD.into(),
            })
            .unwrap();
            match call(app, paths::PASSWORD_RESET_COMPLETE, &complete, None).await {
                Some((200, _, _)) => acked.lock().unwrap().resets.push(person.id.clone()),
                Some(_) => {}
                None => return,
            }
        }
    };
    let requests = async {
        for (person, version) in changed.iter().zip(&versions) {
            let draft = serde_json::to_value(RequestDraft::Change {
                user_id: person.id.clone(),
                version: *version,
                profile: ProfileForm {
                    status: "ENABLED".into(),
                    surname: "CHANGED".into(),
                    other_names: "PERSON".into(),
                    email: person.email().into(),
                    enable_from: "2026-12-01".into(),
                    disable_after: String::new(),
                    clearing_houses: vec!["CASH".into()],
                },
            })
            .unwrap();
            let Some((200, _, made)) = call(app, paths::DMS_REQUESTS, &draft, Some(&maker)).await
            else {
                return;
            };
            let id = made["request_id"].as_str().unwrap_or_default().to_owned();
            acked.lock().unwrap().requests.push(id.clone());
            let confirmation = serde_json::to_value(Confirmation {
                checker_id: das[1].id.clone(),
                authorisation_code: code.clone(),
                ..Default::default()
            })
            .unwrap();
            let path = paths::fill(paths::DMS_REQUEST_CONFIRM, &id);
            match call(app, &path, &confirmation, Some(&checker)).await {
                Some((200, _, _)) => acked.lock().unwrap().confirmed.push(id),
                Some(_) => {}
                None => return,
            }
        }
    };
    // Killed once some of each is acknowledged, while the rest is on its way.
    let kill = async {
        for _ in 0..1000 {
            let started = {
                let acked = acked.lock().unwrap();
                acked.sessions.len() >= 3 && acked.requests.len() >= 3
            };
            if started {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
        std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill runs");
    };
    tokio::join!(log_ins, resets, requests, kill);
    server.kill();
    let acked = acked.into_inner().unwrap();
    println!(
        "acknowledged before SIGKILL: {} log-ins, {} password resets, {} requests, {} confirmations",
        acked.sessions.len(),
        acked.resets.len(),
        acked.requests.len(),
        acked.confirmed.len()
    );
    assert!(
        !acked.sessions.is_empty() && !acked.requests.is_empty(),
        "work was in flight when the server died"
    );

    let server = server.restart().await;
    let app = &server.app;
    app.set_time(OPEN).await;
    // Every acknowledged log-in's session is there: a half session, whose next step is the OTP
    // (a lost one would be answered as ended).
    for cookie in &acked.sessions {
        let me = app
            .visitor_with_cookie(Some(cookie.clone()))
            .session()
            .await;
        assert_eq!(
            me.error().message,
            "Please finish logging in with your one-time password first.",
            "an acknowledged log-in lost its session"
        );
    }
    // Every acknowledged reset's password works.
    for id in &acked.resets {
        assert_eq!(app.login(id, NEW_PASSWORD).await.status, 200, "{id}");
    }
    // Every acknowledged request is recorded; every acknowledged confirmation applied; and no
    // profile changed without its authorised request, nor a request authorised unapplied.
    let rows = sqlx::query(
        "SELECT r.request_id, r.status, p.surname, p.version, r.base_version FROM change_requests r \
         JOIN profiles p ON p.user_id = r.target_user_id",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    let stored: Vec<(String, String, String, i64, i64)> = rows
        .iter()
        .map(|r| {
            (
                r.get(0),
                r.get(1),
                r.get(2),
                r.get(3),
                r.get::<Option<i64>, _>(4).unwrap_or_default(),
            )
        })
        .collect();
    for id in &acked.requests {
        assert!(stored.iter().any(|s| &s.0 == id), "request {id} was lost");
    }
    for (id, status, surname, version, base) in &stored {
        let applied = surname == "CHANGED";
        assert_eq!(
            status == "AUTHORISED",
            applied,
            "request {id} is {status} but the profile says {surname}"
        );
        assert_eq!(
            *version,
            base + i64::from(applied),
            "request {id}: version {version}"
        );
        if acked.confirmed.contains(id) {
            assert_eq!(status, "AUTHORISED", "{id}");
        }
    }
    let unrequested = sqlx::query(
        "SELECT COUNT(*) FROM profiles p WHERE p.surname = 'CHANGED' AND NOT EXISTS \
         (SELECT 1 FROM change_requests r WHERE r.target_user_id = p.user_id AND r.status = 'AUTHORISED')",
    )
    .fetch_one(app.store.pool())
    .await
    .unwrap()
    .get::<i64, _>(0);
    assert_eq!(unrequested, 0);
    // Mail queued before the kill still goes out: at once if it was waiting, once its lease
    // (two minutes) has run out if the killed server was sending it.
    app.advance(180).await;
    app.outbox_drained().await;
}
