use std::path::Path;

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use ccass_access::api::{
    DeviceActivated, DeviceProof, DeviceRegistration, LoginResponse, NewTestParticipant, SetClock,
    TestAccount, TestProfileSpec, TestRole, CSRF_HEADER,
};
use ccass_access::domain::otp::TotpSecret;
use ccass_access::server::config::Config;
use ccass_access::server::startup::Application;
use ccass_access::server::store::Store;
use serde_json::Value;
use sqlx::{Connection, Executor};

pub use crate::client::{Answer, Reply};

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

/// A server on an existing database (a restored backup), which the test keeps.
pub async fn spawn_app_on(url: &str) -> TestApp {
    start(url.to_owned(), TestDatabase::Shared, |_| {}).await
}

/// `n` instances started at the same moment on one new database: each runs the migrations at
/// start, as a fleet does when it is deployed.
pub async fn spawn_together(n: usize) -> Vec<TestApp> {
    let (url, database) = fresh_database().await;
    let mut databases = vec![database];
    databases.extend((1..n).map(|_| TestDatabase::Shared));
    let starts = databases
        .into_iter()
        .map(|database| start(url.clone(), database, |_| {}));
    all_at_once(starts).await
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
    let trusted_certificate = config
        .tls_cert
        .as_ref()
        .map(|path| reqwest::Certificate::from_pem(&std::fs::read(path).unwrap()).unwrap());
    let app = Application::build(config)
        .await
        .expect("application builds");
    let address = app.url();
    let store = app.state().store.clone();
    tokio::spawn(app.run_until_stopped());
    let client = trusted_certificate
        .into_iter()
        .fold(reqwest::Client::builder(), |builder, certificate| {
            builder.use_rustls_tls().add_root_certificate(certificate)
        });
    TestApp {
        address,
        client: client
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        store,
        database_url: url,
        _database: database,
    }
}

/// The server binary as its own process (so a test can kill it), with test support, on a fresh
/// database; [`ServerProcess::restart`] starts it again on the same database.
pub struct ServerProcess {
    child: std::process::Child,
    pub app: TestApp,
}

impl ServerProcess {
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// With more command-line flags (`--smtp-url …`).
    pub async fn spawn_with(flags: &[&str]) -> Self {
        let (url, database) = fresh_database().await;
        Self::start(url, database, flags).await
    }

    /// With the demo (its phase), logging everything, request traces included, as JSON lines
    /// into `log`.
    pub async fn spawn_logging_to(log: &std::path::Path) -> Self {
        let (url, database) = fresh_database().await;
        Self::start_with_log(url, database, &["--demo"], Some(log)).await
    }

    async fn start(url: String, database: TestDatabase, flags: &[&str]) -> Self {
        Self::start_with_log(url, database, flags, None).await
    }

