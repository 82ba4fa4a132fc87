//! Settlement agents (issue 13; R27, seed 4.1): the principal's DAs list the agent's users and
//! maintain their e-mails under maker–checker, and nothing else of them; no other participant's
//! DAs see them.

use ccass_access::api::{ProfileForm, RequestDraft, TestRole};

use crate::helpers::{spawn_app, spec, TestApp};

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

struct World {
    principal: Vec<crate::helpers::Person>,
    agent: Vec<crate::helpers::Person>,
    stranger: Vec<crate::helpers::Person>,
}

async fn world(app: &TestApp) -> World {
    app.set_time(OPEN).await;
    let principal = app
        .people(&[spec(TestRole::DaMaker), spec(TestRole::DaChecker)])
        .await;
    let agent = app
        .agent_people(
            &principal[0].id[..6],
            &[spec(TestRole::User), spec(TestRole::User)],
        )
        .await;
    let stranger = app.people(&[spec(TestRole::DaMaker)]).await;
    World {
        principal,
        agent,
        stranger,
    }
}

#[tokio::test]
async fn r27_the_principals_das_list_the_agents_users_and_no_one_else_sees_them() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let maker = app.signed_in(&w.principal[0]).await;
    let listed = maker.user_listing("per_page=200").await.ok();
    let ids: Vec<&str> = listed.users.iter().map(|u| u.user_id.as_str()).collect();
    for person in w.principal.iter().chain(&w.agent) {
        assert!(ids.contains(&person.id.as_str()), "{ids:?}");
    }
    assert_eq!(listed.total, 4);
    assert_eq!(maker.enquire(&w.agent[0].id).await.status, 200);

    let stranger = app.signed_in(&w.stranger[0]).await;
    assert_eq!(stranger.enquire(&w.agent[0].id).await.status, 404);
    let theirs = stranger.user_listing("per_page=200").await.ok();
    assert!(theirs.users.iter().all(|u| u.user_id != w.agent[0].id));
    let refused = stranger
        .make_request(&RequestDraft::Change {
            user_id: w.agent[0].id.clone(),
            version: 1,
            profile: ProfileForm {
                email: "someone@elsewhere.example.com".into(),
                ..maker.enquire(&w.agent[0].id).await.ok().form
            },
        })
        .await;
    assert_eq!(refused.status, 404);
}

#[tokio::test]
async fn r27_the_principal_changes_an_agents_users_email_under_maker_checker_and_nothing_else() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let maker = app.signed_in(&w.principal[0]).await;
    let checker = app.signed_in(&w.principal[1]).await;
    let user = &w.agent[0];
    let view = maker.enquire(&user.id).await.ok();

    // Anything but the e-mail is the agent's own business.
    let renamed = maker
        .make_request(&RequestDraft::Change {
            user_id: user.id.clone(),
            version: view.version,
            profile: ProfileForm {
                surname: "RENAMED".into(),
                ..view.form.clone()
            },
        })
        .await;
    assert_eq!(renamed.status, 403);
    assert!(renamed.error().message.contains("settlement agent"));
    for draft in [
        RequestDraft::Delete {
            user_id: user.id.clone(),
            version: view.version,
        },
        RequestDraft::ResetSoftToken {
            user_id: user.id.clone(),
            version: view.version,
        },
        RequestDraft::Create {
            user_id: w.agent[1].unused_id("77"),
            profile: view.form.clone(),
        },
    ] {
        assert_eq!(maker.make_request(&draft).await.status, 403, "{draft:?}");
    }

    // The e-mail goes through maker and checker of the principal.
    let new_email = "settlement.desk@agent.example.com";
    let made = maker
        .make_request(&RequestDraft::Change {
            user_id: user.id.clone(),
            version: view.version,
            profile: ProfileForm {
                email: new_email.into(),
                ..view.form.clone()
            },
        })
        .await
        .ok();
    let code = checker.authorisation_code().await.ok().code;
    maker
        .confirm(&made.request_id, &w.principal[1].id, &code)
        .await
        .ok();
    assert_eq!(maker.enquire(&user.id).await.ok().form.email, new_email);
    // The old address and the new one hear of it.
    assert_eq!(app.mail_to(new_email).await.len(), 1);
    assert_eq!(app.mail_to(user.email()).await.len(), 1);
}

/// Issue 26, item 8: the principal's DAs see the agent's users, never the agent's own DAs, in
/// the listing, the enquiry and the CSV.
#[tokio::test]
async fn the_principal_sees_the_agents_users_but_not_its_da_profiles() {
    let app = spawn_app().await;
    app.set_time(OPEN).await;
    let principal = app.people(&[spec(TestRole::DaMaker)]).await;
    let agent = app
        .agent_people(
            &principal[0].id[..6],
            &[
                spec(TestRole::DaMaker),
                spec(TestRole::DaChecker),
                spec(TestRole::User),
            ],
        )
        .await;
    let maker = app.signed_in(&principal[0]).await;
    let listed = maker.user_listing("per_page=200").await.ok();
    let ids: Vec<&str> = listed.users.iter().map(|u| u.user_id.as_str()).collect();
    assert!(ids.contains(&agent[2].id.as_str()), "{ids:?}");
    for da in &agent[..2] {
        assert!(!ids.contains(&da.id.as_str()), "{ids:?}");
        assert_eq!(maker.enquire(&da.id).await.status, 404);
    }
    assert_eq!(listed.total, 2);
    let (status, csv) = maker.csv("/api/dms/users.csv").await;
    assert_eq!(status, 200);
    assert!(csv.contains(&agent[2].id));
    for da in &agent[..2] {
        assert!(!csv.contains(&da.id), "{csv}");
    }
}
