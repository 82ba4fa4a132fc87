//! Passkeys as a second factor (issue 17), answered by a software authenticator: registration at
//! a first log-in and in settings, log-in with one, a cloned credential refused, removal proven
//! by a second factor, another user's passkey refused, and the notices (R26d).

use ccass_access::api::{
    DeviceProof, LoginMethod, NextStep, PasskeyAnswer, PasskeyChallenge, TestRole,
};
use ccass_access::domain::otp::TotpSecret;
use ccass_access::domain::AuditAction;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse, Url};

use crate::helpers::{spawn_app, spec, Person, TestApp, Visitor, NOTICE_SUBJECT};

/// A passkey in software, as a browser on `localhost` would use it.
pub(crate) struct SoftKey {
    authenticator: WebauthnAuthenticator<SoftPasskey>,
    origin: Url,
}

impl SoftKey {
    /// Claims user verification, as a platform authenticator with a PIN or biometrics.
    fn new(app: &TestApp) -> Self {
        Self::verifying(app, true)
    }

    /// `verifies`: false for a plain security key, which proves presence only.
    fn verifying(app: &TestApp, verifies: bool) -> Self {
        let origin = app.address.replace("127.0.0.1", "localhost");
        Self {
            authenticator: WebauthnAuthenticator::new(SoftPasskey::new(verifies)),
            origin: Url::parse(&origin).unwrap(),
        }
    }

    fn create(&mut self, challenge: &PasskeyChallenge, name: &str) -> PasskeyAnswer {
        let options: CreationChallengeResponse = serde_json::from_str(&challenge.options).unwrap();
        let credential = self
            .authenticator
            .do_registration(self.origin.clone(), options)
            .expect("the soft passkey registers");
        PasskeyAnswer {
            credential: serde_json::to_string(&credential).unwrap(),
            name: Some(name.to_owned()),
        }
    }

    pub(crate) fn get(&mut self, challenge: &PasskeyChallenge) -> PasskeyAnswer {
        let options: RequestChallengeResponse = serde_json::from_str(&challenge.options).unwrap();
        let credential = self
            .authenticator
            .do_authentication(self.origin.clone(), options)
            .expect("the soft passkey answers");
        PasskeyAnswer {
            credential: serde_json::to_string(&credential).unwrap(),
            name: None,
        }
    }
}

/// `person` registers a passkey at their first log-in and is signed in; answers the key.
pub(crate) async fn first_log_in_with_passkey<'a>(
    app: &'a TestApp,
    person: &Person,
) -> (Visitor<'a>, SoftKey) {
    let browser = app.visitor();
    let answer = browser.login(&person.id, person.password()).await.ok();
    assert_eq!(answer.next_step, NextStep::RegisterDevice);
    let mut key = SoftKey::new(app);
    let challenge = browser.passkey_register_challenge().await.ok();
    let registered = browser
        .passkey_register(&key.create(&challenge, "Work laptop"))
        .await;
    assert_eq!(registered.status, 200, "{:?}", registered.body);
    assert_eq!(registered.ok().recovery_codes.len(), 10);
    (browser, key)
}

/// Password, then the passkey: the answer of the last step.
async fn log_in_with(
    app: &TestApp,
    person: &Person,
    key: &mut SoftKey,
) -> crate::client::Reply<ccass_access::api::SignedIn> {
    let browser = app.visitor();
    let answer = browser.login(&person.id, person.password()).await.ok();
    assert_eq!(answer.next_step, NextStep::Passkey);
    let challenge = browser.passkey_challenge().await.ok();
    browser.passkey_log_in(&key.get(&challenge)).await
}

#[tokio::test]
async fn a_passkey_registered_at_the_first_log_in_is_asked_for_after_the_password() {
    let app = spawn_app().await;
    let person = app.user().await;
    let (browser, mut key) = first_log_in_with_passkey(&app, &person).await;
    assert_eq!(browser.session().await.status, 200, "signed in by it");
    let listed = browser.passkeys().await.ok().passkeys;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "Work laptop");
    browser.logout().await.ok();

    let signed_in = log_in_with(&app, &person, &mut key).await;
    assert_eq!(signed_in.status, 200, "{:?}", signed_in.body);
    let again = log_in_with(&app, &person, &mut key).await;
    assert_eq!(again.status, 200, "the counter moves on with each use");

    let next = app.visitor();
    next.login(&person.id, person.password()).await.ok();
    let challenge = next.passkey_challenge().await.ok();
    next.passkey_log_in(&key.get(&challenge)).await.ok();
    let me = next.session().await.ok();
    assert_eq!(me.previous_login_method, Some(LoginMethod::Passkey));

    let actions = app.store.audit_actions(&person.id).await.unwrap();
    assert!(actions.contains(&AuditAction::PasskeyAdded), "{actions:?}");
    let notices = app.mail_to(person.email()).await;
    assert!(
        notices
            .iter()
            .any(|m| m.subject.contains(NOTICE_SUBJECT) && m.text.contains("passkey was added")),
        "R26d: the new passkey is announced"
    );
}