    async fn start_with_log(
        url: String,
        database: TestDatabase,
        flags: &[&str],
        log: Option<&std::path::Path>,
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_ccass-access-server"))
            .args([
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                &url,
                "--dist",
                "target/no-dist",
                "--test-clock",
                "--test-fixtures",
                "--secrets-keys",
                ccass_access::server::config::TEST_SECRETS_KEYS,
            ])
            .args(flags)
            .envs(
                log.map(|_| [("RUST_LOG", "debug"), ("CCASS_LOG_FORMAT", "json")])
                    .into_iter()
                    .flatten(),
            )
            .stdout(match log {
                Some(path) => std::fs::File::create(path).unwrap().into(),
                None => std::process::Stdio::null(),
            })
            .spawn()
            .expect("the server binary starts");
        let address = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        for _ in 0..600 {
            let health = client.get(format!("{address}/api/health")).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let store = Store::connect(&url)
            .await
            .expect("the test reaches the database");
        Self {
            child,
            app: TestApp {
                address,
                client,
                store,
                database_url: url,
                _database: database,
            },
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, no rollback but the database's own.
    pub fn kill(&mut self) {
        // Killed already (by pid) is as good.
        let _ = self.child.kill();
        self.child.wait().expect("the server is reaped");
    }

    /// The server again on the same database (this one must be killed first).
    pub async fn restart(mut self) -> Self {
        let url = self.app.database_url.clone();
        let database = std::mem::replace(&mut self.app._database, TestDatabase::Shared);
        drop(self);
        Self::start(url, database, &[]).await
    }

    /// SIGTERM, as a service manager stops it; answers whether it exited cleanly in time.
    pub fn terminate(&mut self, within: std::time::Duration) -> bool {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let started = std::time::Instant::now();
        while started.elapsed() < within {
            if let Some(exit) = self.child.try_wait().expect("the server is waited for") {
                return exit.success();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        false
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The demo server speaking HTTPS itself, with a certificate for 127.0.0.1 made on the spot
/// (the client trusts it, as a browser would trust the clearing house's).
pub async fn spawn_https_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir").keep();
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
            .expect("a test certificate");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.key_pair.serialize_pem()).unwrap();
    spawn_app_with(|config| {
        config.demo = true;
        config.tls_cert = Some(cert);
        config.tls_key = Some(key);
    })
    .await
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
    /// For the raw contract tests, which post literal JSON on purpose; every other test goes
    /// through the typed methods of a [`Visitor`].
    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.post_with(path, body, &[("accept-language", "en")])
            .await
    }

    /// A POST as the SPA sends it, with more headers: a forwarded address, an Origin, a cookie,
    /// a language.
    fn spa_post(
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

    /// Step 8 from a browser of its own that is thrown away after: for attempts that need no
    /// session (wrong passwords, locks, budgets).
    pub async fn login(&self, user_id: &str, password: &str) -> Reply<LoginResponse> {
        self.visitor().login(user_id, password).await
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

    /// A browser that holds the session `cookie` already (from before a restart).
    pub fn visitor_with_cookie(&self, cookie: Option<String>) -> Visitor<'_> {
        Visitor {
            app: self,
            cookie: std::sync::Mutex::new(cookie),
            headers: Vec::new(),
        }
    }

    /// A participant of its own with the profiles asked for (IDs, passwords and e-mails
    /// generated by the server's test fixtures), so no test leans on the demo data.
    pub async fn people(&self, specs: &[TestProfileSpec]) -> Vec<Person> {
        self.participant(specs, None).await
    }

    /// As [`TestApp::people`], of a settlement agent whose principal is `principal` (R27).
    pub async fn agent_people(&self, principal: &str, specs: &[TestProfileSpec]) -> Vec<Person> {
        self.participant(specs, Some(principal)).await
    }

    async fn participant(&self, specs: &[TestProfileSpec], principal: Option<&str>) -> Vec<Person> {
        let request = NewTestParticipant {
            profiles: specs.to_vec(),
            principal: principal.map(str::to_owned),
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

    /// `person` fully logged in (password and app), as the DMS pages are used.
    pub async fn signed_in(&self, person: &Person) -> Visitor<'_> {
        let browser = self.visitor();
        browser.login(&person.id, person.password()).await.ok();
        browser.register_device().await.1.ok();
        browser
    }

    /// The server's clock now, in Unix seconds (tests move it with `set_clock`/`advance`).
    pub async fn now(&self) -> u64 {
        let reading = self.visitor().clock().await.ok();
        let at: jiff::Timestamp = reading.now.parse().unwrap();
        at.as_second() as u64
    }

    pub async fn advance(&self, seconds: i64) {
        let moved = SetClock {
            advance_seconds: Some(seconds),
            ..SetClock::default()
        };
        self.visitor().set_clock(&moved).await.ok();
    }

    /// Sets the server's clock to `at` (RFC 3339).
    pub async fn set_time(&self, at: &str) {
        let set = SetClock {
            at: Some(at.to_owned()),
            ..SetClock::default()
        };
        self.visitor().set_clock(&set).await.ok();
    }

    /// Records `mail` in the outbox as a change made at `at` would.
    pub async fn enqueue_mail(
        &self,
        mail: &ccass_access::server::store::NewMail<'_>,
        at: jiff::Timestamp,
    ) {
        let mut change = self.store.change(at).await.unwrap();
        change.enqueue_mail(mail).await.unwrap();
        let _ = change.commit().await.unwrap();
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

    /// "Forgot/Reset your Password" for `person`: the OTP as it arrives in their mail.
    pub async fn reset_otp(&self, person: &Person) -> String {
        self.visitor().reset_password(&person.id).await.ok();
        self.latest_otp_for(person.email())
            .await
            .expect("an OTP mail")
    }

    /// The ticket the right reset OTP buys.
    pub async fn reset_ticket(&self, person: &Person, otp: &str) -> String {
        self.visitor()
            .verify_reset(&person.id, otp)
            .await
            .ok()
            .ticket
    }

    /// OTP mails (not notices) delivered to `address`.
    pub async fn mail_count_to(&self, address: &str) -> usize {
        self.mail_to(address)
            .await
            .into_iter()
            .filter(|m| m.subject.contains(OTP_SUBJECT))
            .count()
    }

    /// A new user with the app registered (first log-in done), logged out again, and the
    /// secret of their app.
    pub async fn user_with_device(&self) -> (Person, TotpSecret) {
        let person = self.user().await;
        let browser = self.visitor();
        browser.login(&person.id, person.password()).await.ok();
        let (secret, activated) = browser.register_device().await;
        activated.ok();
        browser.logout().await.ok();
        // Later codes must come from steps after the one activation used (R23), drift included.
        self.advance(60).await;
        (person, secret)
    }
}

impl Visitor<'_> {
    /// Keeps every cookie the answer sets (the session's and the provider's), as a browser does;
    /// a cookie set empty is forgotten.
    pub fn remember_headers(&self, headers: &reqwest::header::HeaderMap) {
        let mut jar = self.cookie.lock().unwrap();
        let mut pairs: Vec<(String, String)> = jar
            .as_deref()
            .unwrap_or_default()
            .split("; ")
            .filter_map(|pair| pair.split_once('='))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        for value in headers.get_all("set-cookie") {
            let first = value.to_str().unwrap().split(';').next().unwrap();
            let Some((name, value)) = first.split_once('=') else {
                continue;
            };
            pairs.retain(|(known, _)| known != name);
            if !value.is_empty() {
                pairs.push((name.to_owned(), value.to_owned()));
            }
        }
        let joined: Vec<String> = pairs.iter().map(|(n, v)| format!("{n}={v}")).collect();
        *jar = (!joined.is_empty()).then(|| joined.join("; "));
    }

    fn remember(&self, answer: &Answer) {
        self.remember_headers(&answer.headers);
    }

    pub fn cookie(&self) -> Option<String> {
        self.cookie.lock().unwrap().clone()
    }

    /// Under the typed methods of `client.rs`; tests call those.
    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        let cookie = self.cookie();
        let mut all: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        if let Some(cookie) = cookie.as_deref() {
            all.push(("cookie", cookie));
        }
        let answer = self.app.post_with(path, body, &all).await;
        self.remember(&answer);
        answer
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
    pub async fn register_device(&self) -> (TotpSecret, Reply<DeviceActivated>) {
        let started = self.start_device().await;
        self.activate_with_app(started).await
    }

    /// A new device from profile settings, proven by `proof` (R26a).
    pub async fn replace_device(
        &self,
        proof: &DeviceProof,
    ) -> (TotpSecret, Reply<DeviceActivated>) {
        let started = self.start_new_device(proof).await;
        self.activate_with_app(started).await
    }

    async fn activate_with_app(
        &self,
        started: Reply<DeviceRegistration>,
    ) -> (TotpSecret, Reply<DeviceActivated>) {
        let secret = TotpSecret::from_base32(&started.ok().secret).unwrap();
        let code = secret.code_at(self.app.now().await);
        (secret, self.activate_device(&code).await)
    }
}

/// A profile of a test's own participant, as the test fixtures created it.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    password: Option<String>,
    email: Option<String>,
    /// The smartcard's SRN and PIN, when one was issued (R25).
    pub srn: Option<String>,
    pub pin: Option<String>,
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

    /// A well-formed ID of this person's participant that no profile has: the fixtures number
    /// users from `01` and DAs from `X1`, so `98` or `X9` is nobody in a test's participant.
    pub fn unused_id(&self, suffix: &str) -> String {
        format!("{}{suffix}", &self.id[..6])
    }
}

impl From<TestAccount> for Person {
    fn from(account: TestAccount) -> Self {
        Self {
            id: account.user_id,
            password: account.password,
            email: account.email,
            srn: account.srn,
            pin: account.pin,
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
        smartcard: false,
    }
}

/// Every future polled together, so that their requests are in flight at once; the answers in
/// the order given.
pub async fn all_at_once<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut pending: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (future, output) in pending.iter_mut().zip(done.iter_mut()) {
            if output.is_none() {
                if let Poll::Ready(value) = future.as_mut().poll(cx) {
                    *output = Some(value);
                }
            }
        }
        if done.iter().all(Option::is_some) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    done.into_iter().map(Option::unwrap).collect()
}
