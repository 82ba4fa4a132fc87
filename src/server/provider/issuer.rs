//! The issuer: the origin browsers reach the provider at, named in every token and in the
//! discovery document, which relying parties compare to the letter.

use std::net::SocketAddr;

use url::Url;

use crate::domain::relying_party::is_loopback;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuer(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IssuerError {
    #[error("--issuer {0:?} is not a URL")]
    NotAUrl(String),
    #[error("--issuer {0:?} must be https (plain http only on localhost or a loopback address)")]
    NotHttps(String),
    #[error("--issuer {0:?} must be an origin alone: no path, query, fragment or user name")]
    NotAnOrigin(String),
}

impl Issuer {
    /// `--issuer`: an https origin, or an http one on localhost or a loopback address (RFC 8252).
    pub fn parse(raw: &str) -> Result<Self, IssuerError> {
        let url = Url::parse(raw).map_err(|_| IssuerError::NotAUrl(raw.to_owned()))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            _ => return Err(IssuerError::NotHttps(raw.to_owned())),
        }
        if url.path() != "/"
            || url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(IssuerError::NotAnOrigin(raw.to_owned()));
        }
        Ok(Self(url.origin().ascii_serialization()))
    }

    /// The issuer the server runs with: the one given, or on a loopback address
    /// `<scheme>://localhost:<port>`; elsewhere none until one is given.
    pub fn choose(
        configured: Option<&str>,
        bound: SocketAddr,
        scheme: &str,
    ) -> Result<Option<Self>, IssuerError> {
        match configured {
            Some(raw) => Self::parse(raw).map(Some),
            None if bound.ip().is_loopback() => {
                Ok(Some(Self(format!("{scheme}://localhost:{}", bound.port()))))
            }
            None => Ok(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An endpoint of this provider: `path` begins with `/`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_origins_and_loopback_http_are_issuers() {
        assert_eq!(
            Issuer::parse("https://ccass.example.com/")
                .unwrap()
                .as_str(),
            "https://ccass.example.com"
        );
        assert_eq!(
            Issuer::parse("http://127.0.0.1:8080").unwrap().as_str(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            Issuer::parse("http://localhost:9000")
                .unwrap()
                .endpoint("/oidc/token"),
            "http://localhost:9000/oidc/token"
        );
    }

    #[test]
    fn plain_http_elsewhere_and_anything_but_an_origin_are_refused() {
        for (raw, expected) in [
            ("http://ccass.example.com", "https"),
            ("ftp://localhost", "https"),
            ("https://ccass.example.com/ccass", "origin"),
            ("https://ccass.example.com/?a=1", "origin"),
            ("https://user@ccass.example.com", "origin"),
            ("ccass.example.com", "not a URL"),
        ] {
            let error = Issuer::parse(raw).unwrap_err().to_string();
            assert!(error.contains(expected), "{raw}: {error}");
        }
    }

    #[test]
    fn without_a_flag_only_a_loopback_listener_has_an_issuer() {
        let local: SocketAddr = "127.0.0.1:4321".parse().unwrap();
        let public: SocketAddr = "0.0.0.0:443".parse().unwrap();
        assert_eq!(
            Issuer::choose(None, local, "http")
                .unwrap()
                .unwrap()
                .as_str(),
            "http://localhost:4321"
        );
        assert_eq!(Issuer::choose(None, public, "https").unwrap(), None);
        let given = Issuer::choose(Some("https://a.example"), public, "http");
        assert!(given.unwrap().is_some());
    }
}
