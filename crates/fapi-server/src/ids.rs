//! Random identifiers and the client token (the `__client` cookie value).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `prefix_` followed by 27 base62 characters (about 160 bits), the shape of
/// Clerk's ids (`sess_…`, `client_…`, `user_…`).
pub fn new_id(prefix: &str) -> String {
    let mut rng = OsRng;
    let mut id = String::with_capacity(prefix.len() + 28);
    id.push_str(prefix);
    id.push('_');
    for _ in 0..27 {
        id.push(BASE62[rng.gen_range(0..BASE62.len())] as char);
    }
    id
}

tokio::task_local! {
    /// The trace id of the request being answered (see [`current_trace_id`]).
    pub static REQUEST_TRACE_ID: String;
}

/// The id this request's answer carries (`X-Clerk-Trace-Id`, and
/// `clerk_trace_id` in an error envelope), so one id ties the browser's
/// answer to the server's log and audit lines; a fresh one outside a request.
pub fn current_trace_id() -> String {
    REQUEST_TRACE_ID
        .try_with(Clone::clone)
        .unwrap_or_else(|_| trace_id())
}

pub fn trace_id() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh client token: 256 random bits, base64url. Only its hash is stored,
/// so a copy of the database does not let anyone impersonate a browser.
pub fn new_client_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_client_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_prefix_and_are_unique() {
        let a = new_id("sess");
        let b = new_id("sess");
        assert!(a.starts_with("sess_"));
        assert_eq!(a.len(), "sess_".len() + 27);
        assert_ne!(a, b);
        assert!(a[5..].bytes().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn client_tokens_carry_256_bits_and_hash_stably() {
        let token = new_client_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).unwrap().len(), 32);
        assert_ne!(token, new_client_token());
        assert_eq!(hash_client_token(&token), hash_client_token(&token));
        assert_ne!(hash_client_token(&token), hash_client_token("other"));
    }
}
