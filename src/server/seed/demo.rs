//! Demo data (`--demo`): a clearing participant and a designated bank with their DAs and users,
//! and one operator, loaded into an empty database. Never loaded otherwise.

use jiff::Timestamp;

use crate::domain::{DaUserId, EmailAddress, LoginId, MigrationPhase, ParticipantId, UserId};
use crate::server::seed::{self, SeedProfile};
use crate::server::store::{NewOperator, NewParticipant, ProfileKind, Store};

pub struct DemoCredential {
    pub login_id: &'static str,
    pub role: &'static str,
    pub password: Option<&'static str>,
    /// The (modelled) smartcard's SRN and PIN, for the log-in before and during the parallel
    /// run (R25).
    pub smartcard: Option<(&'static str, &'static str)>,
}

/// Demo smartcards (R25), one for every demo profile: (user ID, SRN, PIN).
const SMARTCARDS: [(&str, &str, &str); 11] = [
    ("B01234X1", "SRN-B01234X1", "120341"),
    ("B01234X2", "SRN-B01234X2", "120342"),
    ("B0123401", "SRN-B0123401", "123401"),
    ("B0123402", "SRN-B0123402", "123402"),
    ("B0123403", "SRN-B0123403", "123403"),
    ("B0123404", "SRN-B0123404", "123404"),
    ("B0123405", "SRN-B0123405", "123405"),
    ("BNK999X1", "SRN-BNK999X1", "999341"),
    ("BNK999X2", "SRN-BNK999X2", "999342"),
    ("BNK99901", "SRN-BNK99901", "999901"),
    ("BNK99902", "SRN-BNK99902", "999902"),
];

struct DemoProfile {
    id: &'static str,
    kind: ProfileKind,
    surname: &'static str,
    other_names: &'static str,
    email: Option<&'static str>,
    role: &'static str,
    password: Option<&'static str>,
}

const fn profile(
    id: &'static str,
    kind: ProfileKind,
    names: (&'static str, &'static str),
    email: Option<&'static str>,
    role: &'static str,
    password: Option<&'static str>,
) -> DemoProfile {
    DemoProfile {
        id,
        kind,
        surname: names.0,
        other_names: names.1,
        email,
        role,
        password,
    }
}

const PARTICIPANTS: [(&str, &str, &str); 2] = [
    ("B01234", "Demo Securities Limited", "CLEARING"),
    ("BNK999", "Demo Designated Bank", "DESIGNATED_BANK"),
];

const PROFILES: [DemoProfile; 11] = [
    profile(
        "B01234X1",
        ProfileKind::DaMaker,
        ("CHAN", "TAI MAN"),
        Some("tm.chan@securities.example.com"),
        "B01234 DA maker",
        Some("Maker-Demo-Pass-2026"),
    ),
    profile(
        "B01234X2",
        ProfileKind::DaChecker,
        ("LEE", "MEI LING"),
        Some("ml.lee@securities.example.com"),
        "B01234 DA checker",
        Some("Checker-Demo-Pass-2026"),
    ),
    profile(
        "B0123401",
        ProfileKind::User,
        ("WONG", "KA HO"),
        Some("kh.wong@securities.example.com"),
        "B01234 user",
        Some("User01-Demo-Pass-2026"),
    ),
    profile(
        "B0123402",
        ProfileKind::User,
        ("CHEUNG", "SIU MING"),
        Some("sm.cheung@securities.example.com"),
        "B01234 user",
        Some("User02-Demo-Pass-2026"),
    ),
    profile(
        "B0123403",
        ProfileKind::User,
        ("HO", "WAI KEUNG"),
        Some("wk.ho@securities.example.com"),
        "B01234 user, first log-in",
        None,
    ),
    profile(
        "B0123404",
        ProfileKind::User,
        ("LAM", "YUK LING"),
        Some("lam.yukling@gmail.com"),
        "B01234 user, webmail",
        None,
    ),
    profile(
        "B0123405",
        ProfileKind::User,
        ("NG", "CHI FAI"),
        None,
        "B01234 user, no e-mail",
        None,
    ),
    profile(
        "BNK999X1",
        ProfileKind::DaMaker,
        ("TSANG", "KWOK WAI"),
        Some("kw.tsang@bank.example.com"),
        "BNK999 DA maker",
        Some("BankMaker-Demo-Pass-2026"),
    ),
    profile(
        "BNK999X2",
        ProfileKind::DaChecker,
        ("YEUNG", "HOI YAN"),
        Some("hy.yeung@bank.example.com"),
        "BNK999 DA checker",
        Some("BankChecker-Demo-Pass-2026"),
    ),
    profile(
        "BNK99901",
        ProfileKind::User,
        ("LAU", "CHUN KIT"),
        Some("ck.lau@bank.example.com"),
        "BNK999 user",
        Some("BankUser01-Demo-Pass-2026"),
    ),
    profile(
        "BNK99902",
        ProfileKind::User,
        ("MAK", "WING SZE"),
        Some("ws.mak@bank.example.com"),
        "BNK999 user, first log-in",
        None,
    ),
];

