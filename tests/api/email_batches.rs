//! Bulk e-mail registration (issue 13, beyond the seed; R5, R7, R8, R11, R26, R27): a file
//! checked row by row without a write, its valid rows one batch that a checker authorises once,
//! each row judged again then, and bad input refused with its reason.

use ccass_access::api::{ProfileForm, RequestDraft, RequestStatus, TestProfileSpec, TestRole};
use ccass_access::domain::bulk_email::{RowOutcome, RowRefusal, RowVerdict};
use ccass_access::domain::AuditAction;

use crate::helpers::{spawn_app, spec, Person, TestApp};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

fn without_email() -> TestProfileSpec {
    TestProfileSpec {
        email: false,
        ..spec(TestRole::User)
    }
}

/// Maker, checker, three users without an e-mail, one with; and a settlement agent's user.
async fn people(app: &TestApp) -> (Vec<Person>, Person) {
    app.set_time(OPEN).await;
    let own = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            without_email(),
            without_email(),
            without_email(),
            spec(TestRole::User),
        ])
        .await;
    let agent = app
        .agent_people(&own[0].id[..6], &[without_email()])
        .await
        .remove(0);
    (own, agent)
}

#[tokio::test]
async fn every_row_of_a_file_is_judged_with_its_reason_and_nothing_is_written() {
    let app = spawn_app().await;
    let (own, agent) = people(&app).await;
    let stranger = app.people(&[spec(TestRole::User)]).await.remove(0);
    let maker = app.signed_in(&own[0]).await;
    let pending_for = &own[4];
    let version = maker.enquire(&pending_for.id).await.ok().version;
    maker
        .make_request(&RequestDraft::Change {
            user_id: pending_for.id.clone(),
            version,
            profile: ProfileForm {
                email: "first@broker.example.com".into(),
                ..maker.enquire(&pending_for.id).await.ok().form
            },
        })
        .await
        .ok();
    let csv = format!(
        "User ID,E-mail\n\
         {new},new.one@broker.example.com\n\
         {changed},\"changed.one@broker.example.com\"\n\
         {unchanged},{unchanged_email}\n\
         {agent},agent.user@agent.example.com\n\
         NOT-AN-ID,x@broker.example.com\n\
         {bad_email},not an address\n\
         {new},again@broker.example.com\n\
         {stranger},s@elsewhere.example.com\n\
         {no_such},n@broker.example.com\n\
         {da},da@broker.example.com\n\
         {pending},p@broker.example.com\n\
         {three},a@b.example.com,extra\n",
        new = own[2].id,
        changed = own[5].id,
        unchanged = own[5].id.to_lowercase(),
        unchanged_email = own[5].email(),
        agent = agent.id,
        bad_email = own[3].id,
        stranger = stranger.id,
        no_such = own[2].unused_id("88"),
        da = own[1].id,
        pending = pending_for.id,
        three = own[3].id,
    );

    let checked = maker.check_email_batch(&csv).await.ok();
    let verdicts: Vec<(u32, Option<RowVerdict>, Option<String>)> = checked
        .rows
        .iter()
        .map(|r| (r.line, r.verdict, r.problem.clone()))
        .collect();
    assert_eq!(verdicts.len(), 12, "{verdicts:?}");
    assert_eq!(verdicts[0], (2, Some(RowVerdict::New), None));
    assert_eq!(verdicts[1].1, Some(RowVerdict::Changed));
    // The same user twice: the second row says so (the first is the changed one above).
    assert_eq!(
        verdicts[2].2.as_deref(),
        Some("This user ID is on an earlier row too.")
    );
    assert_eq!(verdicts[3].1, Some(RowVerdict::New));
    let problems: Vec<&str> = verdicts[4..]
        .iter()
        .map(|(_, _, p)| p.as_deref().unwrap_or("-"))
        .collect();
    assert!(problems[0].contains("user ID"), "{problems:?}");
    assert!(!problems[1].is_empty() && problems[1] != "-");
    assert_eq!(problems[2], "This user ID is on an earlier row too.");
    assert_eq!(
        problems[3],
        "This user is neither your participant's nor one of its settlement agents'."
    );
    assert_eq!(problems[4], "No user profile has this ID.");
    assert!(problems[5].contains("DA user ID"), "{problems:?}");
    assert_eq!(
        problems[6],
        "A request on this user is already pending checker approval."
    );
    assert_eq!(
        problems[7],
        "Two cells are expected: a user ID and an e-mail."
    );
    assert_eq!(
        (checked.to_register, checked.unchanged, checked.errors),
        (3, 0, 9)
    );
    // Nothing was written.
    assert_eq!(maker.enquire(&own[2].id).await.ok().form.email, "");
    assert!(maker.email_batches().await.ok().is_empty());
}

