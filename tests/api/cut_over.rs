//! The cut-over and readiness (issue 12; R15, R29): the readiness counts, the dry run that lists
//! exactly what the move to POST_PARALLEL removes, the move under four eyes with each
//! participant left without a DA confirmed by name, the archive restored or replaced, and a
//! cut-over killed halfway that leaves the old state whole.

use ccass_access::api::{
    paths, OperatorRequestDraft, ProfileForm, RequestDraft, RequestStatus, TestProfileSpec,
    TestRole,
};
use ccass_access::domain::AuditAction;
use sqlx::Row;

use crate::helpers::{spawn_app_with, spec, Person, ServerProcess, TestApp, Visitor};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

fn without_email(role: TestRole) -> TestProfileSpec {
    TestProfileSpec {
        email: false,
        ..spec(role)
    }
}

fn with_card(spec: TestProfileSpec) -> TestProfileSpec {
    TestProfileSpec {
        smartcard: true,
        ..spec
    }
}

fn participant(person: &Person) -> String {
    person.id[..6].to_owned()
}

/// A server without the demo data, in the parallel run, the DMS open.
async fn parallel_run() -> TestApp {
    let app = spawn_app_with(|_| {}).await;
    prepare(&app).await;
    app
}

async fn prepare(app: &TestApp) {
    app.set_time(OPEN).await;
    app.sql("UPDATE system_state SET migration_phase = 'PARALLEL' WHERE singleton = 1")
        .await;
}

pub(crate) async fn operators(app: &TestApp) -> (Visitor<'_>, Visitor<'_>) {
    let people = app
        .people(&[spec(TestRole::Operator), spec(TestRole::Operator)])
        .await;
    (
        app.signed_in(&people[0]).await,
        app.signed_in(&people[1]).await,
    )
}

fn cut_over(confirmed: &[String]) -> OperatorRequestDraft {
    OperatorRequestDraft::MovePhase {
        to: "POST_PARALLEL".into(),
        confirmed_participants: confirmed.to_vec(),
    }
}

async fn scalar(app: &TestApp, query: &str) -> Option<String> {
    let row = sqlx::query(query)
        .fetch_optional(app.store.pool())
        .await
        .unwrap();
    row.and_then(|r| r.try_get::<Option<String>, _>(0).unwrap())
}

async fn count(app: &TestApp, query: &str) -> i64 {
    let row = sqlx::query(query)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    row.try_get::<i64, _>(0).unwrap()
}

async fn phase(app: &TestApp) -> String {
    app.visitor().phase().await.ok().phase
}

#[tokio::test]
async fn r29_the_report_counts_emails_2fa_and_smartcard_per_participant_and_a_da_sees_their_own() {
    let app = parallel_run().await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            with_card(spec(TestRole::User)),
            with_card(spec(TestRole::User)),
            without_email(TestRole::User),
            spec(TestRole::User),
        ])
        .await;
    let maker = app.signed_in(&people[0]).await;
    // 2FA first, then the smartcard: still counted as having used 2FA.
    app.signed_in(&people[2]).await;
    for person in &people[2..4] {
        app.visitor()
            .smartcard_login(
                &person.id,
                person.srn.as_deref().unwrap(),
                person.pin.as_deref().unwrap(),
            )
            .await
            .ok();
    }
    let (operator, _) = operators(&app).await;

    let report = operator.readiness().await.ok();
    let id = participant(&people[0]);
    let row = report
        .participants
        .iter()
        .find(|r| r.participant_id == id)
        .unwrap();
    assert_eq!(
        (
            row.profiles,
            row.with_email,
            row.without_email,
            row.two_factor,
            row.smartcard_only,
            row.never_logged_in
        ),
        (6, 5, 1, 2, 1, 3)
    );
    assert_eq!(
        report.total.profiles,
        report.participants.iter().map(|r| r.profiles).sum::<i64>()
    );
    assert_eq!(maker.own_readiness().await.ok(), *row);

    let (status, csv) = operator.csv(paths::OPERATOR_READINESS_CSV).await;
    assert_eq!(status, 200);
    assert!(csv.contains(&format!("{id},")), "{csv}");
    assert!(csv.contains(",6,5,1,2,1,3\r\n"), "{csv}");
    assert!(csv.contains("TOTAL,"), "{csv}");

    // The DMS listing's "never by 2FA" filter agrees: the smartcard-only user, not the other.
    let listed = maker
        .get(&format!(
            "{}?filter=never_2fa&per_page=200",
            paths::DMS_USERS
        ))
        .await;
    let ids: Vec<&str> = listed.body["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&people[3].id.as_str()) && !ids.contains(&people[2].id.as_str()));

    // Operators only; a user reads no one's report.
    let user = app.signed_in(&people[5]).await;
    assert_eq!(user.readiness().await.status, 403);
    assert_eq!(user.own_readiness().await.status, 403);
    assert_eq!(maker.readiness().await.status, 403);
}

