use crate::helpers::spawn_app;

#[tokio::test]
async fn health_answers_ok_in_json() {
    let app = spawn_app().await;

    let answer = app.visitor().health().await;

    assert_eq!(answer.ok().status, "ok");
    assert_eq!(answer.body, serde_json::json!({ "status": "ok" }));
    assert_eq!(answer.headers["content-type"], "application/json");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    let answer = app.visitor().health().await;

    assert_eq!(answer.headers["x-content-type-options"], "nosniff");
    assert_eq!(answer.headers["x-frame-options"], "DENY");
    assert_eq!(answer.headers["referrer-policy"], "no-referrer");
    assert_eq!(answer.headers["cross-origin-opener-policy"], "same-origin");
    let csp = answer.headers["content-security-policy"].to_str().unwrap();
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    // Powerful browser features nobody here needs are off; passkeys (issue 17) stay possible.
    let permissions = answer.headers["permissions-policy"].to_str().unwrap();
    for feature in [
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
    ] {
        assert!(permissions.contains(feature), "{feature} in {permissions}");
    }
    // Plain HTTP on a loopback demo: no HSTS (a browser would then refuse the plain address).
    assert!(!answer.headers.contains_key("strict-transport-security"));
}

// Raw on purpose: literal paths that no client method has.
#[tokio::test]
async fn unknown_api_paths_answer_a_json_404_never_the_spa() {
    let app = spawn_app().await;

    for path in ["/api/nope", "/api", "/api/dms/no-such-function"] {
        let answer = app.get(path).await;
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(answer.code(), "not_found", "{path}");
    }
}

#[tokio::test]
async fn a_fresh_database_starts_before_the_parallel_run_and_the_demo_moves_it_on() {
    let empty = crate::helpers::spawn_app_with(|_| {}).await;
    let demo = spawn_app().await;

    use ccass_access::domain::MigrationPhase;
    assert_eq!(
        empty.store.migration_phase().await.unwrap(),
        MigrationPhase::PreParallel
    );
    assert_eq!(
        demo.store.migration_phase().await.unwrap(),
        MigrationPhase::Parallel
    );
}

/// R11: the shipped Hong Kong holidays are loaded at first start, and only then.
#[tokio::test]
async fn the_holiday_calendar_is_loaded_at_first_start_and_kept_after() {
    let app = crate::helpers::spawn_app().await;
    let calendar = app.store.holiday_calendar().await.unwrap();
    assert!(calendar.is_holiday(jiff::civil::date(2025, 12, 25)));
    assert!(calendar.is_holiday(jiff::civil::date(2027, 1, 1)));
    assert!(!calendar.is_holiday(jiff::civil::date(2026, 12, 1)));
    app.sql("DELETE FROM holidays WHERE day = '2027-01-01'")
        .await;

    // Another start on the same database loads nothing again.
    let again = app.another_instance(|config| config.demo = true).await;

    let calendar = again.store.holiday_calendar().await.unwrap();
    assert!(!calendar.is_holiday(jiff::civil::date(2027, 1, 1)));
    assert!(calendar.is_holiday(jiff::civil::date(2025, 12, 25)));
}

#[tokio::test]
async fn ready_only_with_every_migration_of_this_version_applied() {
    let app = spawn_app().await;
    let ready = app.get(ccass_access::api::paths::READY).await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.body["status"], "ready");

    // A database whose schema is behind this version: alive, but not ready for traffic.
    app.sql(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .await;
    assert_eq!(app.get(ccass_access::api::paths::READY).await.status, 503);
    assert_eq!(app.get(ccass_access::api::paths::HEALTH).await.status, 200);
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_keeps_the_load_balancers() {
    let app = spawn_app().await;
    let answer = app.visitor().health().await;
    let id = answer.headers["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 32, "{id}");
    assert_ne!(
        app.visitor().health().await.headers["x-request-id"]
            .to_str()
            .unwrap(),
        id,
        "each request its own"
    );
    let given = app
        .visitor()
        .with_header("x-request-id", "lb-7f3a9c")
        .health()
        .await;
    assert_eq!(given.headers["x-request-id"], "lb-7f3a9c");
}

#[tokio::test]
async fn metrics_count_requests_log_ins_and_the_outbox_for_prometheus() {
    let app = spawn_app().await;
    let person = app.user().await;
    app.login(&person.id, "not the password").await;
    let (person, secret) = app.user_with_device().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    app.advance(30).await;
    browser
        .submit_otp(&secret.code_at(app.now().await))
        .await
        .ok();

    let scraped = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(scraped.status(), 200);
    let text = scraped.text().await.unwrap();
    for metric in [
        "ccass_http_requests_total{route=\"/api/auth/login\",method=\"POST\",status=\"401\"}",
        "ccass_http_request_duration_seconds_bucket{route=\"/api/auth/login\"",
        "ccass_logins_total{method=\"PASSWORD\",outcome=\"failure\"}",
        "ccass_logins_total{method=\"APP_OTP\",outcome=\"success\"}",
        "ccass_pending_requests",
        "ccass_outbox_mail{state=\"queued\"}",
    ] {
        assert!(text.contains(metric), "{metric} in\n{text}");
    }
    // Route patterns, never raw paths with user IDs.
    assert!(!text.contains(&person.id), "{text}");
}
