//! Who is asking and under which name: the server's own origin, whether the
//! request came over https, and the client's address.
//!
//! Request headers are the client's word. `Host` decides the server's own
//! origin (an allowed CORS origin, the JWT issuer, the base of display
//! URLs), so it is accepted only for the origins the operator named with
//! `--public-url`, or, without any, for loopback names (the demo and the
//! tests): a DNS-rebinding page (`Host` and `Origin` both `rebind.evil.test`)
//! is refused. `X-Forwarded-Proto` and `X-Forwarded-For` are read only from
//! the `--trust-proxy` addresses.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, StatusCode};
use fapi_types::codes;

use crate::config::Config;
use crate::error::ApiError;

/// What the guard found out about a request; handlers read it from the
/// request's extensions.
#[derive(Debug, Clone, PartialEq)]
pub struct Addressed {
    /// `scheme://host[:port]` of this server as the browser addressed it.
    pub own_origin: String,
    /// The browser's connection is https (directly or at a trusted proxy).
    pub secure: bool,
    /// The client's address: the peer's, or the one a trusted proxy forwarded.
    pub client_ip: Option<IpAddr>,
}

pub fn addressed(
    config: &Config,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> Result<Addressed, ApiError> {
    let trusted = peer.is_some_and(|p| config.trusted_proxies.contains(&p));
    let secure = trusted
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
    let client_ip = if trusted {
        forwarded_client(config, headers).or(peer)
    } else {
        peer
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let own_origin = if config.public_urls.is_empty() {
        is_loopback_host(&host).then(|| {
            let scheme = if secure { "https" } else { "http" };
            format!("{scheme}://{host}")
        })
    } else {
        config
            .public_urls
            .iter()
            .find(|url| url.split_once("://").is_some_and(|(_, h)| h == host))
            .cloned()
    };
    let own_origin = own_origin.ok_or_else(|| {
        ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            codes::HOST_INVALID,
            "Unknown host",
        )
        .long(
            "This server answers only for the addresses it was started with (--public-url), \
             or for loopback names without one.",
        )
        .meta(serde_json::json!({ "host": host }))
    })?;
    Ok(Addressed {
        own_origin,
        secure,
        client_ip,
    })
}

/// The rightmost `X-Forwarded-For` address that is not one of our proxies:
/// the one our first proxy saw connecting (earlier entries are the client's word).
fn forwarded_client(config: &Config, headers: &HeaderMap) -> Option<IpAddr> {
    let chain: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    chain
        .into_iter()
        .rev()
        .find(|ip| !config.trusted_proxies.contains(ip))
}

/// `127.x.x.x`, `localhost` and `[::1]`, with any port.
fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    name == "localhost" || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    const PEER: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7)));

    #[test]
    fn without_public_urls_only_loopback_names_are_served() {
        let config = Config::default();
        for host in [
            "127.0.0.1:3000",
            "localhost",
            "localhost:8080",
            "[::1]:3000",
            "127.1.2.3",
        ] {
            let a = addressed(&config, &headers(&[("host", host)]), PEER).unwrap();
            assert_eq!(a.own_origin, format!("http://{host}"));
        }
        for host in [
            "rebind.evil.test",
            "rebind.evil.test:3000",
            "192.168.1.2:3000",
            "",
            "localhost.evil.test",
        ] {
            let error = addressed(&config, &headers(&[("host", host)]), PEER).unwrap_err();
            assert_eq!(error.code, codes::HOST_INVALID, "{host}");
        }
    }

    #[test]
    fn public_urls_name_the_only_hosts_and_their_scheme() {
        let config = Config {
            public_urls: vec!["https://app.example.com".into()],
            ..Config::default()
        };
        let a = addressed(&config, &headers(&[("host", "App.Example.com")]), PEER).unwrap();
        assert_eq!(a.own_origin, "https://app.example.com");
        assert!(addressed(&config, &headers(&[("host", "localhost")]), PEER).is_err());
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let forwarded = headers(&[
            ("host", "localhost"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-for", "6.6.6.6, 203.0.113.9"),
        ]);
        let untrusted = addressed(&Config::default(), &forwarded, PEER).unwrap();
        assert!(!untrusted.secure);
        assert_eq!(untrusted.client_ip, PEER);
        let config = Config {
            trusted_proxies: vec![PEER.unwrap()],
            ..Config::default()
        };
        let trusted = addressed(&config, &forwarded, PEER).unwrap();
        assert!(trusted.secure);
        assert_eq!(trusted.own_origin, "https://localhost");
        assert_eq!(trusted.client_ip, "203.0.113.9".parse().ok());
    }
}
