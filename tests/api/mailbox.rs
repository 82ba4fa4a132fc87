//! The local mailbox of the demo (`/api/dev/mailbox`).

use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn the_demo_mailbox_lists_mail_in_demo_mode_without_smtp_only() {
    let demo = spawn_app().await;
    let plain = spawn_app_with(|_| {}).await;
    demo.post("/api/password-reset", &json!({ "user_id": "B0123403" }))
        .await;
    demo.outbox_drained().await;

    let listed = demo.get("/api/dev/mailbox").await;
    let absent = plain.get("/api/dev/mailbox").await;

    assert_eq!(listed.status, 200);
    assert_eq!(listed.body[0]["to"], "wk.ho@securities.example.com");
    assert!(listed.body[0]["text"]
        .as_str()
        .unwrap()
        .contains("B0123403"));
    assert_eq!(absent.status, 404);
}
