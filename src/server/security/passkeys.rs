//! Passkeys as a second factor (issue 17): the WebAuthn relying party, set by `--rp-id` and
//! `--rp-origin` and checked at start. webauthn-rs runs the ceremonies: the challenge, the
//! origin and RP ID, attestation "none", user verification "preferred" (after the password the
//! key proves possession; a PIN or biometric is welcome, not required, so a plain security key
//! serves), and the sign counter (a non-zero counter that fails to increase is refused as a
//! possible clone; synced passkeys report 0).

use std::net::IpAddr;

use sha2::{Digest, Sha256};
use webauthn_rs::prelude::{
    CreationChallengeResponse, CredentialID, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Url, Uuid, WebauthnError,
};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::domain::LoginId;

/// A registered passkey or security key as webauthn-rs keeps it (public key, counter, backup
/// flags): its `SecurityKey` ceremonies are the ones with user verification "preferred".
pub type Passkey = webauthn_rs::prelude::SecurityKey;
/// A registration under way, between its challenge and its answer.
pub type PasskeyRegistration = webauthn_rs::prelude::SecurityKeyRegistration;
/// A log-in under way, between its challenge and its answer.
pub type PasskeyAuthentication = webauthn_rs::prelude::SecurityKeyAuthentication;

/// Why the relying party settings cannot serve.
#[derive(Debug, thiserror::Error)]
pub enum RelyingPartyError {
    #[error("--rp-id {0:?} is an IP address; a relying party ID is a host name (use localhost for a demo)")]
    IpAddress(String),
    #[error("--rp-origin {0:?} is not a URL such as https://ccass.example.com")]
    Origin(String),
    #[error("--rp-origin's host {host:?} is neither --rp-id {rp_id:?} nor a name under it")]
    Mismatch { host: String, rp_id: String },
    #[error("--rp-origin {0:?} must use https unless its host is localhost")]
    Insecure(String),
    #[error("the relying party settings were refused: {0}")]
    Refused(String),
}

/// What a ceremony's answer failed on, for the audit and the message.
#[derive(Debug, PartialEq, Eq)]
pub enum PasskeyRefusal {
    /// The counter did not move forward: the credential may have been cloned.
    PossibleClone,
    /// Anything else: a wrong origin or challenge, a credential not offered, a bad signature.
    NotVerified,
}

pub struct RelyingParty {
    webauthn: Webauthn,
}

impl RelyingParty {
    pub fn new(rp_id: &str, rp_origin: &str) -> Result<Self, RelyingPartyError> {
        if rp_id.parse::<IpAddr>().is_ok() {
            return Err(RelyingPartyError::IpAddress(rp_id.to_owned()));
        }
        let origin =
            Url::parse(rp_origin).map_err(|_| RelyingPartyError::Origin(rp_origin.to_owned()))?;
        let host = origin
            .host_str()
            .ok_or_else(|| RelyingPartyError::Origin(rp_origin.to_owned()))?;
        if host != rp_id && !host.ends_with(&format!(".{rp_id}")) {
            return Err(RelyingPartyError::Mismatch {
                host: host.to_owned(),
                rp_id: rp_id.to_owned(),
            });
        }
        let local = host == "localhost";
        if origin.scheme() != "https" && !local {
            return Err(RelyingPartyError::Insecure(rp_origin.to_owned()));
        }
        let webauthn = WebauthnBuilder::new(rp_id, &origin)
            .and_then(|b| b.rp_name("CCASS Access").allow_any_port(local).build())
            .map_err(|e| RelyingPartyError::Refused(e.to_string()))?;
        Ok(Self { webauthn })
    }

    /// The user handle the authenticator keeps: derived from the login, no personal data.
    fn user_handle(login: &LoginId) -> Uuid {
        let digest = Sha256::digest(format!("ccass-passkey-user:{}", login.as_str()));
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        uuid_v4_shape(bytes)
    }

    pub fn start_registration(
        &self,
        login: &LoginId,
        registered: Vec<CredentialID>,
    ) -> anyhow::Result<(CreationChallengeResponse, PasskeyRegistration)> {
        let id = login.as_str();
        let (mut options, state) = self.webauthn.start_securitykey_registration(
            Self::user_handle(login),
            id,
            id,
            Some(registered).filter(|r| !r.is_empty()),
            None,
            None,
        )?;
        // No hint: the device's own passkey (a screen lock, a fingerprint) serves as well as a
        // security key, and browsers steer by the hint. No credProtect "user verification
        // required" either: with verification only preferred, browsers refuse the pair as
        // inconsistent (Chromium: NotSupportedError).
        options.public_key.hints = None;
        if let Some(extensions) = options.public_key.extensions.as_mut() {
            extensions.cred_protect = None;
        }
        Ok((options, state))
    }

