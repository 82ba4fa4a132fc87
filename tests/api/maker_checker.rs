//! Maker–checker on user profiles (issue 9; R4–R10, R24, R26, R26b): the seed's Appendix A
//! walked through the API, the remote way, the four-eyes rules, Authorisation Codes (R9) and
//! their limit, service hours (R11) and isolation between participants (R26).

use ccass_access::api::{
    ProfileForm, ProfileView, RequestAction, RequestDraft, RequestStatus, TestRole,
};

use crate::helpers::{all_at_once, spawn_app, spec, Person, TestApp, Visitor};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

/// A participant with a maker, two checkers and two users; the DAs signed in.
pub(crate) struct Desk<'a> {
    pub maker: Visitor<'a>,
    pub checker: Visitor<'a>,
    pub checker2: Visitor<'a>,
    pub people: Vec<Person>,
}

impl Desk<'_> {
    pub fn maker_id(&self) -> &str {
        &self.people[0].id
    }
    pub fn checker_id(&self) -> &str {
        &self.people[1].id
    }
    pub fn checker2_id(&self) -> &str {
        &self.people[2].id
    }
    pub fn user(&self) -> &Person {
        &self.people[3]
    }
}

pub(crate) async fn desk(app: &TestApp) -> Desk<'_> {
    app.set_time(OPEN).await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            spec(TestRole::DaChecker),
            spec(TestRole::User),
            spec(TestRole::User),
        ])
        .await;
    Desk {
        maker: app.signed_in(&people[0]).await,
        checker: app.signed_in(&people[1]).await,
        checker2: app.signed_in(&people[2]).await,
        people,
    }
}

/// Moves the clock to `at` and keeps every session alive across the jump, as DAs who logged in
/// again would be (the session timeouts have tests of their own).
async fn at_time(app: &TestApp, at: &str) {
    app.set_time(at).await;
    let ms: jiff::Timestamp = at.parse().unwrap();
    app.sql(&format!(
        "UPDATE sessions SET created_at = {0}, last_seen_at = {0}",
        ms.as_millisecond()
    ))
    .await;
}

/// Every mail delivered to `address`, notices included.
async fn mails_to(app: &TestApp, address: &str) -> usize {
    app.mail_to(address).await.len()
}

fn change_email(view: &ProfileView, email: &str) -> RequestDraft {
    RequestDraft::Change {
        user_id: view.user_id.clone(),
        version: view.version,
        profile: ProfileForm {
            email: email.to_owned(),
            ..view.form.clone()
        },
    }
}

fn new_user(user_id: &str) -> RequestDraft {
    RequestDraft::Create {
        user_id: user_id.to_owned(),
        profile: ProfileForm {
            status: "ENABLED".into(),
            surname: "CHAN".into(),
            other_names: "TAI MAN".into(),
            email: "tai.man.chan@broker.example.com".into(),
            enable_from: "2026-12-01".into(),
            disable_after: String::new(),
            clearing_houses: vec!["CASH".into()],
        },
    }
}

