//! Builds the application from its configuration and binds it to its port (port 0 in tests).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::http::HeaderName;
use axum::middleware::from_fn_with_state;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::server::clock::{AdjustableClock, Clock, SystemClock};
use crate::server::config::Config;
use crate::server::http::{request_id, spa};
use crate::server::jobs::housekeeping;
use crate::server::mail::sender::{self, OutboxSignal};
use crate::server::mail::Mailer;
use crate::server::oidc::back_channel;
use crate::server::provider::issuer::Issuer;
use crate::server::provider::{keys, Provider};
use crate::server::routes;
use crate::server::security::passkeys::RelyingParty;
use crate::server::security::session::CookiePolicy;
use crate::server::security::throttle::Throttle;
use crate::server::seed::demo::{self, DemoCredential};
use crate::server::seed::holidays;
use crate::server::serve::{request_timeout, serve};
use crate::server::state::AppState;
use crate::server::store::{redact, Store};
use crate::server::transport::Transport;

pub struct Application {
    listener: TcpListener,
    router: Router,
    config: Arc<Config>,
    demo_credentials: Vec<DemoCredential>,
    state: AppState,
    sender: sender::Sender,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        // First: a way in that browsers can trust, or no start at all.
        let transport = Transport::choose(&config)?;
        let passkeys = Arc::new(RelyingParty::new(&config.rp_id, &config.rp_origin)?);
        let keys = Arc::new(crate::server::security::secrets::load(&config)?);
        let store = Store::connect_with(&config.database_url, config.database_max_connections)
            .await?
            .with_secrets(keys);
        let (clock, test_clock): (Arc<dyn Clock>, _) = if config.test_clock {
            // A test server started again on its database resumes the tests' time.
            let offset = store.test_clock_offset_ms().await?.unwrap_or(0);
            let clock = Arc::new(AdjustableClock::with_offset_ms(offset));
            (clock.clone(), Some(clock))
        } else {
            (Arc::new(SystemClock), None)
        };
        // Events written before the audit chain existed join it once.
        store.chain_old_audit_events(clock.now()).await?;
        let loaded = store.load_holidays_if_empty(&holidays::shipped()?).await?;
        if loaded > 0 {
            tracing::info!(
                loaded,
                "Hong Kong general holidays loaded from the shipped copy"
            );
        }
        warn_if_calendar_ends_soon(&store, clock.now()).await?;
        let demo_credentials = if config.demo {
            demo::load(&store, clock.now())
                .await
                .context("loading the demo data")?
        } else {
            Vec::new()
        };
        let index_html = std::fs::read_to_string(config.dist.join("index.html")).ok();
        let workplace_html =
            std::fs::read_to_string(config.dist.join(spa::WORKPLACE_DIR).join("index.html")).ok();
        if index_html.is_none() {
            tracing::warn!(dist = %config.dist.display(), "no built SPA here; run `trunk build` first. The API works without it.");
        }
        let mailer = Mailer::new(config.smtp_url.as_deref(), store.clone())?;
        let throttle = Arc::new(Throttle::new(
            config.throttle_per_user,
            config.throttle_per_address,
            config.throttle_per_user_ceiling,
        ));
        let outbox = OutboxSignal::default();
        let sender = sender::spawn(store.clone(), mailer.clone(), clock.clone(), outbox.clone());
        housekeeping::spawn(store.clone(), clock.clone());
        crate::server::jobs::retention::spawn(store.clone(), clock.clone(), config.retention());
        crate::server::metrics::recorder();
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("binding {}", config.listen))?;
        let issuer = Issuer::choose(
            config.issuer.as_deref(),
            listener.local_addr()?,
            transport.scheme(),
        )?;
        match &issuer {
            Some(_) => keys::ensure_signing_keys(&store, clock.now()).await?,
            None if store.client_count().await? > 0 => anyhow::bail!(
                "clients are registered, so this server is an OpenID Provider: give --issuer \
                 with the https origin browsers reach it at"
            ),
            None => {}
        }
        // The demo's application, an ordinary relying party inside this server (issue 28).
        let demo_app = match (&issuer, config.demo) {
            (Some(issuer), true) => Some(Arc::new(
                crate::server::demo_app::register(&store, clock.now(), issuer.as_str()).await?,
            )),
            _ => None,
        };
        let provider = Arc::new(Provider::new(issuer));
        let config = Arc::new(config);
        if provider.issuer.is_some() {
            back_channel::spawn(
                store.clone(),
                clock.clone(),
                provider.clone(),
                config.clone(),
                provider.logouts.clone(),
            );
        }
        let state = AppState {
            store,
            clock,
            test_clock,
            config: config.clone(),
            mailer,
            outbox,
            throttle,
            transport: transport.clone(),
            cards: Arc::new(crate::server::security::smartcard::ModelledCards),
            cut_over_hold: Arc::default(),
            passkeys,
            provider,
        };
        let mut files = Router::new();
        if let Some(workplace) = spa::workplace_index(&config.dist) {
            for path in spa::WORKPLACE_PATHS {
                files = files.route_service(path, workplace.clone());
            }
        }
        let files = files
            .fallback_service(spa::service(&config.dist))
            .layer(axum::middleware::from_fn(spa::cache_control));
        let mut router = routes::api(state.clone()).merge(routes::provider(state.clone()));
        if let Some(demo_app) = demo_app {
            router = router.merge(crate::server::demo_app::router(demo_app));
        }
        let router = router.fallback_service(files);
        let pages: Vec<String> = index_html.into_iter().chain(workplace_html).collect();
        let csp = spa::content_security_policy(&pages);
        let body_timeout = Duration::from_secs(config.header_timeout_seconds.max(1));
        let request_limit = Duration::from_secs(config.request_timeout_seconds.max(1));
        let router = spa::with_security_headers(router, &csp, transport.https)
            .layer(RequestBodyTimeoutLayer::new(body_timeout))
            .layer(from_fn_with_state(request_limit, request_timeout))
            .layer(axum::middleware::from_fn(crate::server::metrics::track))
            .layer(TraceLayer::new_for_http().make_span_with(request_id::span))
            // Outermost: the ID exists before the log span opens, and goes back in the answer.
            .layer(PropagateRequestIdLayer::new(HeaderName::from_static(
                request_id::HEADER,
            )))
            .layer(SetRequestIdLayer::new(
                HeaderName::from_static(request_id::HEADER),
                request_id::NewRequestIds,
            ));
        Ok(Self {
            listener,
            router,
            config,
            demo_credentials,
            state,
            sender,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|a| a.port())
            .unwrap_or_default()
    }

    pub fn url(&self) -> String {
        let addr = self
            .listener
            .local_addr()
            .expect("bound listener has an address");
        format!("{}://{addr}", self.state.transport.scheme())
    }

    /// The state the routes share; tests read the store through it.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The address to open in a browser: `localhost` for a loopback address, since passkeys
    /// need a host name (issue 17).
    pub fn browser_url(&self) -> String {
        match self.listener.local_addr() {
            Ok(addr) if addr.ip().is_loopback() => format!(
                "{}://localhost:{}",
                self.state.transport.scheme(),
                addr.port()
            ),
            _ => self.url(),
        }
    }

    pub fn print_banner(&self) {
        println!("CCASS Access is running at {}", self.browser_url());
        println!("  database: {}", redact(&self.config.database_url));
        match &self.config.smtp_url {
            Some(url) => println!("  e-mail:   SMTP {}", redact(url)),
            None => println!(
                "  e-mail:   local demo mailbox at {}/dev/mailbox",
                self.browser_url()
            ),
        }
        if self.state.transport.cookie == CookiePolicy::LoopbackDemo {
            println!(
                "  session cookie without Secure: a demo on a loopback address over plain HTTP \
                 (so that Safari keeps it); give --tls-cert and --tls-key for HTTPS"
            );
        }
        if self.config.test_clock {
            println!("  test clock ON: POST /api/test/clock sets the server's time");
        }
        if self.config.test_fixtures {
            println!("  test fixtures ON: POST /api/test/participants creates test participants");
        }
        if !self.demo_credentials.is_empty() {
            println!("\nDemo accounts (the first log-in of a user without a password goes through \"Forgot/Reset your Password\"):");
            for c in &self.demo_credentials {
                let card = c
                    .smartcard
                    .map(|(srn, pin)| format!("   smartcard {srn} PIN {pin}"))
                    .unwrap_or_default();
                println!(
                    "  {:<10} {:<34} {:<26}{card}",
                    c.login_id,
                    c.role,
                    c.password.unwrap_or("(no password yet)")
                );
            }
        }
    }

    /// Serves until SIGTERM or Ctrl-C: then stops accepting, lets requests in flight finish,
    /// stops the mail sender and hands its leases back.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let header_timeout = Duration::from_secs(self.config.header_timeout_seconds.max(1));
        let served = serve(
            self.listener,
            self.router,
            header_timeout,
            self.state.transport.tls.clone(),
            shutdown_signal(),
        )
        .await;
        self.sender.stop().await;
        tracing::info!("stopped");
        served
    }
}

/// R11: past the calendar's last holiday every day is taken for an ordinary one; the operator is
/// warned in the log from 60 days before that.
async fn warn_if_calendar_ends_soon(store: &Store, now: jiff::Timestamp) -> anyhow::Result<()> {
    let calendar = store.holiday_calendar().await?;
    let today = crate::domain::hong_kong::date(now);
    match calendar.last_day() {
        Some(last) if last.since(today)?.get_days() <= 60 => tracing::warn!(
            %last,
            "the holiday calendar ends within 60 days: load the next year's Hong Kong general holidays"
        ),
        None => tracing::warn!("no holiday calendar: every weekday is taken for a service day"),
        Some(_) => {}
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