    pub fn finish_registration(
        &self,
        answer: &RegisterPublicKeyCredential,
        state: &PasskeyRegistration,
    ) -> Result<Passkey, PasskeyRefusal> {
        self.webauthn
            .finish_securitykey_registration(answer, state)
            .map_err(|e| refusal(&e))
    }

    pub fn start_authentication(
        &self,
        passkeys: &[Passkey],
    ) -> anyhow::Result<(RequestChallengeResponse, PasskeyAuthentication)> {
        let (mut options, state) = self.webauthn.start_securitykey_authentication(passkeys)?;
        options.public_key.hints = None;
        Ok((options, state))
    }

    /// The passkey used, its record brought up to date (counter, backup flags).
    pub fn finish_authentication(
        &self,
        answer: &PublicKeyCredential,
        state: &PasskeyAuthentication,
        passkeys: &[Passkey],
    ) -> Result<Passkey, PasskeyRefusal> {
        let result = self
            .webauthn
            .finish_securitykey_authentication(answer, state)
            .map_err(|e| refusal(&e))?;
        let mut used = passkeys
            .iter()
            .find(|p| p.cred_id() == result.cred_id())
            .cloned()
            .ok_or(PasskeyRefusal::NotVerified)?;
        used.update_credential(&result);
        Ok(used)
    }
}

fn refusal(error: &WebauthnError) -> PasskeyRefusal {
    tracing::info!(%error, "passkey ceremony refused");
    match error {
        WebauthnError::CredentialPossibleCompromise => PasskeyRefusal::PossibleClone,
        _ => PasskeyRefusal::NotVerified,
    }
}

/// Sets the version (4) and variant bits, so the handle reads as any random UUID.
fn uuid_v4_shape(mut bytes: [u8; 16]) -> Uuid {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relying_party_is_a_host_name_and_the_origin_lies_under_it() {
        assert!(RelyingParty::new("localhost", "http://localhost:8080").is_ok());
        assert!(RelyingParty::new("ccass.example.com", "https://ccass.example.com").is_ok());
        assert!(RelyingParty::new("example.com", "https://ccass.example.com").is_ok());
        assert!(matches!(
            RelyingParty::new("127.0.0.1", "http://127.0.0.1:8080"),
            Err(RelyingPartyError::IpAddress(_))
        ));
        assert!(matches!(
            RelyingParty::new("ccass.example.com", "https://evil.example.net"),
            Err(RelyingPartyError::Mismatch { .. })
        ));
        assert!(matches!(
            RelyingParty::new("ccass.example.com", "http://ccass.example.com"),
            Err(RelyingPartyError::Insecure(_))
        ));
        assert!(matches!(
            RelyingParty::new("localhost", "not a url"),
            Err(RelyingPartyError::Origin(_))
        ));
    }

    #[test]
    fn the_options_ask_nothing_a_browser_refuses_with_verification_only_preferred() {
        let party = RelyingParty::new("localhost", "http://localhost:8080").unwrap();
        let login = LoginId::parse("B0123401").unwrap();
        let (options, _) = party.start_registration(&login, Vec::new()).unwrap();
        let json = serde_json::to_value(&options).unwrap();
        let key = &json["publicKey"];
        assert_eq!(
            key["authenticatorSelection"]["userVerification"],
            "preferred"
        );
        assert_eq!(key["attestation"], "none");
        assert!(key.get("hints").is_none(), "{key}");
        assert!(
            key["extensions"]
                .get("credentialProtectionPolicy")
                .is_none(),
            "{key}"
        );
        let (options, _) = party.start_authentication(&[]).unwrap();
        let json = serde_json::to_value(&options).unwrap();
        assert_eq!(json["publicKey"]["userVerification"], "preferred");
        assert!(json["publicKey"].get("hints").is_none(), "{json}");
    }

    #[test]
    fn each_login_has_its_own_stable_user_handle() {
        let a = LoginId::parse("B0123401").unwrap();
        let b = LoginId::parse("B0123402").unwrap();
        assert_eq!(RelyingParty::user_handle(&a), RelyingParty::user_handle(&a));
        assert_ne!(RelyingParty::user_handle(&a), RelyingParty::user_handle(&b));
    }
}