/// Two operators, so that one can approve what the other asks (four eyes, R6a).
const OPERATORS: [(&str, &str, &str, &str); 2] = [
    (
        "HKEX-OP01",
        "HKSCC Operations",
        "ccass.ops@hkex.example.com",
        "Operator-Demo-Pass-2026",
    ),
    (
        "HKEX-OP02",
        "HKSCC Operations Checker",
        "ccass.ops2@hkex.example.com",
        "Operator2-Demo-Pass-2026",
    ),
];

/// Loads the demo data if the database is empty; answers the accounts to print either way.
pub async fn load(store: &Store, now: Timestamp) -> anyhow::Result<Vec<DemoCredential>> {
    if store.count_participants().await? == 0 {
        insert(store, now).await?;
        tracing::info!("demo data loaded");
    }
    // A demo database from before the second operator, or the smartcards, gets them too.
    add_missing_operators(store, now).await?;
    issue_missing_cards(store).await?;
    let mut credentials: Vec<DemoCredential> = PROFILES
        .iter()
        .map(|p| DemoCredential {
            login_id: p.id,
            role: p.role,
            password: p.password,
            smartcard: SMARTCARDS
                .iter()
                .find(|(id, _, _)| *id == p.id)
                .map(|(_, srn, pin)| (*srn, *pin)),
        })
        .collect();
    credentials.extend(OPERATORS.iter().map(|(id, _, _, password)| DemoCredential {
        login_id: id,
        role: "operator (HKEX)",
        password: Some(password),
        smartcard: None,
    }));
    Ok(credentials)
}

async fn issue_missing_cards(store: &Store) -> anyhow::Result<()> {
    for (id, srn, pin) in SMARTCARDS {
        let login = LoginId::parse(id)?;
        let Some(card) = store.card_on_file(&login).await? else {
            continue;
        };
        if card.pin_hash.is_some() {
            continue;
        }
        let pin = crate::domain::smartcard::CardPin::parse(pin)
            .map_err(|e| anyhow::anyhow!("demo PIN: {e}"))?;
        let hash = crate::server::security::smartcard::hash_pin(&pin).await?;
        store
            .issue_card(&login, srn, jiff::civil::date(2027, 12, 31), &hash)
            .await?;
    }
    Ok(())
}

async fn add_missing_operators(store: &Store, now: Timestamp) -> anyhow::Result<()> {
    let existing = store.operators().await?;
    for (id, name, email, password) in OPERATORS {
        if existing.iter().any(|o| o.operator_id == id) {
            continue;
        }
        let email = EmailAddress::parse(email)?;
        store
            .insert_operator(
                NewOperator {
                    id,
                    name,
                    email: Some(&email),
                },
                now,
            )
            .await?;
        seed::set_password(store, &LoginId::parse(id)?, password, now).await?;
    }
    Ok(())
}

async fn insert(store: &Store, now: Timestamp) -> anyhow::Result<()> {
    for (id, name, kind) in PARTICIPANTS {
        let id = ParticipantId::parse(id)?;
        store
            .insert_participant(NewParticipant {
                id: &id,
                name,
                kind,
                principal: None,
            })
            .await?;
    }
    for p in &PROFILES {
        let id = match p.kind {
            ProfileKind::User => LoginId::User(UserId::parse(p.id)?),
            ProfileKind::DaMaker | ProfileKind::DaChecker => LoginId::Da(DaUserId::parse(p.id)?),
        };
        let email = p.email.map(EmailAddress::parse).transpose()?;
        let profile = SeedProfile {
            id: &id,
            kind: p.kind,
            surname: p.surname,
            other_names: p.other_names,
            email: email.as_ref(),
            password: p.password,
        };
        seed::add_profile(store, profile, now).await?;
    }
    // The demo shows 2FA log-in, which opens with the parallel run (R12).
    store
        .set_migration_phase(MigrationPhase::Parallel, now)
        .await?;
    Ok(())
}
