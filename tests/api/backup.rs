//! Backup and restore (issue 16): an online backup of the running server's database (SQLite's
//! `VACUUM INTO` through `ccass-access-server backup`, PostgreSQL's `pg_dump`), restored into a
//! fresh database, serves a fresh server on which a user logs in with password and app, and
//! whose audit chain verifies.

use std::path::PathBuf;
use std::process::Command;

use ccass_access::server::store::ChainReport;
use sqlx::Connection;
use sqlx::Executor;

use crate::helpers::{spawn_app, spawn_app_on};

/// The PostgreSQL client programs: on PATH, else Debian's server directory.
fn pg_program(name: &str) -> PathBuf {
    let on_path = Command::new(name).arg("--version").output().is_ok();
    if on_path {
        return PathBuf::from(name);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's programs")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    found.pop().expect("pg_dump and pg_restore")
}

#[tokio::test]
async fn a_backup_restored_into_a_fresh_database_serves_a_log_in() {
    let app = spawn_app().await;
    let (person, secret) = app.user_with_device().await;
    let work = tempfile::tempdir().unwrap();

    let restored_url = if app.database_url.starts_with("sqlite:") {
        let file = work.path().join("backup.db");
        app.store.backup_sqlite(&file).await.unwrap();
        // A backup never overwrites.
        assert!(app.store.backup_sqlite(&file).await.is_err());
        format!("sqlite://{}", file.display())
    } else {
        let dump = work.path().join("backup.dump");
        let dumped = Command::new(pg_program("pg_dump"))
            .args(["-Fc", "-f"])
            .arg(&dump)
            .arg(&app.database_url)
            .status()
            .unwrap();
        assert!(dumped.success());
        let admin_url = std::env::var("TEST_POSTGRES_URL").unwrap();
        let name = format!("ccass_restore_{}", std::process::id());
        let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        let base = admin_url.rsplit_once('/').unwrap().0;
        let url = format!("{base}/{name}");
        let restored = Command::new(pg_program("pg_restore"))
            .args(["--no-owner", "-d", &url])
            .arg(&dump)
            .status()
            .unwrap();
        assert!(restored.success());
        url
    };

    let fresh = spawn_app_on(&restored_url).await;
    let browser = fresh.visitor();
    assert_eq!(
        browser.login(&person.id, person.password()).await.status,
        200
    );
    // The next step's code: the one the device was registered with is spent.
    fresh.advance(30).await;
    let code = secret.code_at(fresh.now().await);
    assert_eq!(browser.submit_otp(&code).await.status, 200);
    assert_eq!(browser.session().await.ok().user_id, person.id);
    assert!(matches!(
        fresh.store.verify_audit_chain().await.unwrap(),
        ChainReport::Intact { .. }
    ));
}