#[tokio::test]
async fn a_security_key_without_user_verification_serves_as_the_second_factor() {
    // User verification is preferred, not required: after the password, possession suffices.
    let app = spawn_app().await;
    let person = app.user().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    let mut key = SoftKey::verifying(&app, false);
    let challenge = browser.passkey_register_challenge().await.ok();
    let registered = browser
        .passkey_register(&key.create(&challenge, "Security key"))
        .await;
    assert_eq!(registered.status, 200, "{:?}", registered.body);
    browser.logout().await.ok();
    assert_eq!(log_in_with(&app, &person, &mut key).await.status, 200);
}

#[tokio::test]
async fn a_challenge_answers_once_and_a_stale_or_missing_one_is_refused() {
    let app = spawn_app().await;
    let person = app.user().await;
    let (browser, mut key) = first_log_in_with_passkey(&app, &person).await;
    browser.logout().await.ok();

    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    let challenge = browser.passkey_challenge().await.ok();
    let answer = key.get(&challenge);
    app.advance(6 * 60).await;
    let late = browser.passkey_log_in(&answer).await;
    assert_eq!(late.status, 409, "{:?}", late.body);
    assert_eq!(late.code(), "conflict");

    let again = browser.passkey_log_in(&answer).await;
    assert_eq!(again.status, 409, "used up: {:?}", again.body);
}

#[tokio::test]
async fn a_cloned_passkey_whose_counter_goes_back_is_refused_and_audited() {
    let app = spawn_app().await;
    let person = app.user().await;
    let (browser, mut key) = first_log_in_with_passkey(&app, &person).await;
    browser.logout().await.ok();
    assert_eq!(log_in_with(&app, &person, &mut key).await.status, 200);

    // The genuine authenticator has moved far ahead; this one (a copy) is behind it.
    let (stored,): (String,) = sqlx::query_as("SELECT passkey FROM passkeys WHERE login_id = $1")
        .bind(&person.id)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    let mut record: serde_json::Value = serde_json::from_str(&stored).unwrap();
    record["cred"]["counter"] = serde_json::json!(1000);
    sqlx::query("UPDATE passkeys SET passkey = $1 WHERE login_id = $2")
        .bind(record.to_string())
        .bind(&person.id)
        .execute(app.store.pool())
        .await
        .unwrap();

    let refused = log_in_with(&app, &person, &mut key).await;
    assert_eq!(refused.status, 401, "{:?}", refused.body);
    assert_eq!(refused.code(), "invalid_otp");
    assert!(
        refused.message().contains("counter"),
        "{}",
        refused.message()
    );
    let actions = app.store.audit_actions(&person.id).await.unwrap();
    assert!(
        actions.contains(&AuditAction::PasskeyCloneSuspected),
        "{actions:?}"
    );
    assert!(
        actions.contains(&AuditAction::OtpFailed),
        "counted towards the lock (R24)"
    );
}

#[tokio::test]
async fn another_users_passkey_does_not_answer_for_this_user() {
    let app = spawn_app().await;
    let people = app
        .people(&[spec(TestRole::User), spec(TestRole::User)])
        .await;
    let (first, _) = first_log_in_with_passkey(&app, &people[0]).await;
    let (second, mut stranger) = first_log_in_with_passkey(&app, &people[1]).await;
    first.logout().await.ok();
    second.logout().await.ok();

    // The stranger signs their own challenge, and sends it for the first user.
    let own = app.visitor();
    own.login(&people[1].id, people[1].password()).await.ok();
    let their_answer = stranger.get(&own.passkey_challenge().await.ok());
    let victim = app.visitor();
    victim.login(&people[0].id, people[0].password()).await.ok();
    victim.passkey_challenge().await.ok();
    let refused = victim.passkey_log_in(&their_answer).await;
    assert_eq!(refused.status, 401, "{:?}", refused.body);
    assert_eq!(refused.code(), "invalid_otp");
    assert_eq!(
        victim.session().await.status,
        401,
        "still only half signed in"
    );
}

