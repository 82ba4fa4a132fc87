//! The operator console (issue 10; R6, R6a, R12, R13): four eyes among operators, DA profiles,
//! the phase moved forward only, Table 1 walked cell by cell against the API, and the holiday
//! calendar replaced only by a valid upload.

use ccass_access::api::{
    DaRoleName, OperatorNewUser, OperatorRequestDraft, ProfileForm, RequestDraft, RequestStatus,
    TestRole,
};

use crate::helpers::{all_at_once, spawn_app, spec, Person, TestApp, Visitor};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

struct Console<'a> {
    first: Visitor<'a>,
    second: Visitor<'a>,
    operators: Vec<Person>,
}

async fn console(app: &TestApp) -> Console<'_> {
    app.set_time(OPEN).await;
    let operators = app
        .people(&[spec(TestRole::Operator), spec(TestRole::Operator)])
        .await;
    Console {
        first: app.signed_in(&operators[0]).await,
        second: app.signed_in(&operators[1]).await,
        operators,
    }
}

fn new_da(da_id: &str, role: DaRoleName) -> OperatorRequestDraft {
    OperatorRequestDraft::CreateDa {
        da_id: da_id.to_owned(),
        role,
        surname: "LEE".into(),
        other_names: "MEI LING".into(),
        email: "mei.ling.lee@broker.example.com".into(),
        enable_from: "2026-12-01".into(),
    }
}

fn form() -> ProfileForm {
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

async fn set_phase(app: &TestApp, phase: &str) {
    app.sql(&format!(
        "UPDATE system_state SET migration_phase = '{phase}' WHERE singleton = 1"
    ))
    .await;
}

#[tokio::test]
async fn r6a_a_da_is_created_only_when_a_second_operator_approves_and_never_by_its_maker() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let participant = &app.user().await.id[..6].to_owned();
    let da_id = format!("{participant}Y7");

    let made = ops
        .first
        .operator_request(&new_da(&da_id, DaRoleName::Checker))
        .await
        .ok();
    assert_eq!(made.status, RequestStatus::Pending);
    assert!(made
        .changes
        .iter()
        .any(|c| c.field == "da_id" && c.after == da_id));
    assert!(ops
        .second
        .participant_das(participant)
        .await
        .ok()
        .iter()
        .all(|d| d.user_id != da_id));

    let own = ops.first.approve(&made.request_id).await;
    assert_eq!(own.status, 403, "the maker never approves");
    let listed = ops.second.operator_requests().await.ok();
    assert!(listed
        .iter()
        .any(|r| r.request_id == made.request_id && !r.made_by_me));

    let approved = ops.second.approve(&made.request_id).await.ok();
    assert_eq!(approved.status, RequestStatus::Authorised);
    assert_eq!(
        approved.checker_id.as_deref(),
        Some(ops.operators[1].id.as_str())
    );
    let das = ops.first.participant_das(participant).await.ok();
    let created = das
        .iter()
        .find(|d| d.user_id == da_id)
        .expect("the DA exists");
    assert_eq!(created.role, Some(DaRoleName::Checker));
    assert_eq!(
        ops.second.approve(&made.request_id).await.status,
        409,
        "once"
    );
    let trail = app.store.audit_actions(&da_id).await.unwrap();
    let names: Vec<&str> = trail.iter().map(|a| a.as_str()).collect();
    assert!(
        names.contains(&"DA_CREATED") && names.contains(&"OPERATOR_REQUEST_APPROVED"),
        "{names:?}"
    );
}