#[tokio::test]
async fn the_valid_rows_become_one_batch_a_checker_authorises_once_and_a_stale_row_is_refused_alone(
) {
    let app = spawn_app().await;
    let (own, agent) = people(&app).await;
    let maker = app.signed_in(&own[0]).await;
    let checker = app.signed_in(&own[1]).await;
    let csv = format!(
        "{},one@broker.example.com\n{},two@broker.example.com\n{},three@broker.example.com\n{},agent@agent.example.com\nbad row\n",
        own[2].id, own[3].id, own[4].id, agent.id
    );
    let batch = maker.make_email_batch(&csv).await.ok();
    assert_eq!(batch.status, RequestStatus::Pending);
    assert_eq!(batch.rows.len(), 4);
    // A single request on a user in the batch waits its turn (R8).
    let version = maker.enquire(&own[2].id).await.ok().version;
    let refused = maker
        .make_request(&RequestDraft::Delete {
            user_id: own[2].id.clone(),
            version,
        })
        .await;
    assert_eq!(refused.status, 409);
    // Meanwhile one profile moves on.
    app.sql(&format!(
        "UPDATE profiles SET version = version + 1 WHERE user_id = '{}'",
        own[4].id
    ))
    .await;

    // The maker cannot authorise their own batch; a wrong code is refused.
    let own_code = maker
        .confirm_email_batch(&batch.batch_id, &own[0].id, "ABCDEFGH")
        .await;
    assert_eq!(own_code.status, 422);
    let code = checker.authorisation_code().await.ok().code;
    let done = maker
        .confirm_email_batch(&batch.batch_id, &own[1].id, &code)
        .await
        .ok();
    assert_eq!(done.status, RequestStatus::Authorised);
    assert_eq!((done.applied, done.refused), (3, 1));
    let outcome = |id: &str| {
        done.rows
            .iter()
            .find(|r| r.user_id == id)
            .and_then(|r| r.outcome)
    };
    assert_eq!(outcome(&own[2].id), Some(RowOutcome::Applied));
    assert_eq!(
        outcome(&own[4].id),
        Some(RowOutcome::Refused(RowRefusal::Stale))
    );
    assert_eq!(
        maker.enquire(&own[2].id).await.ok().form.email,
        "one@broker.example.com"
    );
    assert_eq!(maker.enquire(&own[4].id).await.ok().form.email, "");
    assert_eq!(
        maker.enquire(&agent.id).await.ok().form.email,
        "agent@agent.example.com"
    );
    // Each new address hears of it; the trail keeps each row.
    assert_eq!(app.mail_to("one@broker.example.com").await.len(), 1);
    assert!(app
        .store
        .audit_actions(&own[2].id)
        .await
        .unwrap()
        .contains(&AuditAction::ProfileChanged));
    assert!(app
        .store
        .audit_actions(&own[4].id)
        .await
        .unwrap()
        .contains(&AuditAction::RequestStale));
    // Authorised once: a second confirmation finds it decided.
    let again = maker
        .confirm_email_batch(&batch.batch_id, &own[1].id, &code)
        .await;
    assert_eq!(again.status, 409);
}