#[tokio::test]
async fn r15_the_dry_run_lists_exactly_the_profiles_without_email_and_names_participants_left_without_a_da(
) {
    let app = parallel_run().await;
    let kept = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            spec(TestRole::User),
            without_email(TestRole::User),
            with_card(without_email(TestRole::User)),
        ])
        .await;
    let losing = app
        .people(&[
            without_email(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            with_card(spec(TestRole::User)),
        ])
        .await;
    let (first, _) = operators(&app).await;

    let dry_run = first.dry_run().await.ok();
    assert_eq!((dry_run.users_total, dry_run.das_total), (2, 1));
    // Every profile of the parallel run carries a smartcard's SRN until the cut-over.
    assert_eq!(dry_run.smartcard_profiles, 8);
    let line = |id: &str| {
        dry_run
            .participants
            .iter()
            .find(|p| p.participant_id == id)
            .cloned()
            .unwrap()
    };
    let a = line(&participant(&kept[0]));
    assert_eq!(
        (
            a.users_removed,
            a.das_removed,
            a.no_maker_after,
            a.no_checker_after
        ),
        (2, 0, false, false)
    );
    let b = line(&participant(&losing[0]));
    assert_eq!(
        (
            b.users_removed,
            b.das_removed,
            b.no_maker_after,
            b.no_checker_after
        ),
        (0, 1, true, false)
    );
    assert_eq!(dry_run.das.len(), 1);
    assert_eq!(dry_run.das[0].user_id, losing[0].id);
    let page = first.users_to_remove(&participant(&kept[0]), 1).await.ok();
    let mut expected = vec![kept[3].id.clone(), kept[4].id.clone()];
    expected.sort();
    assert_eq!(
        page.profiles
            .iter()
            .map(|p| p.user_id.clone())
            .collect::<Vec<_>>(),
        expected
    );
    let (status, csv) = first.csv(paths::OPERATOR_CUT_OVER_CSV).await;
    assert_eq!(status, 200);
    for person in [&kept[3], &kept[4], &losing[0]] {
        assert!(csv.contains(&person.id), "{csv}");
    }
    for person in [&kept[0], &kept[2], &losing[1], &losing[2]] {
        assert!(!csv.contains(&person.id), "{csv}");
    }
    let bad = first
        .get(&format!(
            "{}?participant=nope",
            paths::OPERATOR_CUT_OVER_PROFILES
        ))
        .await;
    assert_eq!(bad.status, 422);

    // The participant left without a maker must be confirmed by name.
    let refused = first.operator_request(&cut_over(&[])).await;
    assert_eq!(refused.status, 409);
    assert!(
        refused.error().message.contains(&participant(&losing[0])),
        "{}",
        refused.error().message
    );
    let made = first
        .operator_request(&cut_over(&[participant(&losing[0])]))
        .await
        .ok();
    assert_eq!(made.status, RequestStatus::Pending);
    assert!(made
        .changes
        .iter()
        .any(|c| c.field == "profiles_removed" && c.after == "3"));
}

