//! Data loaded without a request: the demo (`demo`), and profiles as the demo and the tests
//! seed them: the fields a participant's profile needs beside
//! its ID, names and e-mail, filled as an operator would for a cash-market participant.

pub mod demo;
pub mod holidays;
pub mod operator_setup;

use jiff::civil::date;
use jiff::Timestamp;

use crate::domain::{EmailAddress, LoginId};
use crate::server::security::password;
use crate::server::store::{NewProfile, ProfileKind, Store};

/// A profile to add to an existing participant.
pub struct SeedProfile<'a> {
    pub id: &'a LoginId,
    pub kind: ProfileKind,
    pub surname: &'a str,
    pub other_names: &'a str,
    pub email: Option<&'a EmailAddress>,
    pub password: Option<&'a str>,
}

/// Adds the profile, then its password (hashed as log-in will check it) if it has one.
pub async fn add_profile(store: &Store, p: SeedProfile<'_>, now: Timestamp) -> anyhow::Result<()> {
    let is_user = p.kind == ProfileKind::User;
    store
        .insert_profile(
            NewProfile {
                id: p.id,
                kind: p.kind,
                surname: p.surname,
                other_names: p.other_names,
                email: p.email,
                enable_from: date(2003, 1, 1),
                clearing_houses: "CASH",
                business_user_groups: if is_user { "SETTLEMENT,ENQUIRY" } else { "" },
                access_levels: if is_user { "" } else { "EE" },
                srn: Some("SRN-DEMO"),
                certificate_expiry: Some(date(2027, 12, 31)),
            },
            now,
        )
        .await?;
    if let Some(pw) = p.password {
        set_password(store, p.id, pw, now).await?;
    }
    Ok(())
}

/// Hashes `password` as log-in will check it and sets it.
pub async fn set_password(
    store: &Store,
    login_id: &LoginId,
    password: &str,
    now: Timestamp,
) -> anyhow::Result<()> {
    let hash = password::hash(password.to_owned()).await?;
    let mut change = store.change(now).await?;
    change.set_password(login_id, &hash, now).await?;
    let _ = change.commit().await?;
    Ok(())
}