#[tokio::test]
async fn appendix_a_the_checker_confirms_at_the_makers_screen_and_the_change_shows_at_once() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let user = desk.user();
    let old_email = user.email().to_owned();
    let new_email = format!("{}@broker.example.com", user.id.to_lowercase());

    let view = desk.maker.enquire(&user.id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, &new_email))
        .await
        .ok();
    assert_eq!(made.status, RequestStatus::Pending);
    assert!(made.made_by_me);
    assert_eq!(
        made.changes.len(),
        1,
        "only the e-mail changed: {:?}",
        made.changes
    );
    assert_eq!(made.changes[0].before, old_email);
    assert_eq!(made.changes[0].after, new_email);
    // Until a checker confirms, nothing changed (R7).
    assert_eq!(
        desk.maker.enquire(&user.id).await.ok().form.email,
        old_email
    );
    assert_eq!(
        desk.maker.enquire(&user.id).await.ok().pending_request,
        Some(made.request_id.clone())
    );

    let code = desk.checker.authorisation_code().await.ok();
    let done = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &code.code)
        .await
        .ok();

    assert_eq!(done.status, RequestStatus::Authorised);
    assert_eq!(done.checker_id.as_deref(), Some(desk.checker_id()));
    assert_eq!(
        desk.maker.enquire(&user.id).await.ok().form.email,
        new_email,
        "R10"
    );
    let listed = desk.maker.user_listing("per_page=200").await.ok();
    let row = listed.users.iter().find(|u| u.user_id == user.id).unwrap();
    assert_eq!(
        row.email.as_deref(),
        Some(new_email.as_str()),
        "R10: the listing too"
    );
    // Both addresses hear of it.
    app.outbox_drained().await;
    assert_eq!(mails_to(&app, &old_email).await, 1);
    assert_eq!(mails_to(&app, &new_email).await, 1);
    let trail = app.store.audit_actions(&user.id).await.unwrap();
    let names: Vec<&str> = trail.iter().map(|a| a.as_str()).collect();
    for expected in ["REQUEST_MADE", "PROFILE_CHANGED", "REQUEST_AUTHORISED"] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
}

#[tokio::test]
async fn the_remote_way_lists_pending_requests_and_the_checker_confirms_in_their_own_session() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "remote@broker.example.com"))
        .await
        .ok();

    let mine = desk.maker.pending_requests().await.ok();
    assert_eq!(mine.requests.len(), 1);
    assert!(mine.requests[0].made_by_me);
    let theirs = desk.checker.pending_requests().await.ok();
    assert!(!theirs.requests[0].made_by_me);
    assert_eq!(
        theirs.requests[0].changes, made.changes,
        "the checker sees before/after"
    );

    // In their own session a checker proves only themselves.
    let other_code = desk.checker2.authorisation_code().await.ok();
    let refused = desk
        .checker
        .confirm(&made.request_id, desk.checker2_id(), &other_code.code)
        .await;
    assert_eq!(refused.status, 422);
    assert!(!refused.error().fields["checker_id"].is_empty());

    let code = desk.checker.authorisation_code().await.ok();
    let done = desk
        .checker
        .confirm(&made.request_id, desk.checker_id(), &code.code)
        .await
        .ok();
    assert_eq!(done.status, RequestStatus::Authorised);
    assert!(desk
        .checker
        .pending_requests()
        .await
        .ok()
        .requests
        .is_empty());
}

#[tokio::test]
async fn r8_a_checker_rejects_with_a_reason_and_a_maker_withdraws_only_their_own() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "reject@broker.example.com"))
        .await
        .ok();

    let no_reason = desk.checker.reject(&made.request_id, "  ").await;
    assert_eq!(no_reason.status, 422);
    assert!(!no_reason.error().fields["reason"].is_empty());
    assert_eq!(
        desk.maker.reject(&made.request_id, "mine").await.status,
        403
    );
    assert_eq!(desk.checker.withdraw(&made.request_id).await.status, 403);
    let rejected = desk
        .checker
        .reject(&made.request_id, "Not this user's address")
        .await
        .ok();
    assert_eq!(rejected.status, RequestStatus::Rejected);
    assert_eq!(rejected.reason.as_deref(), Some("Not this user's address"));
    let again = desk.maker.withdraw(&made.request_id).await;
    assert_eq!(again.status, 409, "a decided request stays decided");

    let second = desk
        .maker
        .make_request(&change_email(&view, "withdraw@broker.example.com"))
        .await
        .ok();
    let withdrawn = desk.maker.withdraw(&second.request_id).await.ok();
    assert_eq!(withdrawn.status, RequestStatus::Withdrawn);
    let code = desk.checker.authorisation_code().await.ok();
    let late = desk
        .maker
        .confirm(&second.request_id, desk.checker_id(), &code.code)
        .await;
    assert_eq!(late.status, 409);
    assert_eq!(
        desk.maker.enquire(&desk.user().id).await.ok().form,
        view.form
    );
}

