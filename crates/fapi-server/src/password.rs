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

/// The shortest password accepted (the environment's `min_length`).
pub const MIN_LENGTH: usize = 8;
/// The longest: hashing time grows with the input, so it is bounded.
pub const MAX_LENGTH: usize = 256;

/// Passwords that appear at the top of every breach list: refused whatever
/// their length, as Clerk refuses breached passwords.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "password1234",
    "passw0rd",
    "p@ssw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "0987654321",
    "11111111",
    "00000000",
    "12341234",
    "87654321",
    "qwertyuiop",
    "qwerty123",
    "qwerty12",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "qwe12345",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "starwars",
    "trustno1",
    "welcome1",
    "welcome123",
    "letmein1",
    "abc12345",
    "abcd1234",
    "asdfghjk",
    "zaq12wsx",
    "monkey123",
    "dragon123",
    "master123",
    "whatever",
    "changeme",
    "admin123",
    "administrator",
    "computer",
    "internet",
    "michelle",
    "jennifer",
    "11223344",
    "aa123456",
    "demo-password-123",
];

/// Why a new password is refused: the error code and the message a form
/// shows; `None` when it is acceptable. `identifiers` are the user's own
/// email addresses and names, which a password must not be.
pub fn refuse_new_password(password: &str, identifiers: &[&str]) -> Option<(&'static str, String)> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Some((
            "form_password_length_too_short",
            format!("Passwords must be {MIN_LENGTH} characters or more."),
        ));
    }
    if length > MAX_LENGTH {
        return Some((
            "form_password_length_too_long",
            format!("Passwords must be {MAX_LENGTH} characters or fewer."),
        ));
    }
    let lowered = password.to_lowercase();
    if COMMON.contains(&lowered.as_str()) {
        return Some((
            "form_password_pwned",
            "This password is among the most common ones in data breaches. Choose another.".into(),
        ));
    }
    if identifiers
        .iter()
        .any(|i| !i.is_empty() && i.to_lowercase() == lowered)
    {
        return Some((
            "form_password_validation_failed",
            "Your password must not be your email address or your name.".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_long_enough_and_not_common() {
        let me = ["ada@example.com", "Ada"];
        assert_eq!(
            refuse_new_password("short", &me).unwrap().0,
            "form_password_length_too_short"
        );
        assert_eq!(
            refuse_new_password(&"x".repeat(257), &me).unwrap().0,
            "form_password_length_too_long"
        );
        assert_eq!(
            refuse_new_password("Password123", &me).unwrap().0,
            "form_password_pwned"
        );
        assert_eq!(
            refuse_new_password("ADA@example.com", &me).unwrap().0,
            "form_password_validation_failed"
        );
        assert_eq!(refuse_new_password("correct horse battery", &me), None);
    }

    #[test]
    fn verifies_the_right_password_only() {
        let hash = hash_password("demo-password-123");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("demo-password-123", &hash));
        assert!(!verify_password("demo-password-124", &hash));
        assert!(!verify_password("demo-password-123", "not a hash"));
    }
}
