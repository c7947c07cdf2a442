//! Password hashing with argon2id (PHC string format).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use std::sync::OnceLock;

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

/// Checks `password` against a stored PHC hash. A malformed stored hash
/// verifies nothing rather than failing the request.
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same time as a real check, for identifiers that do not exist,
/// so response timing does not tell which email addresses have accounts.
pub fn burn_verification_time(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not-a-real-password"));
    let _ = verify_password(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_the_right_password_only() {
        let hash = hash_password("demo-password-123");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("demo-password-123", &hash));
        assert!(!verify_password("demo-password-124", &hash));
        assert!(!verify_password("demo-password-123", "not a hash"));
    }
}
