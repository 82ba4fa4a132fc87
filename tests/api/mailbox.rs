//! The local mailbox of the demo (`/api/dev/mailbox`). About the demo data on purpose: the demo
//! user `B0123403` asks for a password and the demo mailbox shows the mail.

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn the_demo_mailbox_lists_mail_in_demo_mode_without_smtp_only() {
    let demo = spawn_app().await;
    let plain = spawn_app_with(|_| {}).await;
    demo.visitor().reset_password("B0123403").await.ok();
    demo.outbox_drained().await;

    let listed = demo.visitor().mailbox().await.ok();
    let absent = plain.visitor().mailbox().await;

    assert_eq!(listed[0].to, "wk.ho@securities.example.com");
    assert!(listed[0].text.contains("B0123403"));
    assert_eq!(absent.status, 404);
}
