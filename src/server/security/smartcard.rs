//! R25: the legacy smartcard, modelled. A real card middleware would check the card's
//! certificate and PIN on the terminal; here the verifier compares the SRN and a hashed PIN kept
//! with the profile. It sits behind [`CardVerifier`] so that middleware could take its place.

use std::future::Future;
use std::pin::Pin;

use jiff::civil::Date;

use super::password::{self, LoginCheck, PasswordHash};
use crate::domain::smartcard::{CardPin, Srn};

/// What the profile holds of its card.
#[derive(Clone, Debug)]
pub struct CardOnFile {
    pub srn: Option<String>,
    pub certificate_expiry: Option<Date>,
    pub pin_hash: Option<PasswordHash>,
}

/// Checks a card's SRN and PIN against what is on file (`None`: no such profile). Always takes
/// the time of a real check, so an unknown ID answers as a known one (R26c).
pub trait CardVerifier: Send + Sync {
    fn verify<'a>(
        &'a self,
        on_file: Option<CardOnFile>,
        srn: &'a Srn,
        pin: CardPin,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<bool>> + Send + 'a>>;
}

/// The modelled cards: the PIN hashed with Argon2id like a password, on the hashing pool.
pub struct ModelledCards;

impl CardVerifier for ModelledCards {
    fn verify<'a>(
        &'a self,
        on_file: Option<CardOnFile>,
        srn: &'a Srn,
        pin: CardPin,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<bool>> + Send + 'a>> {
        Box::pin(async move {
            let stored = on_file.as_ref().and_then(|c| c.pin_hash.clone());
            let pin_matches =
                password::check_login(pin.expose().to_owned(), stored).await? != LoginCheck::Fails;
            let srn_matches = on_file
                .as_ref()
                .and_then(|c| c.srn.as_deref())
                .is_some_and(|on_card| on_card.eq_ignore_ascii_case(srn.as_str()));
            Ok(pin_matches && srn_matches)
        })
    }
}

/// A PIN as the modelled cards keep it.
pub async fn hash_pin(pin: &CardPin) -> anyhow::Result<PasswordHash> {
    password::hash(pin.expose().to_owned()).await
}
