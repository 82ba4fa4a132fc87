//! Several instances on one database (issue 14): two servers share nothing but the database
//! (PostgreSQL when `TEST_POSTGRES_URL` names one, else one SQLite file), and everything a
//! person can notice holds across them: sessions, used TOTP steps, the lock, maker–checker, the
//! mail outbox, the phase and the holiday calendar. (Throttle budgets across instances:
//! `security::r24_budgets_hold_across_server_instances`.)

use ccass_access::api::{OperatorRequestDraft, ProfileForm, RequestDraft, TestRole};
use sqlx::Row;

use crate::helpers::{all_at_once, spawn_app, spawn_together, spec, TestApp};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

async fn pair() -> (TestApp, TestApp) {
    let first = spawn_app().await;
    let second = first.another_instance(|config| config.demo = true).await;
    (first, second)
}

async fn one(app: &TestApp, query: &str) -> i64 {
    sqlx::query(query)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
        .get::<i64, _>(0)
}

#[tokio::test]
async fn a_session_made_on_one_instance_works_on_the_other_and_a_used_code_is_refused_there() {
    let (a, b) = pair().await;
    let (person, secret) = a.user_with_device().await;
    let on_a = a.visitor();
    assert_eq!(on_a.login(&person.id, person.password()).await.status, 200);
    let code = secret.code_at(a.now().await);
    assert_eq!(on_a.submit_otp(&code).await.status, 200);

    let same_browser_on_b = b.visitor_with_cookie(on_a.cookie());
    assert_eq!(same_browser_on_b.session().await.ok().user_id, person.id);

    let other = b.visitor();
    assert_eq!(other.login(&person.id, person.password()).await.status, 200);
    let replay = other.submit_otp(&code).await;
    assert!(
        replay.status >= 400,
        "a code used on one instance is spent on both"
    );
    // Logging out on B ends the session on A too.
    same_browser_on_b.logout().await.ok();
    assert_eq!(on_a.session().await.status, 401);
}

#[tokio::test]
async fn five_failures_spread_over_two_instances_lock_the_account_on_both() {
    let (a, b) = pair().await;
    let person = a.user().await;
    let statuses: Vec<u16> = {
        let mut statuses = Vec::new();
        for n in 0..5 {
            let app = if n % 2 == 0 { &a } else { &b };
            statuses.push(app.login(&person.id, "not the password").await.status);
        }
        statuses
    };
    // The fifth failure, on the first instance, is the one that locks.
    assert_eq!(statuses, [401, 401, 401, 401, 423]);
    let locked = one(
        &a,
        &format!(
            "SELECT COUNT(*) FROM credentials WHERE login_id = '{}' AND locked_at IS NOT NULL",
            person.id
        ),
    )
    .await;
    assert_eq!(locked, 1);
    for app in [&a, &b] {
        let refused = app.login(&person.id, person.password()).await;
        assert_ne!(refused.status, 200, "locked on every instance");
    }
}

#[tokio::test]
async fn two_checkers_confirming_on_two_instances_apply_the_request_once() {
    let (a, b) = pair().await;
    a.set_time(OPEN).await;
    b.set_time(OPEN).await;
    let people = a
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            spec(TestRole::DaChecker),
            spec(TestRole::User),
        ])
        .await;
    let maker = a.signed_in(&people[0]).await;
    let first_checker = a.signed_in(&people[1]).await;
    let second_checker = b.signed_in(&people[2]).await;
    let user = maker.enquire(&people[3].id).await.ok();
    let made = maker
        .make_request(&RequestDraft::Change {
            user_id: user.user_id.clone(),
            version: user.version,
            profile: ProfileForm {
                surname: "ONCE".into(),
                ..user.form.clone()
            },
        })
        .await
        .ok();
    let codes = (
        first_checker.authorisation_code().await.ok().code,
        second_checker.authorisation_code().await.ok().code,
    );

    let (one_answer, other_answer) = tokio::join!(
        first_checker.confirm(&made.request_id, &people[1].id, &codes.0),
        second_checker.confirm(&made.request_id, &people[2].id, &codes.1),
    );
    let mut statuses = [one_answer.status, other_answer.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    assert_eq!(
        maker.enquire(&people[3].id).await.ok().version,
        user.version + 1
    );
    let authorised = one(
        &a,
        &format!(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'REQUEST_AUTHORISED' AND subject = '{}'",
            people[3].id
        ),
    )
    .await;
    assert_eq!(authorised, 1);
}

#[tokio::test]
async fn mail_queued_on_one_instance_is_sent_once_though_both_send() {
    let (a, b) = pair().await;
    let people = a
        .people(&vec![
            ccass_access::api::TestProfileSpec {
                password: false,
                ..spec(TestRole::User)
            };
            12
        ])
        .await;
    let resets = people.iter().enumerate().map(|(n, person)| {
        let app = if n % 2 == 0 { &a } else { &b };
        async move { app.visitor().reset_password(&person.id).await.status }
    });
    assert!(all_at_once(resets).await.iter().all(|s| *s == 200));
    for person in &people {
        assert_eq!(a.mail_count_to(person.email()).await, 1, "{}", person.id);
    }
    let sent_twice = one(
        &b,
        "SELECT COUNT(*) FROM mail_outbox WHERE delivered_at IS NOT NULL AND attempts <> 1",
    )
    .await;
    assert_eq!(sent_twice, 0);
}

#[tokio::test]
async fn the_phase_and_the_holiday_calendar_are_one_for_every_instance() {
    let (a, b) = pair().await;
    let operators = a
        .people(&[spec(TestRole::Operator), spec(TestRole::Operator)])
        .await;
    let first = a.signed_in(&operators[0]).await;
    let second_on_a = a.signed_in(&operators[1]).await;
    let second = b.visitor_with_cookie(second_on_a.cookie());

    let asked = first
        .upload_holidays("date,name\n2028-01-01,The first day of January\n")
        .await
        .ok();
    second.approve(&asked.request_id).await.ok();
    let seen_on_b = second.holidays().await.ok();
    assert_eq!(seen_on_b.holidays.len(), 1);

    let before = b.visitor().phase().await.ok().phase;
    let made = first
        .operator_request(&OperatorRequestDraft::MovePhase {
            to: b.visitor().phase().await.ok().next.unwrap(),
            confirmed_participants: Vec::new(),
        })
        .await
        .ok();
    second.approve(&made.request_id).await.ok();
    let after_on_a = a.visitor().phase().await.ok().phase;
    assert_ne!(after_on_a, before);
    assert_eq!(b.visitor().phase().await.ok().phase, after_on_a);
}

#[tokio::test]
async fn instances_started_together_on_a_new_database_migrate_it_once_and_all_serve() {
    let fleet = spawn_together(3).await;
    for app in &fleet {
        assert_eq!(app.get("/api/health").await.status, 200);
    }
    let applied = one(
        &fleet[0],
        "SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE",
    )
    .await;
    let shipped = sqlx::migrate!("./migrations").migrations.len() as i64;
    assert_eq!(applied, shipped);
    // The shipped holiday calendar is loaded once, whichever instance came first.
    let holidays = one(&fleet[0], "SELECT COUNT(*) FROM holidays").await;
    assert!(holidays > 40 && holidays < 60, "{holidays}");
}