#[tokio::test]
async fn r8_the_rules_of_four_eyes_hold_on_the_server() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();

    // A checker-only DA makes no requests.
    let by_checker = desk
        .checker
        .make_request(&change_email(&view, "x@broker.example.com"))
        .await;
    assert_eq!(by_checker.status, 403);

    let made = desk
        .maker
        .make_request(&change_email(&view, "first@broker.example.com"))
        .await
        .ok();
    // A second pending request on the same profile is refused.
    let second = desk
        .maker
        .make_request(&change_email(&view, "second@broker.example.com"))
        .await;
    assert_eq!(second.status, 409);
    assert!(
        second.error().message.contains("already"),
        "{}",
        second.error().message
    );

    // The maker names themselves as checker: no DA checker, no approval.
    let own = desk
        .maker
        .confirm(&made.request_id, desk.maker_id(), "ABCDEFGH")
        .await;
    assert_eq!(own.status, 422);
    assert!(!own.error().fields["checker_id"].is_empty());

    // Nothing changes that changes nothing.
    let same = desk
        .maker
        .make_request(&change_email(&view, &view.form.email))
        .await;
    assert!(same.status == 409 || same.status == 422, "{}", same.status);

    // DA profiles are read-only to DAs (R6).
    let da = desk.maker.enquire(desk.checker_id()).await.ok();
    assert!(da.da_role.is_some());
    let on_da = desk
        .maker
        .make_request(&change_email(&da, "da@broker.example.com"))
        .await;
    assert_eq!(on_da.status, 403);
}

#[tokio::test]
async fn r8_two_checkers_confirming_at_the_same_instant_apply_the_request_once() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "race@broker.example.com"))
        .await
        .ok();
    let code1 = desk.checker.authorisation_code().await.ok().code;
    let code2 = desk.checker2.authorisation_code().await.ok().code;

    let answers = all_at_once([
        desk.checker
            .confirm(&made.request_id, desk.checker_id(), &code1),
        desk.checker2
            .confirm(&made.request_id, desk.checker2_id(), &code2),
    ])
    .await;

    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert!(
        statuses == [200, 409] || statuses == [409, 200],
        "one wins, the other is told: {statuses:?}"
    );
    let after = desk.maker.enquire(&desk.user().id).await.ok();
    assert_eq!(after.version, view.version + 1, "applied exactly once");
    let authorised = app
        .store
        .audit_actions(&desk.user().id)
        .await
        .unwrap()
        .iter()
        .filter(|a| a.as_str() == "REQUEST_AUTHORISED")
        .count();
    assert_eq!(authorised, 1);
}

#[tokio::test]
async fn r8_a_request_made_on_an_older_version_is_refused_at_authorisation() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let user = desk.user();
    let view = desk.maker.enquire(&user.id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "stale@broker.example.com"))
        .await
        .ok();
    // The operator (a later issue) changes the profile meanwhile.
    app.sql(&format!(
        "UPDATE profiles SET surname = 'WONG', version = version + 1 WHERE user_id = '{}'",
        user.id
    ))
    .await;

    let code = desk.checker.authorisation_code().await.ok();
    let stale = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &code.code)
        .await;

    assert_eq!(stale.status, 409);
    assert!(
        stale.error().message.contains("changed"),
        "{}",
        stale.error().message
    );
    let closed = desk.maker.request(&made.request_id).await.ok();
    assert_eq!(closed.status, RequestStatus::Stale);
    let now = desk.maker.enquire(&user.id).await.ok();
    assert_eq!(now.form.email, user.email(), "nothing applied");
    assert_eq!(now.form.surname, "WONG");
    assert_eq!(
        now.pending_request, None,
        "the profile is free for a new request"
    );
}