#[tokio::test]
async fn a_batch_is_rejected_with_a_reason_or_withdrawn_and_no_one_else_reads_it() {
    let app = spawn_app().await;
    let (own, _) = people(&app).await;
    let maker = app.signed_in(&own[0]).await;
    let checker = app.signed_in(&own[1]).await;
    let first = maker
        .make_email_batch(&format!("{},one@broker.example.com", own[2].id))
        .await
        .ok();
    assert_eq!(
        checker
            .reject_email_batch(&first.batch_id, " ")
            .await
            .status,
        422
    );
    let rejected = checker
        .reject_email_batch(&first.batch_id, "Wrong department's addresses")
        .await
        .ok();
    assert_eq!(rejected.status, RequestStatus::Rejected);
    assert_eq!(maker.enquire(&own[2].id).await.ok().form.email, "");

    let second = maker
        .make_email_batch(&format!("{},one@broker.example.com", own[2].id))
        .await
        .ok();
    assert_eq!(
        checker.withdraw_email_batch(&second.batch_id).await.status,
        403
    );
    let withdrawn = maker.withdraw_email_batch(&second.batch_id).await.ok();
    assert_eq!(withdrawn.status, RequestStatus::Withdrawn);

    let stranger = app.people(&[spec(TestRole::DaChecker)]).await.remove(0);
    let stranger = app.signed_in(&stranger).await;
    assert_eq!(stranger.email_batch(&second.batch_id).await.status, 404);
    // A checker makes no batch.
    assert_eq!(
        checker
            .make_email_batch(&format!("{},x@broker.example.com", own[3].id))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn bad_files_are_refused_whole_with_a_message_and_outside_service_hours_nothing_is_made() {
    let app = spawn_app().await;
    let (own, _) = people(&app).await;
    let maker = app.signed_in(&own[0]).await;
    let empty = maker.make_email_batch("User ID,E-mail\n\n").await;
    assert_eq!(empty.status, 422);
    assert_eq!(empty.error().fields["csv"], "The file has no rows.");
    let too_long: String = (0..5_001)
        .map(|n| {
            format!(
                "{}{:02},x{n}@broker.example.com\n",
                &own[0].id[..6],
                n % 100
            )
        })
        .collect();
    let refused = maker.check_email_batch(&too_long).await;
    assert_eq!(refused.status, 422);
    assert!(refused.error().fields["csv"].contains("5000"));
    let nothing = maker
        .make_email_batch(&format!("{},{}", own[5].id, own[5].email()))
        .await;
    assert_eq!(nothing.status, 422);
    assert!(maker.email_batches().await.ok().is_empty());

    // Sunday: the DMS is closed (R11).
    app.set_time("2026-12-06T10:00:00+08:00").await;
    let late = app
        .people(&[spec(TestRole::DaMaker), without_email()])
        .await;
    let maker = app.signed_in(&late[0]).await;
    let closed = maker
        .make_email_batch(&format!("{},one@broker.example.com", late[1].id))
        .await;
    assert_eq!(closed.status, 403);
    assert_eq!(
        app.store
            .email_batches(&ccass_access::domain::ParticipantId::parse(&late[0].id[..6]).unwrap())
            .await
            .unwrap()
            .len(),
        0
    );
}

/// Issue 27: a batch past its deadline that a checker confirms is closed as expired, and the
/// trail says so, as it does for a single request.
#[tokio::test]
async fn a_batch_that_expires_at_its_checker_is_closed_and_audited() {
    let app = spawn_app().await;
    let (own, _) = people(&app).await;
    let maker = app.signed_in(&own[0]).await;
    let batch = maker
        .make_email_batch(&format!("{},one@broker.example.com", own[2].id))
        .await
        .ok();
    // Made Tuesday 1 Dec: it expired at the close of Monday 7 Dec; the sweep has not run.
    app.set_time("2026-12-08T10:00:00+08:00").await;
    let checker = app.signed_in(&own[1]).await;
    let code = checker.authorisation_code().await.ok().code;
    let late = checker
        .confirm_email_batch(&batch.batch_id, &own[1].id, &code)
        .await;
    assert_eq!(late.status, 409, "{}", late.message());
    assert_eq!(
        checker.email_batch(&batch.batch_id).await.ok().status,
        RequestStatus::Expired
    );
    let (expired,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'REQUEST_EXPIRED' AND detail LIKE $1",
    )
    .bind(format!("%{}%", batch.batch_id))
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    assert_eq!(expired, 1, "the expiry is in the trail");
}

/// Issue 27: of checkers deciding a batch at once, one wins; the others are told what it
/// became, never that it is still pending.
#[tokio::test]
async fn a_lost_race_on_a_batch_names_what_won() {
    let app = spawn_app().await;
    let (own, _) = people(&app).await;
    let maker = app.signed_in(&own[0]).await;
    let checker = app.signed_in(&own[1]).await;
    let batch = maker
        .make_email_batch(&format!("{},one@broker.example.com", own[2].id))
        .await
        .ok();
    let reasons: Vec<String> = (0..8).map(|n| format!("Reason {n}")).collect();
    let answers = crate::helpers::all_at_once(
        reasons
            .iter()
            .map(|reason| checker.reject_email_batch(&batch.batch_id, reason)),
    )
    .await;
    assert_eq!(answers.iter().filter(|a| a.status == 200).count(), 1);
    for lost in answers.iter().filter(|a| a.status != 200) {
        assert_eq!(lost.status, 409);
        assert_eq!(
            lost.message(),
            "This request is no longer pending: it is Rejected."
        );
    }
}
