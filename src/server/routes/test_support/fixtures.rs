//! `/api/test/participants`: exists only when the server runs with `--test-fixtures`. Each call
//! creates a participant no one else uses, with the profiles asked for, so tests in parallel
//! never share a password, a lock or a mailbox.

use axum::extract::State;
use axum::Json;

use crate::api::{NewTestParticipant, TestAccount, TestParticipant, TestProfileSpec, TestRole};
use crate::domain::{DaUserId, EmailAddress, LoginId, OperatorId, ParticipantId, UserId};
use crate::server::failure::{ApiFailure, FieldProblem, InvalidInput};
use crate::server::routes::extract::ApiJson;
use crate::server::seed::{self, SeedProfile};
use crate::server::state::AppState;
use crate::server::store::{NewOperator, NewParticipant, ProfileKind};

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// R2 allows nine DA suffixes per letter; tests need far fewer.
const DA_SUFFIXES: [char; 3] = ['X', 'Y', 'Z'];

fn random_text(len: usize) -> String {
    (0..len)
        .map(|_| ALPHANUMERIC[rand::random_range(0..ALPHANUMERIC.len())] as char)
        .collect()
}

/// An operator `TEST-` + six random characters, with a password and e-mail as asked.
async fn operator(state: &AppState, spec: &TestProfileSpec) -> Result<TestAccount, ApiFailure> {
    let now = state.now();
    let id = OperatorId::parse(&format!("TEST-{}", random_text(6))).map_err(generated)?;
    let email = spec
        .email
        .then(|| EmailAddress::parse(&format!("{}@hkex.example.com", id.as_str().to_lowercase())))
        .transpose()
        .map_err(generated)?;
    let operator = NewOperator {
        id: id.as_str(),
        name: "TEST OPERATOR",
        email: email.as_ref(),
    };
    state.store.insert_operator(operator, now).await?;
    let password = spec
        .password
        .then(|| format!("Test-{}-{}", random_text(8), random_text(8)));
    if let Some(password) = &password {
        seed::set_password(&state.store, &LoginId::Operator(id.clone()), password, now).await?;
    }
    Ok(TestAccount {
        user_id: id.to_string(),
        password,
        email: email.map(|e| e.as_str().to_owned()),
        srn: None,
        pin: None,
    })
}

/// An ID or e-mail the server made up and could not read back: its own fault, a 500.
fn generated(error: impl std::fmt::Debug) -> anyhow::Error {
    anyhow::anyhow!("generated test identity refused: {error:?}")
}

pub async fn create(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewTestParticipant>,
) -> Result<Json<TestParticipant>, ApiFailure> {
    let now = state.now();
    let asked = |role| body.profiles.iter().filter(|p| p.role == role).count();
    let das_asked = asked(TestRole::DaMaker) + asked(TestRole::DaChecker);
    if asked(TestRole::User) > 99 || das_asked > 9 * DA_SUFFIXES.len() {
        return Err(InvalidInput::of("profiles", FieldProblem::TooLong).into());
    }
    let principal = body
        .principal
        .as_deref()
        .map(ParticipantId::parse)
        .transpose()
        .map_err(|e| InvalidInput::of("principal", e.into()))?;
    // `T` + five random characters: 60 million IDs, none of them the demo's.
    let participant = ParticipantId::parse(&format!("T{}", random_text(5))).map_err(generated)?;
    state
        .store
        .insert_participant(NewParticipant {
            id: &participant,
            name: "Test Participant Limited",
            kind: "CLEARING",
            principal: principal.as_ref(),
        })
        .await?;
    let (mut users, mut das) = (0, 0);
    let mut accounts = Vec::with_capacity(body.profiles.len());
    for spec in &body.profiles {
        if spec.role == TestRole::Operator {
            accounts.push(operator(&state, spec).await?);
            continue;
        }
        let (id, kind) = match spec.role {
            TestRole::User => {
                users += 1;
                let id = UserId::parse(&format!("{participant}{users:02}")).map_err(generated)?;
                (LoginId::User(id), ProfileKind::User)
            }
            TestRole::Operator => unreachable!("made above"),
            TestRole::DaMaker | TestRole::DaChecker => {
                let suffix = format!("{}{}", DA_SUFFIXES[das / 9], das % 9 + 1);
                das += 1;
                let kind = if spec.role == TestRole::DaMaker {
                    ProfileKind::DaMaker
                } else {
                    ProfileKind::DaChecker
                };
                (
                    LoginId::Da(
                        DaUserId::parse(&format!("{participant}{suffix}")).map_err(generated)?,
                    ),
                    kind,
                )
            }
        };
        let domain = if spec.webmail {
            "gmail.com".to_owned()
        } else {
            format!("{}.example.com", participant.as_str().to_lowercase())
        };
        let email = spec
            .email
            .then(|| EmailAddress::parse(&format!("{}@{domain}", id.as_str().to_lowercase())))
            .transpose()
            .map_err(generated)?;
        let password = spec
            .password
            .then(|| format!("Test-{}-{}", random_text(8), random_text(8)));
        let surname = format!("TEST {}", id.as_str());
        seed::add_profile(
            &state.store,
            SeedProfile {
                id: &id,
                kind,
                surname: &surname,
                other_names: "PERSON",
                email: email.as_ref(),
                password: password.as_deref(),
            },
            now,
        )
        .await?;
        let (srn, pin) = if spec.smartcard {
            let srn = format!("SRN-{}", id.as_str());
            let pin: String = (0..6)
                .map(|_| char::from(b'0' + rand::random_range(0..10u8)))
                .collect();
            let parsed = crate::domain::smartcard::CardPin::parse(&pin).map_err(generated)?;
            let hash = crate::server::security::smartcard::hash_pin(&parsed).await?;
            state
                .store
                .issue_card(&id, &srn, jiff::civil::date(2027, 12, 31), &hash)
                .await?;
            (Some(srn), Some(pin))
        } else {
            (None, None)
        };
        accounts.push(TestAccount {
            user_id: id.as_str().to_owned(),
            password,
            email: email.map(|e| e.as_str().to_owned()),
            srn,
            pin,
        });
    }
    Ok(Json(TestParticipant {
        participant_id: participant.as_str().to_owned(),
        profiles: accounts,
    }))
}