#[tokio::test]
async fn settings_add_and_remove_a_passkey_only_with_the_present_second_factor() {
    let app = spawn_app().await;
    let (person, secret) = app.user_with_device().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    browser
        .submit_otp(&secret.code_at(app.now().await))
        .await
        .ok();
    app.advance(30).await;

    // R26a: a session alone adds nothing.
    let unproven = browser.passkey_add_challenge(&DeviceProof::default()).await;
    assert_eq!(unproven.status, 422, "{:?}", unproven.body);
    let wrong = browser
        .passkey_add_challenge(&DeviceProof {
            otp: Some("000000".into()),
            recovery_code: None,
        })
        .await;
    assert_eq!(wrong.status, 401, "{:?}", wrong.body);

    let mut key = SoftKey::new(&app);
    let proof = |secret: &TotpSecret, at| DeviceProof {
        otp: Some(secret.code_at(at)),
        recovery_code: None,
    };
    app.advance(30).await;
    let challenge = browser
        .passkey_add_challenge(&proof(&secret, app.now().await))
        .await
        .ok();
    let added = browser
        .passkey_add(&key.create(&challenge, "Security key"))
        .await;
    assert_eq!(added.status, 200, "{:?}", added.body);
    let id = added.ok().passkeys[0].id.clone();
    browser.logout().await.ok();

    // Now the passkey comes first; the app still works as the fallback.
    assert_eq!(log_in_with(&app, &person, &mut key).await.status, 200);
    let fallback = app.visitor();
    let step = fallback.login(&person.id, person.password()).await.ok();
    assert_eq!(step.next_step, NextStep::Passkey);
    app.advance(30).await;
    let by_app = fallback.submit_otp(&secret.code_at(app.now().await)).await;
    assert_eq!(
        by_app.status, 200,
        "the app stays as fallback: {:?}",
        by_app.body
    );

    let unproven = fallback.passkey_remove(&id, &DeviceProof::default()).await;
    assert_eq!(unproven.status, 422, "{:?}", unproven.body);
    app.advance(30).await;
    let removed = fallback
        .passkey_remove(&id, &proof(&secret, app.now().await))
        .await;
    assert_eq!(removed.status, 200, "{:?}", removed.body);
    assert!(removed.ok().passkeys.is_empty());
    app.advance(30).await;
    let unknown = fallback
        .passkey_remove(&id, &proof(&secret, app.now().await))
        .await;
    assert_eq!(unknown.status, 404, "{:?}", unknown.body);

    let step = app
        .visitor()
        .login(&person.id, person.password())
        .await
        .ok();
    assert_eq!(step.next_step, NextStep::AppOtp, "back to the app");
    let actions = app.store.audit_actions(&person.id).await.unwrap();
    assert!(
        actions.contains(&AuditAction::PasskeyRemoved),
        "{actions:?}"
    );
    let notices = app.mail_to(person.email()).await;
    assert!(notices
        .iter()
        .any(|m| m.text.contains("passkey was removed")));
}

#[tokio::test]
async fn a_password_alone_cannot_add_a_passkey_beside_a_second_factor_in_place() {
    let app = spawn_app().await;
    let (person, _) = app.user_with_device().await;
    let browser = app.visitor();
    browser.login(&person.id, person.password()).await.ok();
    let refused = browser.passkey_register_challenge().await;
    assert_eq!(refused.status, 409, "R26a: {:?}", refused.body);
}

/// Tuesday 1 December 2026, 10:00 in Hong Kong: the DMS is open.
const OPEN: &str = "2026-12-01T10:00:00+08:00";

#[tokio::test]
async fn the_listing_shows_passkeys_and_reset_soft_token_removes_them_through_maker_checker() {
    let app = spawn_app().await;
    app.set_time(OPEN).await;
    let people = app
        .people(&[
            spec(TestRole::DaMaker),
            spec(TestRole::DaChecker),
            spec(TestRole::User),
        ])
        .await;
    let user = &people[2];
    let (browser, _key) = first_log_in_with_passkey(&app, user).await;
    let maker = app.signed_in(&people[0]).await;
    let checker = app.signed_in(&people[1]).await;

    let listing = maker.user_listing("page=1").await.ok();
    let row = listing.users.iter().find(|u| u.user_id == user.id).unwrap();
    assert_eq!(row.passkeys, 1, "the listing shows the profile's factors");
    assert_eq!(row.otp_channel, None);

    let before = maker.enquire(&user.id).await.ok();
    let reset = maker
        .make_request(&ccass_access::api::RequestDraft::ResetSoftToken {
            user_id: user.id.clone(),
            version: before.version,
        })
        .await
        .ok();
    assert_eq!(
        browser.passkeys().await.ok().passkeys.len(),
        1,
        "nothing changes before a checker authorises"
    );
    let code = checker.authorisation_code().await.ok().code;
    let confirmed = maker.confirm(&reset.request_id, &people[1].id, &code).await;
    assert_eq!(confirmed.status, 200, "{:?}", confirmed.body);

    assert_eq!(
        browser.session().await.status,
        401,
        "R26b: the user's sessions end"
    );
    let listing = maker.user_listing("page=1").await.ok();
    let row = listing.users.iter().find(|u| u.user_id == user.id).unwrap();
    assert_eq!(row.passkeys, 0);
    let again = app.visitor();
    let step = again.login(&user.id, user.password()).await.ok();
    assert_eq!(
        step.next_step,
        NextStep::RegisterDevice,
        "no passkey is asked for"
    );
    let challenge = again.passkey_challenge().await;
    assert_eq!(
        challenge.status, 409,
        "the old passkey answers for nothing now"
    );
}
