//! The DMS (issue 9): the User Profile Listing (R28) of the DA's own participant, within
//! service hours (R11).

use ccass_access::api::TestRole;

use crate::helpers::{spawn_app, spawn_app_with_room, spec};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

#[tokio::test]
async fn r28_a_da_lists_every_profile_of_their_participant_and_no_other_s() {
    let app = spawn_app_with_room().await;
    app.set_time(OPEN).await;
    let mut specs = vec![spec(TestRole::DaMaker), spec(TestRole::DaChecker)];
    specs.extend(std::iter::repeat_n(spec(TestRole::User), 5));
    let people = app.people(&specs).await;
    let stranger = app.da_maker().await;
    let maker = app.signed_in(&people[0]).await;

    let listing = maker.user_listing("").await.ok();

    assert_eq!(listing.total, 7);
    let ids: Vec<&str> = listing.users.iter().map(|u| u.user_id.as_str()).collect();
    let mut expected: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    expected.sort();
    assert_eq!(ids, expected, "DAs included, sorted by user ID");
    assert!(!ids.contains(&stranger.id.as_str()));
    let first = &listing.users[0];
    assert_eq!(first.status, "ENABLED");
    assert_eq!(first.enable_from, "01-Jan-2003");
    assert!(first.email.is_some());
}

#[tokio::test]
async fn r28_the_listing_pages_sorts_and_filters_on_the_server() {
    let app = spawn_app_with_room().await;
    app.set_time(OPEN).await;
    let mut specs = vec![spec(TestRole::DaMaker)];
    specs.extend(std::iter::repeat_n(spec(TestRole::User), 4));
    specs.push(ccass_access::api::TestProfileSpec {
        email: false,
        ..spec(TestRole::User)
    });
    let people = app.people(&specs).await;
    let maker = app.signed_in(&people[0]).await;
    app.sql(&format!(
        "UPDATE credentials SET locked_at = 1 WHERE login_id = '{}'",
        people[2].id
    ))
    .await;

    let second = maker.user_listing("page=2&per_page=4").await.ok();
    assert_eq!((second.total, second.page, second.users.len()), (6, 2, 2));
    // `X1` sorts after the digits of the users' IDs.
    let descending = maker.user_listing("order=desc").await.ok();
    assert_eq!(descending.users[0].user_id, people[0].id);
    assert_eq!(descending.users[1].user_id, people[5].id);
    let no_email = maker.user_listing("filter=no_email").await.ok();
    assert_eq!(no_email.total, 1);
    assert_eq!(no_email.users[0].user_id, people[5].id);
    let locked = maker.user_listing("filter=locked").await.ok();
    assert_eq!(locked.users.len(), 1);
    assert!(locked.users[0].locked);
    // The maker logged in by the app; nobody else ever did.
    let never = maker
        .user_listing("filter=never_2fa,inactive_90_days")
        .await
        .ok();
    assert_eq!(never.total, 5);

    let bad = maker
        .user_listing("sort=password&per_page=0&filter=everyone")
        .await;
    assert_eq!(bad.status, 422);
    for field in ["sort", "per_page", "filter"] {
        assert_eq!(
            bad.field(field),
            "This value is not one the page offers.",
            "{field}"
        );
    }
}

#[tokio::test]
async fn r26_only_a_da_with_access_level_ee_reaches_the_listing() {
    let app = spawn_app().await;
    app.set_time(OPEN).await;
    let people = app
        .people(&[spec(TestRole::User), spec(TestRole::DaChecker)])
        .await;
    let user = app.signed_in(&people[0]).await;
    assert_eq!(user.user_listing("").await.status, 403);
    assert_eq!(app.visitor().user_listing("").await.status, 401);

    app.sql(&format!(
        "UPDATE profiles SET access_levels = '' WHERE user_id = '{}'",
        people[1].id
    ))
    .await;
    let checker = app.signed_in(&people[1]).await;
    let refused = checker.user_listing("").await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.code(), "forbidden");
}

