//! Graceful shutdown (issue 14): on SIGTERM a server stops accepting, finishes the requests in
//! flight, stops its mail sender and hands the sender's leases back, so the mail goes out at once
//! from the next instance instead of after the lease runs out.

use std::time::Duration;

use ccass_access::api::paths;

use crate::helpers::ServerProcess;

async fn count(app: &crate::helpers::TestApp, query: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(query)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn on_sigterm_a_server_finishes_requests_in_flight_and_hands_its_mail_leases_back() {
    // An SMTP server that takes the connection and never greets: the sender waits on it, holding
    // the lease of the mail it is sending.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let smtp = format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let _silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });
    let mut server = ServerProcess::spawn_with(&["--smtp-url", &smtp]).await;
    let (person, slow) = {
        let app = &server.app;
        app.sql("UPDATE system_state SET migration_phase = 'PARALLEL' WHERE singleton = 1")
            .await;
        let person = app.first_login_user().await;
        app.visitor().reset_password(&person.id).await.ok();
        let mut leased = 0;
        for _ in 0..250 {
            leased = count(
                app,
                "SELECT COUNT(*) FROM mail_outbox WHERE lease_owner IS NOT NULL",
            )
            .await;
            if leased == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(leased, 1, "the sender holds the mail's lease");
        // A request in flight when the signal comes.
        let (client, url) = (app.client.clone(), app.url(paths::TEST_SLOW));
        let slow = tokio::spawn(async move {
            client
                .post(url)
                .header(ccass_access::api::CSRF_HEADER, "1")
                .json(&serde_json::json!({ "ms": 1500 }))
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        (person, slow)
    };
    let health = server.app.url(paths::HEALTH);

    assert!(
        server.terminate(Duration::from_secs(20)),
        "the server exits cleanly"
    );
    assert_eq!(
        slow.await.unwrap().ok(),
        Some(200),
        "the request in flight was answered"
    );
    assert!(
        reqwest::get(&health).await.is_err(),
        "nothing accepts connections any more"
    );
    assert_eq!(
        count(
            &server.app,
            "SELECT COUNT(*) FROM mail_outbox WHERE lease_owner IS NULL AND delivered_at IS NULL"
        )
        .await,
        1,
        "the lease is handed back and the mail is still to be sent"
    );

    // The next instance (with the local mailbox) sends it at once, not two minutes later.
    let server = server.restart().await;
    let code = server.app.latest_otp_for(person.email()).await;
    assert!(code.is_some_and(|c| c.len() == 6));
}
