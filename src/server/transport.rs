//! How browsers reach the server: HTTPS served here (`--tls-cert`, `--tls-key`), HTTPS ended by a
//! trusted proxy (`--behind-tls-proxy`), or plain HTTP on a loopback address. Plain HTTP on any
//! other address is refused at start: passwords would cross the network in clear, and Safari
//! keeps no session cookie over it.

use std::fs::File;
use std::io::BufReader;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

use crate::server::config::Config;
use crate::server::security::session::CookiePolicy;

/// The way in, chosen once at start.
#[derive(Clone)]
pub struct Transport {
    /// Present when the server speaks HTTPS itself.
    pub tls: Option<TlsAcceptor>,
    /// Browsers use HTTPS (here or at the proxy): answers carry HSTS, the cookie is Secure.
    pub https: bool,
    pub cookie: CookiePolicy,
}

impl Transport {
    pub fn choose(config: &Config) -> anyhow::Result<Self> {
        if let (Some(cert), Some(key)) = (&config.tls_cert, &config.tls_key) {
            return Ok(Self {
                tls: Some(acceptor(cert, key)?),
                https: true,
                cookie: CookiePolicy::Secure,
            });
        }
        if config.behind_tls_proxy {
            return Ok(Self {
                tls: None,
                https: true,
                cookie: CookiePolicy::Secure,
            });
        }
        plain_http(config.listen, config.demo)
    }

    pub fn scheme(&self) -> &'static str {
        if self.tls.is_some() {
            "https"
        } else {
            "http"
        }
    }
}

/// Plain HTTP: only on a loopback address, where the traffic never leaves the machine.
fn plain_http(listen: SocketAddr, demo: bool) -> anyhow::Result<Transport> {
    if !listen.ip().is_loopback() {
        anyhow::bail!(
            "refusing to serve plain HTTP on {listen}, which is not a loopback address: passwords \
             would cross the network in clear, and Safari keeps no session over plain HTTP. Give \
             --tls-cert and --tls-key, or --behind-tls-proxy with --trusted-proxy for a proxy \
             that ends TLS, or listen on 127.0.0.1."
        );
    }
    Ok(Transport {
        tls: None,
        https: false,
        cookie: if demo {
            CookiePolicy::LoopbackDemo
        } else {
            CookiePolicy::Secure
        },
    })
}

fn acceptor(cert: &Path, key: &Path) -> anyhow::Result<TlsAcceptor> {
    let open = |path: &Path| {
        File::open(path)
            .map(BufReader::new)
            .with_context(|| format!("reading {}", path.display()))
    };
    let chain = CertificateDer::pem_reader_iter(open(cert)?)
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("{} is not a PEM certificate chain", cert.display()))?;
    anyhow::ensure!(!chain.is_empty(), "{} holds no certificate", cert.display());
    let key = PrivateKeyDer::from_pem_reader(open(key)?)
        .with_context(|| format!("{} is not a PEM private key", key.display()))?;
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .context("the certificate and the key do not go together")?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_off_loopback_and_insecure_cookies_are_for_the_loopback_demo_only() {
        let lan: SocketAddr = "192.0.2.10:8080".parse().unwrap();
        let error = plain_http(lan, true).err().unwrap().to_string();
        assert!(error.contains("--tls-cert"), "{error}");
        let loopback: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(
            plain_http(loopback, true).unwrap().cookie,
            CookiePolicy::LoopbackDemo
        );
        assert_eq!(
            plain_http(loopback, false).unwrap().cookie,
            CookiePolicy::Secure
        );
        let v6: SocketAddr = "[::1]:8080".parse().unwrap();
        assert!(plain_http(v6, false).is_ok());
    }
}
