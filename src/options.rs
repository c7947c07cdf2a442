//! Load options and where the Frontend API lives.

use crate::error::{codes, ClerkError};
use crate::redirect::RedirectPolicy;

/// What `Clerk.load(options)` (or the script tag's `data-clerk-*`) says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClerkOptions {
    /// The Frontend API's host or URL (`data-clerk-frontend-api`).
    pub frontend_api: Option<String>,
    /// A proxy in front of the Frontend API: absolute, or a path on this page's origin.
    pub proxy_url: Option<String>,
    /// `pk_test_…` / `pk_live_…`: base64 of `"<host>$"`.
    pub publishable_key: Option<String>,
    /// Where a full sign-out navigates when `signOut` names no `redirectUrl`.
    pub after_sign_out_url: Option<String>,
    /// Where signing the current one of several accounts out navigates
    /// (clerk-js's `afterMultiSessionSingleSignOutUrl`); else as above.
    pub after_multi_session_single_sign_out_url: Option<String>,
    /// Where "Add account" goes when the UserButton names no `signInUrl`.
    pub sign_in_url: Option<String>,
    /// How long one request may take before it fails with `network_error`.
    pub request_timeout_ms: Option<u32>,
    /// The page's `localization`, as `clerk.js` flattened it (key → text,
    /// with `locale` and `dir`); undefined for English.
    pub localization: wasm_bindgen::JsValue,
    /// Where navigation may go besides this page's origin
    /// (`allowedRedirectOrigins`, `allowedRedirectProtocols`).
    pub redirect: RedirectPolicy,
}

pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

impl ClerkOptions {
    /// The Frontend API's base URL (no trailing slash), from, in order:
    /// `proxy_url`, `frontend_api`, the publishable key.
    pub fn fapi_base(&self, page_origin: &str) -> Result<String, ClerkError> {
        if let Some(proxy) = non_empty(&self.proxy_url) {
            return if is_http_url(proxy) {
                Ok(proxy.trim_end_matches('/').to_string())
            } else if proxy.starts_with('/') {
                Ok(format!("{page_origin}{}", proxy.trim_end_matches('/')))
            } else {
                Err(invalid(format!(
                    "proxyUrl must be an http(s) URL or a path starting with '/', not \"{proxy}\"."
                )))
            };
        }
        if let Some(api) = non_empty(&self.frontend_api) {
            return if is_http_url(api) {
                Ok(api.trim_end_matches('/').to_string())
            } else if api.contains('/') || api.contains(' ') {
                Err(invalid(format!(
                    "frontendApi must be a host or an http(s) URL, not \"{api}\"."
                )))
            } else {
                Ok(format!("https://{api}"))
            };
        }
        if let Some(key) = non_empty(&self.publishable_key) {
            // A development key for this computer's own server (the demo's,
            // a test's) is plain http: nothing there speaks TLS, and the
            // browser counts the loopback address as secure anyway.
            let host = host_from_publishable_key(key)?;
            let local = self.is_development_key()
                && (host == "127.0.0.1" || host.starts_with("127.0.0.1:"));
            let scheme = if local { "http" } else { "https" };
            return Ok(format!("{scheme}://{host}"));
        }
        Err(invalid(
            "Give the Frontend API: data-clerk-frontend-api, data-clerk-proxy-url or \
             data-clerk-publishable-key on the script tag, or the same options to Clerk.load()."
                .into(),
        ))
    }

    /// Development instances send `PATCH /v1/environment` on load.
    pub fn is_development_key(&self) -> bool {
        non_empty(&self.publishable_key).is_some_and(|k| k.starts_with("pk_test_"))
    }

