use std::path::Path;

use ccass_access::api::CSRF_HEADER;
use ccass_access::api::{NewTestParticipant, TestAccount, TestProfileSpec, TestRole};
use ccass_access::server::config::Config;
use ccass_access::server::startup::Application;
use ccass_access::server::store::Store;
use serde_json::{json, Value};
use sqlx::{Connection, Executor};

pub use crate::client::{Answer, Reply};

/// Password of the demo DA maker `B01234X1` and the demo user `B0123401`.
pub const MAKER_PASSWORD: &str = "Maker-Demo-Pass-2026";
pub const USER01_PASSWORD: &str = "User01-Demo-Pass-2026";
/// The demo user whose password is [`USER01_PASSWORD`], and the address of their mail.
pub const DEMO_USER: &str = "B0123401";
pub const DEMO_USER_EMAIL: &str = "kh.wong@securities.example.com";

/// What the subject of every OTP mail (and of no notice) says.
pub const OTP_SUBJECT: &str = "one-time password";
/// What the subject of every notice says.
pub const NOTICE_SUBJECT: &str = "a change to your log-in";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub database_url: String,
    _database: TestDatabase,
}

enum TestDatabase {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres,
    /// Another instance's: that one keeps it.
    Shared,
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

/// The demo server with room in the per-user budget, for journeys of many steps by one user
/// from one address within a minute.
pub async fn spawn_app_with_room() -> TestApp {
    spawn_app_with(|config| {
        config.demo = true;
        config.throttle_per_user = 1000;
    })
    .await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        ccass_access::server::telemetry::init();
    }
    let (url, database) = fresh_database().await;
    start(url, database, adjust).await
}

impl TestApp {
    /// A second server instance on this one's database, as behind a load balancer.
    pub async fn another_instance(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        start(self.database_url.clone(), TestDatabase::Shared, adjust).await
    }
}