#[tokio::test]
async fn r6a_two_approvals_at_once_apply_a_request_once_and_rejection_and_withdrawal_close_it() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let third = app.people(&[spec(TestRole::Operator)]).await.remove(0);
    let third = app.signed_in(&third).await;
    let participant = app.user().await.id[..6].to_owned();

    let made = ops
        .first
        .operator_request(&new_da(&format!("{participant}Z8"), DaRoleName::Maker))
        .await
        .ok();
    let answers = all_at_once([
        ops.second.approve(&made.request_id),
        third.approve(&made.request_id),
    ])
    .await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert!(
        statuses == [200, 409] || statuses == [409, 200],
        "{statuses:?}"
    );

    let second = ops
        .first
        .operator_request(&new_da(&format!("{participant}Z7"), DaRoleName::Maker))
        .await
        .ok();
    assert_eq!(
        ops.second
            .reject_operator_request(&second.request_id, " ")
            .await
            .status,
        422
    );
    assert_eq!(
        ops.second
            .withdraw_operator_request(&second.request_id)
            .await
            .status,
        403
    );
    let rejected = ops
        .second
        .reject_operator_request(&second.request_id, "Not on the DA 3 form")
        .await
        .ok();
    assert_eq!(rejected.status, RequestStatus::Rejected);

    let third_request = ops
        .first
        .operator_request(&new_da(&format!("{participant}Z6"), DaRoleName::Maker))
        .await
        .ok();
    // One pending request per subject.
    let again = ops
        .second
        .operator_request(&new_da(&format!("{participant}Z6"), DaRoleName::Checker))
        .await;
    assert_eq!(again.status, 409);
    let withdrawn = ops
        .first
        .withdraw_operator_request(&third_request.request_id)
        .await
        .ok();
    assert_eq!(withdrawn.status, RequestStatus::Withdrawn);
}

#[tokio::test]
async fn r6_a_das_email_is_set_by_operators_under_four_eyes_and_both_addresses_are_told() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let da = app.da_maker().await;
    let new_email = format!("{}@hkex-da3.example.com", da.id.to_lowercase());

    let made = ops
        .first
        .operator_request(&OperatorRequestDraft::SetDaEmail {
            da_id: da.id.clone(),
            email: new_email.clone(),
        })
        .await
        .ok();
    assert_eq!(made.changes[0].before, da.email());
    ops.second.approve(&made.request_id).await.ok();

    let participant = &da.id[..6];
    let das = ops.first.participant_das(participant).await.ok();
    assert_eq!(das[0].email.as_deref(), Some(new_email.as_str()));
    app.outbox_drained().await;
    assert_eq!(app.mail_to(da.email()).await.len(), 1);
    assert_eq!(app.mail_to(&new_email).await.len(), 1);

    // Bad input changes nothing: a DA ID with a wrong suffix, or of no participant.
    let wrong = ops
        .first
        .operator_request(&OperatorRequestDraft::SetDaEmail {
            da_id: format!("{participant}01"),
            email: new_email.clone(),
        })
        .await;
    assert_eq!(wrong.status, 422);
    assert!(!wrong.error().fields["da_id"].is_empty());
    let nowhere = ops
        .first
        .operator_request(&new_da("QQQQQQX1", DaRoleName::Maker))
        .await;
    assert_eq!(nowhere.status, 422);
}

#[tokio::test]
async fn r12_the_phase_moves_forward_only_after_a_second_operators_approval() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    assert_eq!(ops.first.phase().await.ok().phase, "PARALLEL");

    let back = ops
        .first
        .operator_request(&OperatorRequestDraft::MovePhase {
            to: "PRE_PARALLEL".into(),
            confirmed_participants: Vec::new(),
        })
        .await;
    assert_eq!(back.status, 409);
    assert!(
        back.error().message.contains("forward only"),
        "{}",
        back.error().message
    );

    let made = ops
        .first
        .operator_request(&OperatorRequestDraft::MovePhase {
            to: "POST_PARALLEL".into(),
            confirmed_participants: Vec::new(),
        })
        .await
        .ok();
    assert_eq!(
        ops.first.phase().await.ok().phase,
        "PARALLEL",
        "not before approval"
    );
    ops.second.approve(&made.request_id).await.ok();
    let now = ops.first.phase().await.ok();
    assert_eq!((now.phase.as_str(), now.next), ("POST_PARALLEL", None));
    let trail = app.store.audit_actions("MIGRATION_PHASE").await.unwrap();
    assert!(trail.iter().any(|a| a.as_str() == "PHASE_MOVED"));
}

