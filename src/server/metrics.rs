//! Prometheus metrics: requests by route and status with their latency, log-ins by method and
//! outcome, OTP failures and locks (counted from the audit events that record them), and, at
//! each scrape, the pending maker–checker work and the mail outbox. One recorder per process.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::domain::AuditAction;

static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();

/// Seconds: from a fast session check to a slow password hash under load.
const LATENCY_BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// The process's recorder, installed on first use.
pub fn recorder() -> &'static PrometheusHandle {
    RECORDER.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("seconds".into()), &LATENCY_BUCKETS)
            .expect("the buckets are not empty")
            .install_recorder()
            .expect("one metrics recorder per process")
    })
}

/// Middleware: counts every request by its route pattern (never the raw path, which holds user
/// IDs), method and status, and records its latency.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "other".to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("ccass_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("ccass_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// An audit event as it is written: the ones that are log-ins, failures and locks are counted.
pub fn audit_event(action: AuditAction, detail: &str) {
    let login = |method: &str, outcome: &'static str| {
        metrics::counter!("ccass_logins_total", "method" => method.to_owned(), "outcome" => outcome)
            .increment(1);
    };
    match action {
        AuditAction::LoginCompleted => login(detail, "success"),
        AuditAction::LoginPasswordFailed => login("PASSWORD", "failure"),
        AuditAction::SmartcardFailed => login("SMARTCARD", "failure"),
        AuditAction::OtpFailed => metrics::counter!("ccass_otp_failures_total").increment(1),
        AuditAction::AccountLocked => metrics::counter!("ccass_lockouts_total").increment(1),
        // The provider (issue 28): what it issued, never to whom or what.
        AuditAction::AuthorizationCodeIssued => {
            metrics::counter!("ccass_oidc_codes_issued_total").increment(1);
        }
        AuditAction::TokensIssued => {
            metrics::counter!("ccass_oidc_tokens_issued_total").increment(1);
        }
        AuditAction::AuthorizationCodeReplayed => {
            metrics::counter!("ccass_oidc_code_replays_total").increment(1);
        }
        AuditAction::ClientRegistered
        | AuditAction::ClientChanged
        | AuditAction::ClientSecretRotated
        | AuditAction::ClientDisabled
        | AuditAction::ClientEnabled => {
            metrics::counter!("ccass_oidc_client_changes_total", "action" => action.as_str())
                .increment(1);
        }
        _ => {}
    }
}

/// The gauges read at scrape time, then every metric in Prometheus's text format.
pub fn render(pending_requests: i64, pending_batches: i64, outbox: [i64; 3]) -> String {
    metrics::gauge!("ccass_pending_requests").set(pending_requests as f64);
    metrics::gauge!("ccass_pending_email_batches").set(pending_batches as f64);
    for (state, count) in ["queued", "sent", "failed"].into_iter().zip(outbox) {
        metrics::gauge!("ccass_outbox_mail", "state" => state).set(count as f64);
    }
    recorder().render()
}