async fn start(url: String, database: TestDatabase, adjust: impl FnOnce(&mut Config)) -> TestApp {
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
        database_url: url,
        _database: database,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn answer(response: reqwest::Response) -> Answer {
        Reply::read(response).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        Self::answer(self.client.get(self.url(path)).send().await.unwrap()).await
    }

    /// A POST as the SPA sends it: JSON, with the SPA's CSRF header.
    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.post_in(path, body, "en").await
    }

    pub async fn post_in(&self, path: &str, body: &Value, language: &str) -> Answer {
        self.post_with(path, body, &[("accept-language", language)])
            .await
    }

    /// A POST as the SPA sends it, with more headers: a forwarded address, an Origin, a cookie,
    /// a language. Not yet sent, so that several can be in flight at once.
    pub fn spa_post(
        &self,
        path: &str,
        body: &Value,
        headers: &[(&str, &str)],
    ) -> reqwest::RequestBuilder {
        headers.iter().fold(
            self.client
                .post(self.url(path))
                .header(CSRF_HEADER, "1")
                .json(body),
            |request, (name, value)| request.header(*name, *value),
        )
    }

    pub async fn post_with(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Answer {
        Self::answer(self.spa_post(path, body, headers).send().await.unwrap()).await
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

/// A browser's view of the API: it keeps the session cookie the server sets, as a browser does.
pub struct Visitor<'a> {
    pub app: &'a TestApp,
    cookie: std::sync::Mutex<Option<String>>,
    /// Sent with every request: a language, a forwarded address, an Origin.
    headers: Vec<(String, String)>,
}

impl TestApp {
    pub fn visitor(&self) -> Visitor<'_> {
        Visitor {
            app: self,
            cookie: std::sync::Mutex::new(None),
            headers: Vec::new(),
        }
    }

    /// A participant of its own with the profiles asked for (IDs, passwords and e-mails
    /// generated by the server's test fixtures), so no test leans on the demo data.
    pub async fn people(&self, specs: &[TestProfileSpec]) -> Vec<Person> {
        let request = NewTestParticipant {
            profiles: specs.to_vec(),
        };
        let created = self.visitor().new_participant(&request).await.ok();
        created.profiles.into_iter().map(Person::from).collect()
    }

    async fn one(&self, spec: TestProfileSpec) -> Person {
        self.people(&[spec]).await.remove(0)
    }

    /// A business user with a password and a work e-mail, who has not yet chosen a channel.
    pub async fn user(&self) -> Person {
        self.one(spec(TestRole::User)).await
    }

    /// A business user at their first log-in: an e-mail, no password yet.
    pub async fn first_login_user(&self) -> Person {
        self.one(TestProfileSpec {
            password: false,
            ..spec(TestRole::User)
        })
        .await
    }

    /// A business user with a password and no e-mail.
    pub async fn user_without_email(&self) -> Person {
        self.one(TestProfileSpec {
            email: false,
            ..spec(TestRole::User)
        })
        .await
    }

    pub async fn da_maker(&self) -> Person {
        self.one(spec(TestRole::DaMaker)).await
    }

    pub async fn da_checker(&self) -> Person {
        self.one(spec(TestRole::DaChecker)).await
    }

    /// The server's clock now, in Unix seconds (tests move it with `set_clock`/`advance`).
    pub async fn now(&self) -> u64 {
        let reading = self.get("/api/test/clock").await;
        let at: jiff::Timestamp = reading.body["now"].as_str().unwrap().parse().unwrap();
        at.as_second() as u64
    }

    pub async fn advance(&self, seconds: i64) {
        let answer = self
            .post("/api/test/clock", &json!({ "advance_seconds": seconds }))
            .await;
        assert_eq!(answer.status, 200);
    }

    /// Waits until the background sender has delivered every recorded mail.
    pub async fn outbox_drained(&self) {
        for _ in 0..500 {
            if self.store.undelivered_mail_count().await.unwrap() == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("the outbox was not delivered within 5 s");
    }

    /// Every mail delivered to `address` through the local mailbox, newest first.
    pub async fn mail_to(&self, address: &str) -> Vec<ccass_access::server::store::StoredMail> {
        self.outbox_drained().await;
        self.store
            .local_mail(1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.to == address)
            .collect()
    }

    /// The newest OTP mailed to `address` through the local mailbox, read as a person would.
    pub async fn latest_otp_for(&self, address: &str) -> Option<String> {
        let text = self
            .mail_to(address)
            .await
            .into_iter()
            .find(|m| m.subject.contains(OTP_SUBJECT))?
            .text;
        let after = text.split(" is ").nth(1)?;
        Some(after.chars().take(6).collect())
    }

    /// "Forgot/Reset your Password" for `user_id`: the OTP as it arrives at `email`.
    pub async fn reset_otp(&self, user_id: &str, email: &str) -> String {
        let started = self
            .post("/api/password-reset", &json!({ "user_id": user_id }))
            .await;
        assert_eq!(started.status, 200, "{:?}", started.body);
        self.latest_otp_for(email).await.expect("an OTP mail")
    }

    /// The ticket the right reset OTP buys.
    pub async fn reset_ticket(&self, user_id: &str, otp: &str) -> String {
        let verified = self
            .post(
                "/api/password-reset/verify",
                &json!({ "user_id": user_id, "otp": otp }),
            )
            .await;
        assert_eq!(verified.status, 200, "{:?}", verified.body);
        verified.body["ticket"].as_str().unwrap().to_owned()
    }

    /// OTP mails (not notices) delivered to `address`.
    pub async fn mail_count_to(&self, address: &str) -> usize {
        self.mail_to(address)
            .await
            .into_iter()
            .filter(|m| m.subject.contains(OTP_SUBJECT))
            .count()
    }

    /// The demo user `B0123401` with the app registered (first log-in done), logged out again.
    pub async fn user_with_device(&self) -> ccass_access::domain::otp::TotpSecret {
        let browser = self.visitor();
        browser.login(DEMO_USER, USER01_PASSWORD).await;
        let (secret, activated) = browser.register_device().await;
        assert_eq!(activated.status, 200, "{:?}", activated.body);
        browser.post("/api/auth/logout", &json!({})).await;
        // Later codes must come from steps after the one activation used (R23), drift included.
        self.advance(60).await;
        secret
    }
}

impl Visitor<'_> {
    fn remember(&self, answer: &Answer) {
        if let Some(value) = answer.headers.get("set-cookie") {
            let pair = value
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned();
            let cleared = pair.ends_with('=');
            *self.cookie.lock().unwrap() = (!cleared).then_some(pair);
        }
    }

    pub fn cookie(&self) -> Option<String> {
        self.cookie.lock().unwrap().clone()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.post_with(path, body, &[]).await
    }

    /// The same visitor sending `name: value` with every request.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same visitor, its browser set to `language` (`Accept-Language`).
    pub fn speaking(self, language: &str) -> Self {
        self.with_header("accept-language", language)
    }

    /// A POST with more headers (a language, say), keeping the cookie as a browser does.
    pub async fn post_with(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Answer {
        let cookie = self.cookie();
        let mut all: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        all.extend_from_slice(headers);
        if let Some(cookie) = cookie.as_deref() {
            all.push(("cookie", cookie));
        }
        let answer = self.app.post_with(path, body, &all).await;
        self.remember(&answer);
        answer
    }

    pub async fn get(&self, path: &str) -> Answer {
        let mut request = self.app.client.get(self.app.url(path));
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        if let Some(cookie) = self.cookie() {
            request = request.header("cookie", cookie);
        }
        TestApp::answer(request.send().await.unwrap()).await
    }

    /// REGISTER DEVICE and LOGIN USING VERIFICATION CODE, as an authenticator app would answer.
    /// Answers the device's secret and the activation answer.
    pub async fn register_device(&self) -> (ccass_access::domain::otp::TotpSecret, Answer) {
        self.register_device_via("/api/auth/device", &json!({}))
            .await
    }

    /// A new device from profile settings, proven by `proof` (R26a).
    pub async fn replace_device(
        &self,
        proof: &Value,
    ) -> (ccass_access::domain::otp::TotpSecret, Answer) {
        self.register_device_via("/api/settings/device", proof)
            .await
    }

    async fn register_device_via(
        &self,
        path: &str,
        body: &Value,
    ) -> (ccass_access::domain::otp::TotpSecret, Answer) {
        let started = self.post(path, body).await;
        assert_eq!(started.status, 200, "{:?}", started.body);
        let secret = ccass_access::domain::otp::TotpSecret::from_base32(
            started.body["secret"].as_str().unwrap(),
        )
        .unwrap();
        let code = secret.code_at(self.app.now().await);
        let activated = self
            .post("/api/auth/device/activate", &json!({ "otp": code }))
            .await;
        (secret, activated)
    }
}

/// A profile of a test's own participant, as the test fixtures created it.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    password: Option<String>,
    email: Option<String>,
}

impl Person {
    pub fn password(&self) -> &str {
        self.password
            .as_deref()
            .expect("this person has a password")
    }

    pub fn email(&self) -> &str {
        self.email.as_deref().expect("this person has an e-mail")
    }
}

impl From<TestAccount> for Person {
    fn from(account: TestAccount) -> Self {
        Self {
            id: account.user_id,
            password: account.password,
            email: account.email,
        }
    }
}

/// A profile with a password and a work e-mail; change fields with struct update syntax.
pub fn spec(role: TestRole) -> TestProfileSpec {
    TestProfileSpec {
        role,
        password: true,
        email: true,
        webmail: false,
    }
}