#[tokio::test]
async fn r15_the_approved_cut_over_archives_withdraws_ends_sessions_and_clears_smartcards_at_once()
{
    let app = parallel_run().await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            with_card(spec(TestRole::User)),
            with_card(without_email(TestRole::User)),
            without_email(TestRole::User),
        ])
        .await;
    let (card_user, archived_with_card, archived) = (&people[2], &people[3], &people[4]);
    let maker = app.signed_in(&people[0]).await;
    let in_session = app.visitor();
    in_session
        .smartcard_login(
            &archived_with_card.id,
            archived_with_card.srn.as_deref().unwrap(),
            archived_with_card.pin.as_deref().unwrap(),
        )
        .await
        .ok();
    let version = maker.enquire(&archived.id).await.ok().version;
    maker
        .make_request(&RequestDraft::Change {
            user_id: archived.id.clone(),
            version,
            profile: ProfileForm {
                email: String::new(),
                surname: "WONG".into(),
                ..profile()
            },
        })
        .await
        .ok();
    let (first, second) = operators(&app).await;

    let made = first.operator_request(&cut_over(&[])).await.ok();
    assert_eq!(first.approve(&made.request_id).await.status, 403);
    let approved = second.approve(&made.request_id).await.ok();
    assert_eq!(approved.status, RequestStatus::Authorised);

    assert_eq!(phase(&app).await, "POST_PARALLEL");
    assert_eq!(in_session.session().await.status, 401);
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT status FROM change_requests WHERE target_user_id = '{}'",
                archived.id
            )
        )
        .await
        .as_deref(),
        Some("WITHDRAWN")
    );
    for gone in [archived, archived_with_card] {
        assert_eq!(maker.enquire(&gone.id).await.status, 404);
        assert_eq!(
            count(
                &app,
                &format!(
                    "SELECT COUNT(*) FROM credentials WHERE login_id = '{}'",
                    gone.id
                )
            )
            .await,
            0
        );
        assert!(app
            .store
            .audit_actions(&gone.id)
            .await
            .unwrap()
            .contains(&AuditAction::ProfileArchived));
    }
    // Smartcards end: no SRN, expiry or PIN is left anywhere, and the card no longer logs in.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM profiles WHERE srn IS NOT NULL OR certificate_expiry IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM credentials WHERE smartcard_pin_hash IS NOT NULL"
        )
        .await,
        0
    );
    let refused = app
        .visitor()
        .smartcard_login(
            &card_user.id,
            card_user.srn.as_deref().unwrap(),
            card_user.pin.as_deref().unwrap(),
        )
        .await;
    assert!(refused.status >= 400);
    assert_eq!(maker.enquire(&card_user.id).await.ok().srn, None);

    let archive = first.archive(&participant(archived)).await.ok();
    let mut listed: Vec<(&str, &str)> = archive
        .rows
        .iter()
        .map(|r| (r.profile.user_id.as_str(), r.state.as_str()))
        .collect();
    listed.sort();
    let mut expected = vec![
        (archived_with_card.id.as_str(), "ARCHIVED"),
        (archived.id.as_str(), "ARCHIVED"),
    ];
    expected.sort();
    assert_eq!(listed, expected);
    let (status, csv) = first.csv(paths::OPERATOR_ARCHIVE_CSV).await;
    assert_eq!(status, 200);
    assert!(
        csv.contains(&archived.id) && csv.contains(",ARCHIVED,"),
        "{csv}"
    );

    // Approved once only.
    assert_eq!(second.approve(&made.request_id).await.status, 409);
}

#[tokio::test]
async fn r15_a_participant_newly_left_without_a_da_when_the_cut_over_is_approved_makes_it_stale() {
    let app = parallel_run().await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            without_email(TestRole::User),
        ])
        .await;
    let (first, second) = operators(&app).await;
    let made = first.operator_request(&cut_over(&[])).await.ok();
    // Meanwhile the checker's e-mail goes: the cut-over would now take the only checker.
    app.sql(&format!(
        "UPDATE profiles SET email = NULL WHERE user_id = '{}'",
        people[1].id
    ))
    .await;

    let refused = second.approve(&made.request_id).await;
    assert_eq!(refused.status, 409);
    assert!(refused.error().message.contains(&participant(&people[0])));
    let requests = first.operator_requests().await.ok();
    assert!(requests.iter().all(|r| r.request_id != made.request_id));
    assert_eq!(phase(&app).await, "PARALLEL");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM archived_profiles").await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT status FROM operator_requests WHERE request_id = '{}'",
                made.request_id
            )
        )
        .await
        .as_deref(),
        Some("STALE")
    );
}

fn profile() -> ProfileForm {
    ProfileForm {
        status: "ENABLED".into(),
        surname: "CHAN".into(),
        other_names: "TAI MAN".into(),
        email: "tai.man@broker.example.com".into(),
        enable_from: "2026-12-01".into(),
        disable_after: String::new(),
        clearing_houses: vec!["CASH".into()],
    }
}