#[tokio::test]
async fn r11_outside_service_hours_the_listing_names_when_the_dms_opens() {
    let app = spawn_app_with_room().await;
    // A DA who logs in at `at` and asks for the listing at once.
    let listing_at = |at: &'static str| {
        let app = &app;
        async move {
            app.set_time(at).await;
            let maker = app.da_maker().await;
            app.signed_in(&maker).await.user_listing("").await
        }
    };

    // Tuesday 18:59 is open; 19:00 is not, and the answer names Wednesday 07:00.
    assert_eq!(listing_at("2026-12-01T18:59:00+08:00").await.status, 200);
    let closed = listing_at("2026-12-01T19:00:00+08:00").await;
    assert_eq!(closed.status, 403);
    assert_eq!(closed.code(), "outside_service_hours");
    assert_eq!(
        closed.message(),
        "The DMS is closed now. It opens at 2026-12-02 07:00, Hong Kong time."
    );
    // Christmas Day 2026 (a Friday, a holiday from the shipped calendar), then Boxing Day.
    let holiday = listing_at("2026-12-25T10:00:00+08:00").await;
    assert_eq!(holiday.code(), "outside_service_hours");
    assert!(
        holiday.message().contains("2026-12-28 07:00"),
        "{}",
        holiday.message()
    );
}

#[tokio::test]
async fn the_session_tells_a_da_their_participant_role_and_access_levels() {
    let app = spawn_app().await;
    let people = app
        .people(&[spec(TestRole::DaChecker), spec(TestRole::User)])
        .await;
    let checker = app.signed_in(&people[0]).await;
    let user = app.signed_in(&people[1]).await;

    let da = checker.session().await.ok().da.expect("a DA summary");

    assert_eq!(da.participant_id, people[0].id[..6]);
    assert_eq!(da.role, ccass_access::api::DaRoleName::Checker);
    assert_eq!(da.access_levels, ["EE"]);
    assert_eq!(user.session().await.ok().da, None);
}

/// R28's "Download": the listing as CSV, UTF-8 with a byte-order mark, formulas made inert, the
/// filters applied, and no other participant's rows.
#[tokio::test]
async fn r28_the_download_is_the_filtered_listing_as_safe_csv() {
    let app = spawn_app_with_room().await;
    app.set_time(OPEN).await;
    let mut specs = vec![spec(TestRole::DaMaker)];
    specs.extend(std::iter::repeat_n(spec(TestRole::User), 2));
    let people = app.people(&specs).await;
    let stranger = app.user().await;
    let maker = app.signed_in(&people[0]).await;
    app.sql(&format!(
        "UPDATE profiles SET surname = '=HYPERLINK(\"http://evil\")', other_names = '陳, 大文' WHERE user_id = '{}'",
        people[1].id
    ))
    .await;

    let all = maker
        .get(&format!(
            "{}?sort=user_id",
            ccass_access::api::paths::DMS_USERS_CSV
        ))
        .await;

    assert_eq!(all.status, 200);
    assert!(all.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(all.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(&format!("user-profiles-{}.csv", &people[0].id[..6])));
    let text = all.body.as_str().unwrap();
    assert!(
        text.starts_with("\u{feff}User ID,Name,E-mail,Status,"),
        "{text}"
    );
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4, "a header and three profiles: {text}");
    let hostile = lines.iter().find(|l| l.starts_with(&people[1].id)).unwrap();
    assert!(
        hostile.contains("\"'=HYPERLINK(\"\"http://evil\"\") 陳, 大文\""),
        "{hostile}"
    );
    assert!(!text.contains(&stranger.id));

    let locked = maker
        .get(&format!(
            "{}?filter=locked",
            ccass_access::api::paths::DMS_USERS_CSV
        ))
        .await;
    assert_eq!(
        locked
            .body
            .as_str()
            .unwrap()
            .trim_end()
            .split("\r\n")
            .count(),
        1
    );
}