/// R13: Table 1, cell by cell, in every phase, against the API.
#[tokio::test]
async fn r13_table_1_is_enforced_by_the_server_in_every_phase() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            spec(TestRole::User),
            spec(TestRole::User),
            spec(TestRole::User),
        ])
        .await;
    let maker = app.signed_in(&people[0]).await;
    let participant = people[0].id[..6].to_owned();

    for (n, phase) in ["PRE_PARALLEL", "PARALLEL", "POST_PARALLEL"]
        .into_iter()
        .enumerate()
    {
        set_phase(&app, phase).await;
        let pre = phase == "PRE_PARALLEL";

        // DA profiles: the operator, in every phase (creation, maintenance, deletion).
        let create = ops
            .first
            .operator_request(&new_da(
                &format!("{participant}Y{}", n + 4),
                DaRoleName::Maker,
            ))
            .await;
        assert_eq!(create.status, 200, "operator creates a DA in {phase}");
        let email = ops
            .first
            .operator_request(&OperatorRequestDraft::SetDaEmail {
                da_id: people[1].id.clone(),
                email: format!("da{n}@broker.example.com"),
            })
            .await;
        assert_eq!(email.status, 200, "operator maintains a DA in {phase}");
        ops.first
            .withdraw_operator_request(&email.ok().request_id)
            .await
            .ok();
        // … and never a DA (R6).
        let da_profile = maker.enquire(&people[1].id).await.ok();
        let by_da = maker
            .make_request(&RequestDraft::Change {
                user_id: da_profile.user_id.clone(),
                version: da_profile.version,
                profile: ProfileForm {
                    email: "da@broker.example.com".into(),
                    ..da_profile.form.clone()
                },
            })
            .await;
        assert_eq!(by_da.status, 403, "a DA maintains a DA in {phase}");

        // User creation: the operator before the parallel run, DAs from it on.
        let by_operator = ops
            .first
            .create_user_as_operator(&OperatorNewUser {
                user_id: format!("{participant}A{n}"),
                profile: form(),
            })
            .await;
        let by_da = maker
            .make_request(&RequestDraft::Create {
                user_id: format!("{participant}B{n}"),
                profile: form(),
            })
            .await;
        if pre {
            assert_eq!(
                by_operator.status, 200,
                "operator creates a user in {phase}"
            );
            assert_eq!(by_da.status, 403, "DA creates a user in {phase}");
            assert!(
                by_da.error().message.contains("PRE_PARALLEL"),
                "{}",
                by_da.error().message
            );
        } else {
            assert_eq!(
                by_operator.status, 403,
                "operator creates a user in {phase}"
            );
            assert!(
                by_operator.error().message.contains(phase),
                "{}",
                by_operator.error().message
            );
            assert_eq!(by_da.status, 200, "DA creates a user in {phase}");
            maker.withdraw(&by_da.ok().request_id).await.ok();
        }

        // User maintenance, e-mail registration and deletion: DAs, in every phase.
        let user = maker.enquire(&people[2 + n].id).await.ok();
        let change = maker
            .make_request(&RequestDraft::Change {
                user_id: user.user_id.clone(),
                version: user.version,
                profile: ProfileForm {
                    email: format!("user{n}@broker.example.com"),
                    ..user.form.clone()
                },
            })
            .await;
        assert_eq!(change.status, 200, "DA registers an e-mail in {phase}");
        maker.withdraw(&change.ok().request_id).await.ok();
        let delete = maker
            .make_request(&RequestDraft::Delete {
                user_id: user.user_id.clone(),
                version: user.version,
            })
            .await;
        assert_eq!(delete.status, 200, "DA deletes a user in {phase}");
        maker.withdraw(&delete.ok().request_id).await.ok();

        // After the cut-over only: business user groups on a DA (operator or DA) and DA group
        // functions on a user (operator).
        let post = phase == "POST_PARALLEL";
        let groups = ops
            .first
            .post(
                &ccass_access::api::paths::fill(
                    ccass_access::api::paths::OPERATOR_DA_BUSINESS_GROUPS,
                    &people[1].id,
                ),
                &serde_json::json!({ "user_id": people[2].id }),
            )
            .await;
        let da = maker.enquire(&people[0].id).await.ok();
        let groups_by_da = maker
            .make_request(&RequestDraft::AddBusinessGroups {
                da_id: people[0].id.clone(),
                from_user_id: people[3].id.clone(),
                version: da.version,
            })
            .await;
        let functions = ops
            .first
            .operator_request(&OperatorRequestDraft::AddDaFunctions {
                user_id: people[4].id.clone(),
                role: DaRoleName::Maker,
            })
            .await;
        for (status, message, cell) in [
            (
                groups.status,
                groups.body["message"].clone(),
                "operator adds business groups to a DA",
            ),
            (
                groups_by_da.status,
                groups_by_da.body["message"].clone(),
                "DA adds business groups to a DA",
            ),
            (
                functions.status,
                functions.body["message"].clone(),
                "operator adds DA functions to a user",
            ),
        ] {
            if post {
                assert_eq!(status, 200, "{cell} in {phase}: {message}");
            } else {
                assert_eq!(status, 403, "{cell} in {phase}");
                assert!(
                    message.as_str().unwrap_or_default().contains(phase),
                    "{message}"
                );
            }
        }
    }
}

