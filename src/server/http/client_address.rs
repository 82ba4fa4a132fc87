//! The caller's network address: the TCP peer, or behind a trusted proxy the address it
//! forwards; used by throttling, the OTP e-mail and the CSRF check.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap};
use ipnet::IpNet;

/// The TCP peer itself, whatever the headers say.
pub fn peer_address(extensions: &Extensions) -> Option<IpAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Whether `ip` is one of the `--trusted-proxy` networks.
pub fn is_trusted_proxy(trusted: &[IpNet], ip: &IpAddr) -> bool {
    trusted.iter().any(|net| net.contains(ip))
}

pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| is_trusted_proxy(trusted, ip);
    if !is_trusted(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; read from the right, past our own.
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map_while(|part| part.trim().parse::<IpAddr>().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", xff.parse().unwrap());
        headers
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        let forged = headers("203.0.113.1, 198.51.100.9");
        assert_eq!(
            client_address(proxy, &forged, &trusted),
            "198.51.100.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(stranger, &forged, &trusted), stranger);
        assert_eq!(
            client_address(proxy, &headers("203.0.113.1, 10.9.9.9"), &trusted),
            "203.0.113.1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(proxy, &HeaderMap::new(), &trusted), proxy);
        assert_eq!(
            client_address(proxy, &headers("not an address"), &trusted),
            proxy
        );
        assert_eq!(client_address(proxy, &forged, &[]), proxy);
    }
}
