//! Back-Channel Logout 1.0: when a session ends, by whatever road, each client that got tokens
//! in it is sent a logout token, off the request's path, at least once, retried with backoff.
//! The sender also ends sessions past their limits, so that an idle or absolute expiry is told
//! as any other logout. It polls every second and is woken at once by a logout here.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use crate::domain::AuditAction;
use crate::server::clock::Clock;
use crate::server::config::Config;
use crate::server::mail::sender::backoff;
use crate::server::provider::{LogoutSignal, Provider};
use crate::server::store::{AuditEvent, DueLogout, Store};

/// The event a logout token carries (section 2.4).
pub const LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";
/// How long a logout token is good for: a relying party refuses it later.
pub const LOGOUT_TOKEN_LIFETIME: SignedDuration = SignedDuration::from_mins(2);
/// How long an application may take to answer.
const SEND_TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_secs(1);
/// Expired sessions are looked for this often.
const SWEEP_EVERY: SignedDuration = SignedDuration::from_secs(30);
/// Given up after this many attempts: about a day, with the outbox's backoff (at most a quarter
/// of an hour between two).
const MAX_ATTEMPTS: i64 = 100;
const BATCH: i64 = 20;

pub fn spawn(
    store: Store,
    clock: Arc<dyn Clock>,
    provider: Arc<Provider>,
    config: Arc<Config>,
    signal: LogoutSignal,
) {
    let http = match reqwest::Client::builder()
        .timeout(SEND_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(http) => http,
        Err(e) => {
            tracing::error!(error = %e, "no HTTP client for back-channel logout");
            return;
        }
    };
    tokio::spawn(async move {
        let mut last_sweep: Option<Timestamp> = None;
        loop {
            let now = clock.now();
            if last_sweep.is_none_or(|at| now >= at + SWEEP_EVERY || now < at) {
                last_sweep = Some(now);
                if let Err(e) = end_expired(&store, &config, now).await {
                    tracing::warn!(error = format!("{e:#}"), "ending expired sessions");
                }
            }
            if let Err(e) = round(&store, &provider, &http, now).await {
                tracing::warn!(error = format!("{e:#}"), "back-channel logout");
            }
            tokio::select! {
                () = signal.woken() => {},
                () = tokio::time::sleep(POLL) => {},
            }
        }
    });
}

async fn end_expired(store: &Store, config: &Config, now: Timestamp) -> anyhow::Result<()> {
    let idle = SignedDuration::from_mins(i64::from(config.session_idle_minutes));
    let absolute = SignedDuration::from_hours(i64::from(config.session_absolute_hours));
    let mut change = store.change(now).await?;
    let ended = change
        .end_expired_sessions(now - idle, now - absolute)
        .await?;
    let _ = change.commit().await?;
    if ended > 0 {
        tracing::debug!(ended, "expired sessions ended");
    }
    Ok(())
}

/// Finds the sessions that ended, and sends what is due.
async fn round(
    store: &Store,
    provider: &Provider,
    http: &reqwest::Client,
    now: Timestamp,
) -> anyhow::Result<()> {
    let mut change = store.change(now).await?;
    change.enqueue_ended_sessions().await?;
    let due = change
        .claim_due_logouts(BATCH, now + SignedDuration::from_secs(60))
        .await?;
    let _ = change.commit().await?;
    for logout in due {
        let outcome = send(store, provider, http, &logout, now).await;
        let mut change = store.change(now).await?;
        let detail;
        let action = match &outcome {
            Ok(()) => {
                change.logout_delivered(&logout.logout_id).await?;
                detail = json!({ "sid": logout.sid }).to_string();
                metrics::counter!("ccass_backchannel_logouts_total", "outcome" => "delivered")
                    .increment(1);
                Some(AuditAction::LogoutSent)
            }
            Err(why) => {
                let attempts = logout.attempts + 1;
                let next = (attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts));
                change.logout_failed(&logout.logout_id, why, next).await?;
                detail =
                    json!({ "sid": logout.sid, "error": why, "attempts": attempts }).to_string();
                let outcome = if next.is_some() {
                    "retried"
                } else {
                    "abandoned"
                };
                metrics::counter!("ccass_backchannel_logouts_total", "outcome" => outcome)
                    .increment(1);
                next.is_none().then_some(AuditAction::LogoutFailed)
            }
        };
        if let Some(action) = action {
            change
                .record(AuditEvent {
                    actor: "SYSTEM",
                    action,
                    subject: Some(&logout.client_id),
                    detail: &detail,
                })
                .await?;
        }
        let _ = change.commit().await?;
    }
    Ok(())
}

/// One attempt: the logout token signed now, posted as a form (section 2.5).
async fn send(
    store: &Store,
    provider: &Provider,
    http: &reqwest::Client,
    logout: &DueLogout,
    now: Timestamp,
) -> Result<(), String> {
    let client = store
        .client(&logout.client_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the client is gone")?;
    let uri = client
        .settings
        .backchannel_logout_uri
        .as_ref()
        .ok_or("the client has no back-channel logout URI")?;
    let issuer = provider.issuer.as_ref().ok_or("no issuer")?;
    let keys = provider
        .keys
        .current(store, now)
        .await
        .map_err(|e| e.to_string())?;
    let claims = json!({
        "iss": issuer.as_str(),
        "aud": client.client_id,
        "iat": now.as_second(),
        "exp": (now + LOGOUT_TOKEN_LIFETIME).as_second(),
        "jti": logout.logout_id,
        "events": { LOGOUT_EVENT: {} },
        "sid": logout.sid,
        "sub": logout.subject,
    });
    let token = keys
        .signer(client.settings.id_token_alg)
        .and_then(|key| key.sign("logout+jwt", &claims))
        .map_err(|e| e.to_string())?;
    let answer = http
        .post(uri.as_str())
        .form(&[("logout_token", token.as_str())])
        .send()
        .await
        .map_err(|e| format!("not reached: {}", e.without_url()))?;
    match answer.status().as_u16() {
        200 | 204 => Ok(()),
        status => Err(format!("answered {status}")),
    }
}