#[tokio::test]
async fn r9_wrong_last_months_and_another_checkers_codes_are_refused() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "codes@broker.example.com"))
        .await
        .ok();
    let december = desk.checker.authorisation_code().await.ok();
    assert_eq!(december.month, "2026-12");
    assert_eq!(december.valid_until, "31-Dec-2026");
    let other = desk.checker2.authorisation_code().await.ok();
    assert_ne!(december.code, other.code, "codes differ per checker");

    let wrong = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &other.code)
        .await;
    assert_eq!(wrong.status, 422);
    assert!(!wrong.error().fields["authorisation_code"].is_empty());

    // The code renews at 00:00 on the 1st, Hong Kong time: November's code fails in December.
    app.set_time("2026-11-30T10:00:00+08:00").await;
    let november = desk.checker.authorisation_code().await.ok();
    assert_ne!(november.code, december.code);
    app.set_time(OPEN).await;
    let stale = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &november.code)
        .await;
    assert_eq!(stale.status, 422);

    // Codes are never stored in clear.
    let (found,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM credentials WHERE authorisation_key LIKE '%{}%'",
        december.code
    ))
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    assert_eq!(found, 0);

    // The right one, in lower case and with a space, is accepted.
    let typed = format!("{} {}", &december.code[..4], &december.code[4..]).to_lowercase();
    let done = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &typed)
        .await
        .ok();
    assert_eq!(done.status, RequestStatus::Authorised);
}

#[tokio::test]
async fn r9_five_wrong_codes_block_that_checker_at_that_screen_only_for_15_minutes_never_their_log_in(
) {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let checker = &desk.people[1];
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "limit@broker.example.com"))
        .await
        .ok();
    app.outbox_drained().await;
    let mails_before = mails_to(&app, checker.email()).await;

    // Five are judged, each answered 422 naming the field (issue 26, item 3).
    for _ in 0..5 {
        let wrong = desk
            .maker
            .confirm(&made.request_id, desk.checker_id(), "WRONG234")
            .await;
        assert_eq!(wrong.status, 422);
        assert!(wrong.error().fields.contains_key("authorisation_code"));
    }
    let sixth = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), "WRONG234")
        .await;
    assert_eq!(sixth.status, 429);
    assert!(sixth.headers.contains_key("retry-after"));
    let right = desk.checker.authorisation_code().await.ok();
    let blocked = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &right.code)
        .await;
    assert_eq!(blocked.status, 429, "even the right code, at that screen");
    app.outbox_drained().await;
    assert_eq!(
        mails_to(&app, checker.email()).await,
        mails_before + 2,
        "the checker is told of the first refused code and of the block"
    );
    // The checker can still log in.
    let second = app.visitor();
    assert_eq!(
        second.login(&checker.id, checker.password()).await.status,
        200
    );

    at_time(&app, "2026-12-01T10:16:00+08:00").await;
    let done = desk
        .maker
        .confirm(&made.request_id, desk.checker_id(), &right.code)
        .await
        .ok();
    assert_eq!(done.status, RequestStatus::Authorised);
}

/// Issue 26, item 3: a maker typing wrong codes blocks only their own screen for that checker;
/// the checker approving in their own session, and another maker's screen, go on.
#[tokio::test]
async fn a_maker_cannot_block_a_checker_elsewhere_with_wrong_codes() {
    let app = spawn_app().await;
    app.set_time(OPEN).await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            spec(TestRole::User),
            spec(TestRole::User),
        ])
        .await;
    let (maker, other_maker, checker) = (
        app.signed_in(&people[0]).await,
        app.signed_in(&people[1]).await,
        app.signed_in(&people[2]).await,
    );
    let checker_id = people[2].id.as_str();
    let mut requests = Vec::new();
    for (by, user) in [(&maker, &people[3]), (&other_maker, &people[4])] {
        let view = by.enquire(&user.id).await.ok();
        let draft = change_email(&view, &format!("{}@broker.example.com", user.id));
        requests.push(by.make_request(&draft).await.ok().request_id);
    }
    for _ in 0..5 {
        assert_eq!(
            maker
                .confirm(&requests[0], checker_id, "WRONG234")
                .await
                .status,
            422
        );
    }
    assert_eq!(
        maker
            .confirm(&requests[0], checker_id, "WRONG234")
            .await
            .status,
        429
    );
    let code = checker.authorisation_code().await.ok().code;
    // Another maker's screen takes the checker's code.
    let done = other_maker
        .confirm(&requests[1], checker_id, &code)
        .await
        .ok();
    assert_eq!(done.status, RequestStatus::Authorised);
    // In their own session the checker is proven by their own log-in and their own code.
    let done = checker.confirm(&requests[0], checker_id, &code).await.ok();
    assert_eq!(done.status, RequestStatus::Authorised);
}