#[tokio::test]
async fn r11_a_holiday_calendar_replaces_the_old_only_when_every_row_is_right() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let before = ops.first.holidays().await.ok();
    assert!(before.holidays.len() > 40);

    let bad = ops
        .first
        .upload_holidays("date,name\n2028-01-01,The first day of January\n2028-02-30,Nonsense\n")
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.error().fields["csv"].contains("Row 3"),
        "{:?}",
        bad.error().fields
    );
    assert_eq!(
        ops.first.holidays().await.ok().holidays.len(),
        before.holidays.len()
    );

    let asked = ops
        .first
        .upload_holidays(
            "date,name\n2028-01-01,The first day of January\n2028-01-26,Lunar New Year's Day\n",
        )
        .await
        .ok();
    // Issue 26: one operator alone does not open and close the DMS for every participant.
    assert_eq!(asked.status, RequestStatus::Pending);
    assert_eq!(asked.action, "REPLACE_HOLIDAYS");
    assert!(asked
        .changes
        .iter()
        .any(|c| c.field == "calendar" && c.after.contains("2028-01-26,Lunar New Year's Day")));
    assert_eq!(
        ops.first.holidays().await.ok().holidays.len(),
        before.holidays.len(),
        "nothing changes before a second operator approves"
    );
    assert_eq!(ops.first.approve(&asked.request_id).await.status, 403);
    ops.second.approve(&asked.request_id).await.ok();
    let after = ops.first.holidays().await.ok();
    assert_eq!(after.holidays.len(), 2);
    assert_eq!(after.ends_soon, None, "not within 60 days of 26 Jan 2028");
    // 60 days before its last holiday the console warns; the session is kept alive across the jump.
    app.set_time("2027-12-01T10:00:00+08:00").await;
    let now: jiff::Timestamp = "2027-12-01T10:00:00+08:00".parse().unwrap();
    app.sql(&format!(
        "UPDATE sessions SET created_at = {0}, last_seen_at = {0}",
        now.as_millisecond()
    ))
    .await;
    assert_eq!(
        ops.first.holidays().await.ok().ends_soon.as_deref(),
        Some("26-Jan-2028")
    );
}