    pub fn timeout_ms(&self) -> u32 {
        self.request_timeout_ms
            .filter(|t| *t > 0)
            .unwrap_or(DEFAULT_TIMEOUT_MS)
    }
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn is_http_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

fn invalid(message: String) -> ClerkError {
    ClerkError::new(codes::INVALID_CONFIGURATION, message)
}

/// `pk_(test|live)_` + base64(`"<host>$"`), padding optional. Valid only when
/// the decoded text ends in exactly one `$` and the host has a dot.
pub fn host_from_publishable_key(key: &str) -> Result<String, ClerkError> {
    let bad = || invalid(format!("\"{key}\" is not a valid publishable key."));
    let encoded = key
        .strip_prefix("pk_test_")
        .or_else(|| key.strip_prefix("pk_live_"))
        .ok_or_else(bad)?;
    let decoded = String::from_utf8(base64_decode(encoded).ok_or_else(bad)?).map_err(|_| bad())?;
    let host = decoded.strip_suffix('$').ok_or_else(bad)?;
    if host.is_empty() || host.contains('$') || !host.contains('.') {
        return Err(bad());
    }
    Ok(host.to_string())
}

/// Standard or URL-safe base64, padding optional; `None` on any other character.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "http://127.0.0.1:8000";

    #[test]
    fn publishable_keys_decode_to_their_host() {
        // base64("clerk.example.com$") = Y2xlcmsuZXhhbXBsZS5jb20k
        assert_eq!(
            host_from_publishable_key("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap(),
            "clerk.example.com"
        );
        assert_eq!(
            host_from_publishable_key("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap(),
            "clerk.example.com"
        );
        // No trailing $, two $, no dot, wrong prefix, not base64.
        for bad in [
            "pk_test_Y2xlcmsuZXhhbXBsZS5jb20",
            "pk_test_Y2xlcmsuZXhhbXBsZS5jb20kJA",
            "pk_test_bG9jYWxob3N0JA",
            "sk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
            "pk_test_!!!",
        ] {
            assert!(host_from_publishable_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_base_comes_from_proxy_then_frontend_api_then_key() {
        let mut options = ClerkOptions {
            publishable_key: Some("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k".into()),
            ..Default::default()
        };
        assert_eq!(
            options.fapi_base(PAGE).unwrap(),
            "https://clerk.example.com"
        );
        assert!(options.is_development_key());
        options.frontend_api = Some("http://127.0.0.1:3000/".into());
        assert_eq!(options.fapi_base(PAGE).unwrap(), "http://127.0.0.1:3000");
        options.proxy_url = Some("/__clerk/".into());
        assert_eq!(
            options.fapi_base(PAGE).unwrap(),
            "http://127.0.0.1:8000/__clerk"
        );
        options.proxy_url = Some("ftp://x".into());
        assert_eq!(
            options.fapi_base(PAGE).unwrap_err().code,
            codes::INVALID_CONFIGURATION
        );
        let host_only = ClerkOptions {
            frontend_api: Some("clerk.example.com".into()),
            ..Default::default()
        };
        assert_eq!(
            host_only.fapi_base(PAGE).unwrap(),
            "https://clerk.example.com"
        );
        assert!(ClerkOptions::default().fapi_base(PAGE).is_err());
    }

    #[test]
    fn a_development_key_for_the_loopback_address_is_plain_http() {
        let key = |key: &str| ClerkOptions {
            publishable_key: Some(key.into()),
            ..Default::default()
        };
        // base64("127.0.0.1:3000$"), base64("127.0.0.1$"), base64("127.0.0.1.example.com$")
        assert_eq!(
            key("pk_test_MTI3LjAuMC4xOjMwMDAk").fapi_base(PAGE).unwrap(),
            "http://127.0.0.1:3000"
        );
        assert_eq!(
            key("pk_test_MTI3LjAuMC4xJA").fapi_base(PAGE).unwrap(),
            "http://127.0.0.1"
        );
        assert_eq!(
            key("pk_live_MTI3LjAuMC4xOjMwMDAk").fapi_base(PAGE).unwrap(),
            "https://127.0.0.1:3000"
        );
        assert_eq!(
            key("pk_test_MTI3LjAuMC4xLmV4YW1wbGUuY29tJA")
                .fapi_base(PAGE)
                .unwrap(),
            "https://127.0.0.1.example.com"
        );
    }
}
