//! The demo users that `--demo` creates.

use crate::password::hash_password;
use crate::store::{NewUser, Store, StoreResult};

pub const DEMO_PASSWORD: &str = "demo-password-123";

/// (first name, last name, email, profile picture)
pub const DEMO_USERS: [(&str, &str, &str, Option<&str>); 2] = [
    ("Ada", "Lovelace", "ada@example.com", None),
    ("Grace", "Hopper", "grace@example.com", Some(GRACE_PICTURE)),
];

/// A drawn portrait as a `data:` URL, so the demo shows both avatar kinds
/// (Ada's initials, Grace's picture) without reaching any other host.
const GRACE_PICTURE: &str =
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E\
%3Crect width='64' height='64' fill='%230e7490'/%3E\
%3Ccircle cx='32' cy='26' r='12' fill='%23fde7d4'/%3E\
%3Cpath d='M19 24c0-10 6-15 13-15s13 5 13 15c-3-5-8-7-13-7s-10 2-13 7z' fill='%23e5e7eb'/%3E\
%3Cpath d='M8 64c3-15 13-22 24-22s21 7 24 22z' fill='%231e293b'/%3E%3C/svg%3E";

/// Creates the demo users that do not exist yet; returns their emails.
/// Existing users keep their data, so restarting the demo loses nothing.
pub fn seed_demo_users(store: &dyn Store, now: i64) -> StoreResult<Vec<&'static str>> {
    for (first, last, email, picture) in DEMO_USERS {
        if store.find_user_by_email(email)?.is_none() {
            store.create_user(
                &NewUser {
                    first_name: Some(first.into()),
                    last_name: Some(last.into()),
                    username: None,
                    image_url: picture.map(Into::into),
                    email_address: email.into(),
                    password_hash: hash_password(DEMO_PASSWORD),
                },
                now,
            )?;
        }
    }
    Ok(DEMO_USERS.iter().map(|(_, _, email, _)| *email).collect())
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
        let (grace, _) = store
            .find_user_by_email("grace@example.com")
            .unwrap()
            .unwrap();
        assert!(ada.image_url.is_none(), "Ada shows initials");
        assert!(grace.image_url.unwrap().starts_with("data:image/svg+xml,"));
    }
}
