//! JSON Web Signatures as the provider writes them (RFC 7515 compact form, RFC 7518 algorithms):
//! RS256 and ES256 only, never `none`; each key's `kid` is its RFC 7638 thumbprint, so a `kid`
//! names one key and one algorithm for ever.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, KeyPair, RsaKeyPair};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub use crate::domain::relying_party::{Alg, UnknownAlg};

/// RSA signing keys' size: 2048 bits, what every relying party library accepts.
const RSA_BITS: u32 = 2048;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("a stored signing key does not parse as a {alg} key: {why}")]
    Rejected { alg: &'static str, why: String },
    #[error("making a signing key failed: {0}")]
    Generation(String),
}

enum Pair {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
}

/// A private signing key, ready to sign; its public half as a JWK.
pub struct SigningKey {
    alg: Alg,
    kid: String,
    pair: Pair,
    jwk: Value,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// A new private key of `alg`, as PKCS#8 DER.
pub fn generate(alg: Alg) -> Result<Vec<u8>, KeyError> {
    let failed = |e: &dyn std::fmt::Display| KeyError::Generation(e.to_string());
    match alg {
        Alg::Rs256 => {
            let rsa = openssl::rsa::Rsa::generate(RSA_BITS).map_err(|e| failed(&e))?;
            let key = openssl::pkey::PKey::from_rsa(rsa).map_err(|e| failed(&e))?;
            key.private_key_to_pkcs8().map_err(|e| failed(&e))
        }
        Alg::Es256 => {
            let document = EcdsaKeyPair::generate_pkcs8(
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                &SystemRandom::new(),
            )
            .map_err(|e| failed(&e))?;
            Ok(document.as_ref().to_vec())
        }
    }
}

impl SigningKey {
    pub fn from_pkcs8(alg: Alg, pkcs8: &[u8]) -> Result<Self, KeyError> {
        let rejected = |why: &dyn std::fmt::Display| KeyError::Rejected {
            alg: alg.as_str(),
            why: why.to_string(),
        };
        let (pair, public) = match alg {
            Alg::Rs256 => {
                let pair = RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| rejected(&e))?;
                let parts = signature::RsaPublicKeyComponents::<Vec<u8>>::from(pair.public());
                let public = json!({
                    "kty": "RSA",
                    "e": URL_SAFE_NO_PAD.encode(&parts.e),
                    "n": URL_SAFE_NO_PAD.encode(&parts.n),
                });
                (Pair::Rsa(pair), public)
            }
            Alg::Es256 => {
                let pair = EcdsaKeyPair::from_pkcs8(
                    &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                    pkcs8,
                    &SystemRandom::new(),
                )
                .map_err(|e| rejected(&e))?;
                // The uncompressed point: 0x04, then x and y of 32 bytes each.
                let point = pair.public_key().as_ref();
                let public = json!({
                    "kty": "EC",
                    "crv": "P-256",
                    "x": URL_SAFE_NO_PAD.encode(&point[1..33]),
                    "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
                });
                (Pair::Ec(pair), public)
            }
        };
        let kid = thumbprint(&public);
        let mut jwk = public;
        jwk["kid"] = json!(kid);
        jwk["use"] = json!("sig");
        jwk["alg"] = json!(alg.as_str());
        Ok(Self {
            alg,
            kid,
            pair,
            jwk,
        })
    }

    pub fn alg(&self) -> Alg {
        self.alg
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key as published in the JWKS, with its `kid`, `use` and `alg`.
    pub fn jwk(&self) -> &Value {
        &self.jwk
    }

    /// `claims` signed in compact form, the header naming `typ` (`JWT`, `logout+jwt`).
    pub fn sign(&self, typ: &str, claims: &Value) -> anyhow::Result<String> {
        let header = json!({ "alg": self.alg.as_str(), "kid": self.kid, "typ": typ });
        let mut input = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header)?);
        input.push('.');
        input.push_str(&URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims)?));
        let rng = SystemRandom::new();
        let signature = match &self.pair {
            Pair::Rsa(pair) => {
                let mut out = vec![0; pair.public().modulus_len()];
                pair.sign(
                    &signature::RSA_PKCS1_SHA256,
                    &rng,
                    input.as_bytes(),
                    &mut out,
                )
                .map_err(|_| anyhow::anyhow!("RS256 signing failed"))?;
                out
            }
            Pair::Ec(pair) => pair
                .sign(&rng, input.as_bytes())
                .map_err(|_| anyhow::anyhow!("ES256 signing failed"))?
                .as_ref()
                .to_vec(),
        };
        input.push('.');
        input.push_str(&URL_SAFE_NO_PAD.encode(signature));
        Ok(input)
    }
}

/// Why a token this provider is shown is not one it signed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NotOurs {
    #[error("not a compact JWS of three parts")]
    Malformed,
    #[error("its header names another key or algorithm than the key it names")]
    WrongKey,
    #[error("its signature does not verify")]
    BadSignature,
}

