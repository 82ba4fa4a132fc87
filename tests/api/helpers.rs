use std::path::Path;

use ccass_access::api::CSRF_HEADER;
use ccass_access::server::config::Config;
use ccass_access::server::startup::Application;
use ccass_access::server::store::Store;
use serde_json::{json, Value};
use sqlx::{Connection, Executor};

/// Password of the demo DA maker `B01234X1` and the demo user `B0123401`.
pub const MAKER_PASSWORD: &str = "Maker-Demo-Pass-2026";
pub const USER01_PASSWORD: &str = "User01-Demo-Pass-2026";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    _database: TestDatabase,
}

pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

enum TestDatabase {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres,
}

async fn fresh_database() -> (String, TestDatabase) {
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            let name = format!("ccass_test_{}", uuid_like());
            sqlx::any::install_default_drivers();
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("PostgreSQL reachable");
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            (format!("{base}/{name}"), TestDatabase::Postgres)
        }
        Err(_) => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, TestDatabase::Sqlite(dir))
        }
    }
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{}_{}_{}", std::process::id(), nanos, rand_suffix())
}

fn rand_suffix() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::SeqCst)
}

/// A server with the demo data, as a newcomer would start it.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|config| config.demo = true).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (url, database) = fresh_database().await;
    let mut config = Config::for_tests(&url);
    config.dist = Path::new("target/no-dist").into();
    adjust(&mut config);
    let app = Application::build(config)
        .await
        .expect("application builds");
    let address = app.url();
    let store = app.state().store.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        store,
        _database: database,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        Self::answer(self.client.get(self.url(path)).send().await.unwrap()).await
    }

    /// A POST as the SPA sends it: JSON, with the SPA's CSRF header.
    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.post_in(path, body, "en").await
    }

    pub async fn post_in(&self, path: &str, body: &Value, language: &str) -> Answer {
        let request = self
            .client
            .post(self.url(path))
            .header(CSRF_HEADER, "1")
            .header("Accept-Language", language)
            .json(body);
        Self::answer(request.send().await.unwrap()).await
    }

    pub async fn login(&self, user_id: &str, password: &str) -> Answer {
        self.post(
            "/api/auth/login",
            &json!({ "user_id": user_id, "password": password }),
        )
        .await
    }

    pub async fn sql(&self, statement: &str) {
        self.store
            .pool()
            .execute(statement)
            .await
            .expect("test SQL runs");
    }
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }

    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }

    pub fn field(&self, name: &str) -> &str {
        self.body["fields"][name].as_str().unwrap_or_default()
    }

    pub fn set_cookie(&self) -> String {
        self.headers
            .get("set-cookie")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
}