#[tokio::test]
async fn r11_maker_and_checker_actions_keep_service_hours_and_enquiry_does_not() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let user = desk.user().id.clone();
    let view = desk.maker.enquire(&user).await.ok();
    let draft = change_email(&view, "hours@broker.example.com");
    // (Hong Kong time, open?)
    let cases = [
        ("2026-12-01T06:59:00+08:00", false),
        ("2026-12-01T18:59:00+08:00", true),
        ("2026-12-01T19:00:00+08:00", false),
        ("2026-12-05T12:59:00+08:00", true),
        ("2026-12-05T13:00:00+08:00", false),
        ("2026-12-06T10:00:00+08:00", false), // Sunday
        ("2026-12-25T10:00:00+08:00", false), // Christmas Day
        ("2026-12-01T07:00:00+08:00", true),
    ];
    let mut made = None;
    for (at, open) in cases {
        at_time(&app, at).await;
        assert!(
            desk.maker.enquire(&user).await.status == 200,
            "enquiry at {at}"
        );
        assert_eq!(
            desk.checker.authorisation_code().await.status,
            200,
            "code at {at}"
        );
        let answer = desk.maker.make_request(&draft).await;
        if open {
            let request = answer.ok();
            desk.maker.withdraw(&request.request_id).await.ok();
            made = Some(request.request_id);
        } else {
            assert_eq!(answer.status, 403, "closed at {at}");
            assert_eq!(
                answer.error().code,
                ccass_access::api::ErrorCode::OutsideServiceHours
            );
            assert!(
                answer.error().message.contains("opens at"),
                "{}",
                answer.error().message
            );
        }
    }
    let request = desk.maker.make_request(&draft).await.ok();
    at_time(&app, "2026-12-01T19:00:00+08:00").await;
    let code = desk.checker.authorisation_code().await.ok();
    for answer in [
        desk.maker
            .confirm(&request.request_id, desk.checker_id(), &code.code)
            .await,
        desk.checker.reject(&request.request_id, "closed").await,
        desk.maker.withdraw(&request.request_id).await,
    ] {
        assert_eq!(answer.status, 403);
    }
    assert!(made.is_some());
}