/// The header of a compact JWS, read without trusting it: to find the key it names.
pub fn unverified_header(token: &str) -> Result<Value, NotOurs> {
    let header = token.split('.').next().ok_or(NotOurs::Malformed)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| NotOurs::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| NotOurs::Malformed)
}

impl SigningKey {
    /// The claims of `token` if this key signed it: its header must name this key's `kid` and
    /// `alg` (so `none`, HS256 and any other algorithm are refused before any check).
    pub fn verify(&self, token: &str) -> Result<Value, NotOurs> {
        let parts: Vec<&str> = token.split('.').collect();
        let [header, claims, signature] = parts[..] else {
            return Err(NotOurs::Malformed);
        };
        let named = unverified_header(token)?;
        if named["alg"] != self.alg.as_str() || named["kid"] != self.kid.as_str() {
            return Err(NotOurs::WrongKey);
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| NotOurs::Malformed)?;
        let input = &token[..header.len() + 1 + claims.len()];
        let checked = match &self.pair {
            Pair::Rsa(pair) => signature::UnparsedPublicKey::new(
                &signature::RSA_PKCS1_2048_8192_SHA256,
                pair.public().as_ref(),
            )
            .verify(input.as_bytes(), &signature),
            Pair::Ec(pair) => signature::UnparsedPublicKey::new(
                &signature::ECDSA_P256_SHA256_FIXED,
                pair.public_key().as_ref(),
            )
            .verify(input.as_bytes(), &signature),
        };
        checked.map_err(|_| NotOurs::BadSignature)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(claims)
            .map_err(|_| NotOurs::Malformed)?;
        serde_json::from_slice(&bytes).map_err(|_| NotOurs::Malformed)
    }
}

/// RFC 7638: SHA-256 of the required members in lexicographic order, no white space.
fn thumbprint(public: &Value) -> String {
    let required: &[&str] = match public["kty"].as_str() {
        Some("RSA") => &["e", "kty", "n"],
        _ => &["crv", "kty", "x", "y"],
    };
    let members: Vec<String> = required
        .iter()
        .map(|name| format!("\"{name}\":{}", public[*name]))
        .collect();
    let canonical = format!("{{{}}}", members.join(","));
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// The left half of the SHA-256 of `token`, base64url: `at_hash` and `c_hash` for RS256 and
/// ES256 (OpenID Connect Core 3.1.3.6).
pub fn half_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_the_published_key_for_each_algorithm() {
        for alg in Alg::ALL {
            let key = SigningKey::from_pkcs8(alg, &generate(alg).unwrap()).unwrap();
            let token = key.sign("JWT", &json!({"sub": "x"})).unwrap();
            assert_eq!(key.verify(&token).unwrap()["sub"], "x", "{alg:?}");
            assert_eq!(key.jwk()["alg"], alg.as_str());
            let header = unverified_header(&token).unwrap();
            assert_eq!(
                (header["alg"].as_str(), header["kid"].as_str()),
                (Some(alg.as_str()), Some(key.kid()))
            );
        }
    }

    #[test]
    fn a_token_not_signed_by_the_key_is_refused() {
        let key = SigningKey::from_pkcs8(Alg::Rs256, &generate(Alg::Rs256).unwrap()).unwrap();
        let other = SigningKey::from_pkcs8(Alg::Es256, &generate(Alg::Es256).unwrap()).unwrap();
        let token = key.sign("JWT", &json!({"sub": "x"})).unwrap();
        let (input, _) = token.rsplit_once('.').unwrap();
        let (_, claims) = input.split_once('.').unwrap();
        let unsigned =
            |header: Value| format!("{}.{claims}.", URL_SAFE_NO_PAD.encode(header.to_string()));
        let none = unsigned(json!({"alg": "none", "kid": key.kid()}));
        let hs256 = unsigned(json!({"alg": "HS256", "kid": key.kid()}));
        let tampered = token.replacen(claims, &URL_SAFE_NO_PAD.encode(r#"{"sub":"y"}"#), 1);
        assert_eq!(key.verify(&none), Err(NotOurs::WrongKey));
        assert_eq!(key.verify(&hs256), Err(NotOurs::WrongKey));
        assert_eq!(key.verify(&tampered), Err(NotOurs::BadSignature));
        assert_eq!(other.verify(&token), Err(NotOurs::WrongKey));
        assert_eq!(key.verify("a.b"), Err(NotOurs::Malformed));
    }

    #[test]
    fn the_kid_is_the_rfc_7638_thumbprint() {
        // RFC 7638 section 3.1's example key and thumbprint.
        let public = json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
        });
        assert_eq!(
            thumbprint(&public),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn at_hash_is_the_left_half_of_sha_256() {
        // OpenID Connect Core's example (Appendix A.3): this access token's at_hash.
        assert_eq!(
            half_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
    }

    #[test]
    fn only_rs256_and_es256_are_algorithms() {
        assert_eq!(Alg::parse("ES256"), Ok(Alg::Es256));
        assert!(Alg::parse("none").is_err());
        assert!(Alg::parse("HS256").is_err());
    }
}