#[tokio::test]
async fn r15_an_archived_profile_is_restored_under_four_eyes_with_its_history_or_replaced_by_a_da()
{
    let app = parallel_run().await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            without_email(TestRole::User),
            without_email(TestRole::User),
        ])
        .await;
    let (restored, replaced) = (&people[2], &people[3]);
    // Some history: a log-in by password and app before the cut-over.
    app.signed_in(restored).await;
    let (first, second) = operators(&app).await;
    let made = first.operator_request(&cut_over(&[])).await.ok();
    second.approve(&made.request_id).await.ok();
    let archive = first.archive(&participant(restored)).await.ok();
    let entry = |id: &str| {
        archive
            .rows
            .iter()
            .find(|r| r.profile.user_id == id)
            .unwrap()
            .archive_id
            .clone()
    };

    let restore = first
        .operator_request(&OperatorRequestDraft::RestoreProfile {
            archive_id: entry(&restored.id),
        })
        .await
        .ok();
    assert_eq!(first.approve(&restore.request_id).await.status, 403);
    second.approve(&restore.request_id).await.ok();
    let maker = app.signed_in(&people[0]).await;
    let back = maker.enquire(&restored.id).await.ok();
    assert_eq!(back.srn, None);
    // Its password came back with it.
    assert_eq!(
        app.login(&restored.id, restored.password()).await.status,
        200
    );
    let history = app.store.audit_actions(&restored.id).await.unwrap();
    let position = |action| history.iter().position(|a| *a == action).unwrap();
    assert!(position(AuditAction::LoginCompleted) < position(AuditAction::ProfileArchived));
    assert!(position(AuditAction::ProfileArchived) < position(AuditAction::ProfileRestored));
    let again = first
        .operator_request(&OperatorRequestDraft::RestoreProfile {
            archive_id: entry(&restored.id),
        })
        .await;
    assert_eq!(again.status, 409);

    // A DA creates the other user ID again instead: the archive entry is replaced.
    let checker = app.signed_in(&people[1]).await;
    let created = maker
        .make_request(&RequestDraft::Create {
            user_id: replaced.id.clone(),
            profile: profile(),
        })
        .await
        .ok();
    let code = checker.authorisation_code().await.ok().code;
    maker
        .confirm(&created.request_id, &people[1].id, &code)
        .await
        .ok();
    let archive = first.archive(&participant(replaced)).await.ok();
    let state = |id: &str| {
        archive
            .rows
            .iter()
            .find(|r| r.profile.user_id == id)
            .map(|r| r.state.clone())
            .unwrap()
    };
    assert_eq!(state(&replaced.id), "REPLACED");
    assert_eq!(state(&restored.id), "RESTORED");
    let refused = first
        .operator_request(&OperatorRequestDraft::RestoreProfile {
            archive_id: entry(&replaced.id),
        })
        .await;
    assert_eq!(refused.status, 409);
    let unknown = first
        .operator_request(&OperatorRequestDraft::RestoreProfile {
            archive_id: "no-such-entry".into(),
        })
        .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn r15_a_cut_over_killed_halfway_leaves_the_old_state_whole_and_completes_after_restart() {
    let mut server = ServerProcess::spawn().await;
    prepare(&server.app).await;
    let people = server
        .app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            with_card(spec(TestRole::User)),
            without_email(TestRole::User),
        ])
        .await;
    let (first, second) = operators(&server.app).await;
    let made = first.operator_request(&cut_over(&[])).await.ok();
    let armed = second
        .post(paths::TEST_HOLD_CUT_OVER, &serde_json::json!({}))
        .await;
    assert_eq!(armed.status, 200);

    // The approval stops inside its transaction, every write made; then the server is killed.
    let approval = {
        let client = server.app.client.clone();
        let url = server.app.url(&paths::fill(
            paths::OPERATOR_REQUEST_APPROVE,
            &made.request_id,
        ));
        let cookie = second.cookie().unwrap();
        tokio::spawn(async move {
            client
                .post(url)
                .header(ccass_access::api::CSRF_HEADER, "1")
                .header("cookie", cookie)
                .json(&serde_json::json!({}))
                .send()
                .await
        })
    };
    let mut held = false;
    for _ in 0..300 {
        if second.get(paths::TEST_HOLD_CUT_OVER).await.body["done"] == true {
            held = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(held, "the cut-over reached its hold");
    let second_cookie = second.cookie();
    server.kill();
    assert!(
        approval.await.unwrap().is_err(),
        "the approval never answered"
    );

    let server = server.restart().await;
    let app = &server.app;
    assert_eq!(phase(app).await, "PARALLEL");
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM archived_profiles").await,
        0
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM profiles WHERE user_id = '{}'",
                people[3].id
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM profiles WHERE user_id = '{}' AND srn IS NOT NULL",
                people[2].id
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'PROFILE_ARCHIVED'"
        )
        .await,
        0
    );
    let second = app.visitor_with_cookie(second_cookie);
    let pending = second.operator_requests().await.ok();
    assert!(pending.iter().any(|r| r.request_id == made.request_id));

    // The same request, approved again, now completes.
    second.approve(&made.request_id).await.ok();
    assert_eq!(phase(app).await, "POST_PARALLEL");
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM archived_profiles").await,
        1
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT COUNT(*) FROM profiles WHERE user_id = '{}'",
                people[3].id
            )
        )
        .await,
        0
    );
}