#[tokio::test]
async fn r26_a_da_reaches_no_user_or_request_of_another_participant_and_a_user_no_dms() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let other = desk_elsewhere(&app).await;
    let view = other.maker.enquire(&other.user().id).await.ok();
    let theirs = other
        .maker
        .make_request(&change_email(&view, "theirs@other.example.com"))
        .await
        .ok();
    let code = desk.checker.authorisation_code().await.ok();

    let their_user = &other.user().id;
    assert_eq!(desk.maker.enquire(their_user).await.status, 404);
    let on_theirs = RequestDraft::Unlock {
        user_id: their_user.clone(),
        version: 1,
    };
    assert_eq!(desk.maker.make_request(&on_theirs).await.status, 404);
    assert_eq!(desk.maker.request(&theirs.request_id).await.status, 404);
    assert_eq!(
        desk.maker
            .confirm(&theirs.request_id, desk.checker_id(), &code.code)
            .await
            .status,
        404
    );
    assert_eq!(
        desk.checker.reject(&theirs.request_id, "no").await.status,
        404
    );
    assert_eq!(other.checker.withdraw(&theirs.request_id).await.status, 403);
    assert_eq!(desk.maker.withdraw(&theirs.request_id).await.status, 404);
    let create_there = desk
        .maker
        .make_request(&new_user(&format!("{}77", &their_user[..6])))
        .await;
    assert_eq!(create_there.status, 422);
    assert!(!create_there.error().fields["user_id"].is_empty());
    // The other participant's checker cannot confirm this participant's request either.
    let ours = desk
        .maker
        .make_request(&change_email(
            &desk.maker.enquire(&desk.user().id).await.ok(),
            "ours@broker.example.com",
        ))
        .await
        .ok();
    let their_code = other.checker.authorisation_code().await.ok();
    let foreign = desk
        .maker
        .confirm(&ours.request_id, other.checker_id(), &their_code.code)
        .await;
    assert_eq!(foreign.status, 422);

    // A user without a DA role: 403 on every DMS endpoint.
    let user = app.signed_in(desk.user()).await;
    assert_eq!(user.enquire(&desk.user().id).await.status, 403);
    assert_eq!(user.pending_requests().await.status, 403);
    assert_eq!(user.make_request(&on_theirs).await.status, 403);
    assert_eq!(user.request(&ours.request_id).await.status, 403);
    assert_eq!(user.confirm(&ours.request_id, "X", "Y").await.status, 403);
    assert_eq!(user.reject(&ours.request_id, "x").await.status, 403);
    assert_eq!(user.withdraw(&ours.request_id).await.status, 403);
    assert_eq!(user.authorisation_code().await.status, 403);
    assert_eq!(user.audit_trail().await.status, 403);
    assert_eq!(user.user_listing("").await.status, 403);
}

async fn desk_elsewhere(app: &TestApp) -> Desk<'_> {
    desk(app).await
}

#[tokio::test]
async fn r3_r7_create_delete_unlock_and_reset_soft_token_take_effect_only_when_authorised() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let code = desk.checker.authorisation_code().await.ok().code;
    let confirm = |id: String| {
        let desk = &desk;
        let code = code.clone();
        async move { desk.maker.confirm(&id, desk.checker_id(), &code).await.ok() }
    };

    // Create (R3): a well-formed, unused ID of the participant.
    let new_id = desk.user().unused_id("77");
    let taken = desk.maker.make_request(&new_user(&desk.user().id)).await;
    assert_eq!(taken.status, 422);
    let da_like = desk
        .maker
        .make_request(&new_user(&desk.user().unused_id("X5")))
        .await;
    assert_eq!(da_like.status, 422);
    let made = desk.maker.make_request(&new_user(&new_id)).await.ok();
    assert_eq!(made.action, RequestAction::Create);
    assert_eq!(
        desk.maker.enquire(&new_id).await.status,
        404,
        "not before authorisation"
    );
    confirm(made.request_id).await;
    let created = desk.maker.enquire(&new_id).await.ok();
    assert_eq!(created.form.surname, "CHAN");
    assert_eq!(created.otp_channel, None);

    // Unlock (R24): five wrong passwords lock the user.
    let user = desk.user().clone();
    for _ in 0..5 {
        app.visitor().login(&user.id, "not the password").await;
    }
    let locked = desk.maker.enquire(&user.id).await.ok();
    assert!(locked.locked);
    let unlock = desk
        .maker
        .make_request(&RequestDraft::Unlock {
            user_id: user.id.clone(),
            version: locked.version,
        })
        .await
        .ok();
    confirm(unlock.request_id).await;
    assert!(!desk.maker.enquire(&user.id).await.ok().locked);
    let not_locked = desk
        .maker
        .make_request(&RequestDraft::Unlock {
            user_id: user.id.clone(),
            version: locked.version + 1,
        })
        .await;
    assert_eq!(not_locked.status, 409);

    // Reset Soft Token (R26a, R26b): the device goes and the user's sessions end.
    let session = app.signed_in(&user).await;
    assert_eq!(session.session().await.status, 200);
    let before = desk.maker.enquire(&user.id).await.ok();
    assert!(before.otp_channel.is_some());
    let reset = desk
        .maker
        .make_request(&RequestDraft::ResetSoftToken {
            user_id: user.id.clone(),
            version: before.version,
        })
        .await
        .ok();
    confirm(reset.request_id).await;
    assert_eq!(desk.maker.enquire(&user.id).await.ok().otp_channel, None);
    assert_eq!(session.session().await.status, 401, "R26b");
    let again = app.visitor();
    let login = again.login(&user.id, user.password()).await.ok();
    assert_eq!(
        login.next_step,
        ccass_access::api::NextStep::RegisterDevice,
        "the next log-in registers a device again"
    );

    // Delete: the profile goes, its history stays in the audit.
    let current = desk.maker.enquire(&new_id).await.ok();
    let delete = desk
        .maker
        .make_request(&RequestDraft::Delete {
            user_id: new_id.clone(),
            version: current.version,
        })
        .await
        .ok();
    confirm(delete.request_id).await;
    assert_eq!(desk.maker.enquire(&new_id).await.status, 404);
    let history = app.store.audit_actions(&new_id).await.unwrap();
    assert!(history.iter().any(|a| a.as_str() == "PROFILE_CREATED"));
    assert!(history.iter().any(|a| a.as_str() == "PROFILE_DELETED"));
    // The seed lets a DA create the ID again later.
    assert_eq!(
        desk.maker.make_request(&new_user(&new_id)).await.status,
        200
    );
}

