//! The demo users that `--demo` creates.

use crate::password::hash_password;
use crate::store::{NewUser, Store, StoreResult};

pub const DEMO_PASSWORD: &str = "demo-password-123";

/// (first name, last name, email)
pub const DEMO_USERS: [(&str, &str, &str); 2] = [
    ("Ada", "Lovelace", "ada@example.com"),
    ("Grace", "Hopper", "grace@example.com"),
];

/// Creates the demo users that do not exist yet; returns their emails.
/// Existing users keep their data, so restarting the demo loses nothing.
pub fn seed_demo_users(store: &dyn Store, now: i64) -> StoreResult<Vec<&'static str>> {
    for (first, last, email) in DEMO_USERS {
        if store.find_user_by_email(email)?.is_none() {
            store.create_user(
                &NewUser {
                    first_name: Some(first.into()),
                    last_name: Some(last.into()),
                    username: None,
                    email_address: email.into(),
                    password_hash: hash_password(DEMO_PASSWORD),
                },
                now,
            )?;
        }
    }
    Ok(DEMO_USERS.iter().map(|(_, _, email)| *email).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::verify_password;
    use crate::store::SqliteStore;

    #[test]
    fn seeding_twice_keeps_one_user_each() {
        let store = SqliteStore::open(":memory:").unwrap();
        seed_demo_users(&store, 1).unwrap();
        let (ada, hash) = store
            .find_user_by_email("ada@example.com")
            .unwrap()
            .unwrap();
        seed_demo_users(&store, 2).unwrap();
        let (again, _) = store
            .find_user_by_email("ada@example.com")
            .unwrap()
            .unwrap();
        assert_eq!(ada.id, again.id);
        assert_eq!(ada.first_name.as_deref(), Some("Ada"));
        assert!(verify_password(DEMO_PASSWORD, &hash.unwrap()));
        assert!(store
            .find_user_by_email("grace@example.com")
            .unwrap()
            .is_some());
    }
}