#[tokio::test]
async fn r24_r27_participants_with_their_settlement_agent_and_an_operator_unlocks_a_da() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let principal = app.user().await.id[..6].to_owned();
    let made = ops
        .first
        .create_participant(&ccass_access::api::NewParticipantForm {
            participant_id: "S77777".into(),
            name: "Agent Securities Limited".into(),
            kind: "CLEARING".into(),
            principal: principal.clone(),
        })
        .await;
    assert_eq!(made.status, 200);
    assert_eq!(
        ops.first
            .create_participant(&ccass_access::api::NewParticipantForm {
                participant_id: "S77777".into(),
                name: "Again".into(),
                kind: "CLEARING".into(),
                principal: String::new(),
            })
            .await
            .status,
        409
    );
    let bad = ops
        .first
        .create_participant(&ccass_access::api::NewParticipantForm {
            participant_id: "7BAD".into(),
            name: String::new(),
            kind: "BANK".into(),
            principal: "NOSUCH".into(),
        })
        .await;
    assert_eq!(bad.status, 422);
    for field in ["participant_id", "name", "kind"] {
        assert!(bad.error().fields.contains_key(field), "{field}");
    }

    let da = app.da_maker().await;
    for _ in 0..5 {
        app.visitor().login(&da.id, "not the password").await;
    }
    assert!(ops.first.participant_das(&da.id[..6]).await.ok()[0].locked);
    ops.first.unlock_da(&da.id).await.ok();
    assert!(!ops.first.participant_das(&da.id[..6]).await.ok()[0].locked);
    assert_eq!(app.visitor().login(&da.id, da.password()).await.status, 200);
}

#[tokio::test]
async fn the_console_answers_operators_only() {
    let app = spawn_app().await;
    let da = app.da_maker().await;
    let da_id = da.id.clone();
    let da = app.signed_in(&da).await;
    assert_eq!(da.participant_das(&da_id[..6]).await.status, 403);
    // The phase itself is public: the log-in pages show what it allows.
    assert_eq!(app.visitor().phase().await.ok().phase, "PARALLEL");
    assert_eq!(da.operator_requests().await.status, 403);
    assert_eq!(da.holidays().await.status, 403);
}

#[tokio::test]
async fn r6_r26b_an_operator_changes_a_da_and_disabling_it_ends_its_sessions_and_requests() {
    let app = spawn_app().await;
    let ops = console(&app).await;
    let people = app
        .people(&[spec(TestRole::DaMaker), spec(TestRole::User)])
        .await;
    let maker = app.signed_in(&people[0]).await;
    let view = maker.enquire(&people[1].id).await.ok();
    let made = maker
        .make_request(&RequestDraft::Change {
            user_id: view.user_id.clone(),
            version: view.version,
            profile: ProfileForm {
                surname: "WONG".into(),
                ..view.form.clone()
            },
        })
        .await
        .ok();
    let change = |status: &str, disable_after: &str| ccass_access::api::DaChange {
        status: status.into(),
        surname: "TSANG".into(),
        other_names: "SIU FAI".into(),
        enable_from: "2003-01-01".into(),
        disable_after: disable_after.into(),
    };

    let bad = ops
        .first
        .change_da(&people[0].id, &change("ENABLED", "2002-12-31"))
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.error().fields.contains_key("disable_after"));
    ops.first
        .change_da(&people[0].id, &change("DISABLED", ""))
        .await
        .ok();

    let das = ops.first.participant_das(&people[0].id[..6]).await.ok();
    assert_eq!(
        (das[0].status.as_str(), das[0].name.as_str()),
        ("DISABLED", "TSANG SIU FAI")
    );
    assert_eq!(maker.session().await.status, 401, "R26b: the session ended");
    let request = app.store.audit_actions(&people[1].id).await.unwrap();
    assert!(request.iter().any(|a| a.as_str() == "REQUEST_MADE"));
    let (status,): (String,) =
        sqlx::query_as("SELECT status FROM change_requests WHERE request_id = $1")
            .bind(&made.request_id)
            .fetch_one(app.store.pool())
            .await
            .unwrap();
    assert_eq!(status, "WITHDRAWN");
    assert_eq!(
        app.visitor()
            .login(&people[0].id, people[0].password())
            .await
            .status,
        403
    );
}