#[tokio::test]
async fn r26b_disabling_a_user_ends_their_sessions() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let user = desk.user().clone();
    let session = app.signed_in(&user).await;
    let view = desk.maker.enquire(&user.id).await.ok();
    let draft = RequestDraft::Change {
        user_id: user.id.clone(),
        version: view.version,
        profile: ProfileForm {
            status: "DISABLED".into(),
            ..view.form.clone()
        },
    };
    let made = desk.maker.make_request(&draft).await.ok();
    assert_eq!(
        session.session().await.status,
        200,
        "not before authorisation"
    );
    let code = desk.checker.authorisation_code().await.ok();
    desk.maker
        .confirm(&made.request_id, desk.checker_id(), &code.code)
        .await
        .ok();
    assert_eq!(session.session().await.status, 401);
}

#[tokio::test]
async fn r4_bad_fields_are_named_and_nothing_is_recorded() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let draft = RequestDraft::Change {
        user_id: view.user_id.clone(),
        version: view.version,
        profile: ProfileForm {
            surname: "X".repeat(41),
            other_names: String::new(),
            email: "not-an-address".into(),
            enable_from: "2027-01-10".into(),
            disable_after: "2027-01-09".into(),
            ..view.form.clone()
        },
    };
    let refused = desk.maker.make_request(&draft).await;
    assert_eq!(refused.status, 422);
    let fields = refused.error().fields;
    for field in ["surname", "other_names", "email", "disable_after"] {
        assert!(fields.contains_key(field), "{field} not named: {fields:?}");
    }
    let speaking = desk.maker.enquire("B01").await;
    assert_eq!(speaking.status, 422);
    assert_eq!(
        desk.maker
            .enquire(&desk.user().unused_id("88"))
            .await
            .status,
        404
    );
    assert!(desk.maker.pending_requests().await.ok().requests.is_empty());
}

#[tokio::test]
async fn requests_expire_after_5_service_days_and_checkers_are_reminded_at_most_hourly() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let checker = desk.people[1].clone();
    app.outbox_drained().await;
    let before = mails_to(&app, checker.email()).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "expiry@broker.example.com"))
        .await
        .ok();
    let other = desk.maker.enquire(&desk.people[4].id).await.ok();
    desk.maker
        .make_request(&change_email(&other, "expiry2@broker.example.com"))
        .await
        .ok();
    app.outbox_drained().await;
    assert_eq!(
        mails_to(&app, checker.email()).await,
        before + 1,
        "one mail for two requests"
    );
    // Made Tuesday 1 Dec: it expires at the close of Monday 7 Dec.
    assert_eq!(made.expires_at, "2026-12-07 19:00 HKT");

    at_time(&app, "2026-12-07T18:00:00+08:00").await;
    app.visitor().run_housekeeping().await.ok();
    assert_eq!(
        desk.maker.request(&made.request_id).await.ok().status,
        RequestStatus::Pending
    );
    app.outbox_drained().await;
    assert_eq!(
        mails_to(&app, checker.email()).await,
        before + 2,
        "reminded again after an hour"
    );

    at_time(&app, "2026-12-07T19:00:00+08:00").await;
    app.visitor().run_housekeeping().await.ok();
    assert_eq!(
        desk.maker.request(&made.request_id).await.ok().status,
        RequestStatus::Expired
    );
}

#[tokio::test]
async fn a_da_reads_their_own_participants_trail_only() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let other = desk_elsewhere(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    desk.maker
        .make_request(&change_email(&view, "trail@broker.example.com"))
        .await
        .ok();

    let trail = desk.checker.audit_trail().await.ok();
    assert!(trail.events.iter().any(|e| e.action == "REQUEST_MADE"
        && e.subject.as_deref() == Some(desk.user().id.as_str())
        && e.detail.contains("trail@broker.example.com")));
    let participant = &desk.user().id[..6];
    assert!(trail.events.iter().all(|e| e
        .subject
        .as_deref()
        .unwrap_or(&e.actor)
        .starts_with(participant)));
    let theirs = other.checker.audit_trail().await.ok();
    assert!(theirs
        .events
        .iter()
        .all(|e| !e.detail.contains("trail@broker.example.com")));
}

#[tokio::test]
async fn r13_a_request_naming_access_levels_or_group_functions_is_refused_whole() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let mut profile = serde_json::to_value(&view.form).unwrap();
    profile["access_levels"] = serde_json::json!("EE");
    let body = serde_json::json!({
        "action": "CHANGE",
        "user_id": view.user_id,
        "version": view.version,
        "profile": profile,
    });

    let refused = desk
        .maker
        .post(ccass_access::api::paths::DMS_REQUESTS, &body)
        .await;

    assert_eq!(refused.status, 400);
    assert!(desk.maker.pending_requests().await.ok().requests.is_empty());
    assert!(desk
        .maker
        .enquire(&desk.user().id)
        .await
        .ok()
        .access_levels
        .is_empty());
}

#[tokio::test]
async fn the_requests_of_a_maker_who_is_disabled_are_withdrawn() {
    let app = spawn_app().await;
    let desk = desk(&app).await;
    let view = desk.maker.enquire(&desk.user().id).await.ok();
    let made = desk
        .maker
        .make_request(&change_email(&view, "gone@broker.example.com"))
        .await
        .ok();
    // The operator (a later issue) disables the maker's DA profile.
    app.sql(&format!(
        "UPDATE profiles SET status = 'DISABLED' WHERE user_id = '{}'",
        desk.maker_id()
    ))
    .await;

    app.visitor().run_housekeeping().await.ok();

    let closed = desk.checker.request(&made.request_id).await.ok();
    assert_eq!(closed.status, RequestStatus::Withdrawn);
    assert!(desk
        .checker
        .pending_requests()
        .await
        .ok()
        .requests
        .is_empty());
    let trail = app.store.audit_actions(&desk.user().id).await.unwrap();
    assert!(trail.iter().any(|a| a.as_str() == "REQUEST_WITHDRAWN"));
}
