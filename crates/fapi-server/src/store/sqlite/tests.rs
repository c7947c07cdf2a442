//! Unit tests of the SQLite store: scoping, one-time changes, expiry, migrations.

use super::*;
use fapi_types::SessionStatus;

fn user(store: &SqliteStore, email: &str) -> UserRecord {
    store
        .create_user(
            &NewUser {
                first_name: Some("Ada".into()),
                last_name: None,
                username: None,
                image_url: None,
                email_address: email.into(),
                password_hash: "x".into(),
            },
            1,
        )
        .unwrap()
}

fn new_session(user_id: &str, expire_at: i64) -> NewSession {
    NewSession {
        rotate_token_hash: None,
        user_id: user_id.into(),
        activity: Activity::default(),
        expire_at,
        abandon_at: expire_at + 1,
    }
}

#[test]
fn emails_are_unique_case_insensitively() {
    let store = SqliteStore::open(":memory:").unwrap();
    user(&store, "ada@example.com");
    let again = store.create_user(
        &NewUser {
            first_name: None,
            last_name: None,
            username: None,
            image_url: None,
            email_address: "ADA@example.com".into(),
            password_hash: "x".into(),
        },
        2,
    );
    assert!(matches!(again, Err(StoreError::Conflict(_))));
    assert!(store
        .find_user_by_email("Ada@Example.com")
        .unwrap()
        .is_some());
}

#[test]
fn a_status_changes_only_once() {
    let store = SqliteStore::open(":memory:").unwrap();
    let ada = user(&store, "ada@example.com");
    let client = store.create_client(b"t", 1, 1_000).unwrap();
    let s = store
        .start_session(&client.id, &new_session(&ada.id, 500), false, 2)
        .unwrap();
    let scope = SessionScope::Client(&client.id);
    assert!(matches!(
        store
            .end_session(&s.id, scope, SessionStatus::Removed, 3)
            .unwrap(),
        Transition::Done(ref d) if d.status == SessionStatus::Removed
    ));
    assert_eq!(
        store
            .end_session(&s.id, scope, SessionStatus::Ended, 4)
            .unwrap(),
        Transition::NotSignedIn(SessionStatus::Removed)
    );
    assert_eq!(
        store
            .end_session(
                &s.id,
                SessionScope::Client("client_other"),
                SessionStatus::Ended,
                4
            )
            .unwrap(),
        Transition::NotFound
    );
}

#[test]
fn sessions_expire_at_their_time() {
    let store = SqliteStore::open(":memory:").unwrap();
    let ada = user(&store, "ada@example.com");
    let client = store.create_client(b"t", 1, 1_000).unwrap();
    let s = store
        .start_session(&client.id, &new_session(&ada.id, 100), false, 2)
        .unwrap();
    assert_eq!(store.client_sessions(&client.id, 99).unwrap().len(), 1);
    assert!(store.client_sessions(&client.id, 100).unwrap().is_empty());
    let c = store.find_client(b"t", 101).unwrap().unwrap();
    assert_eq!(c.last_active_session_id, None);
    let expired = store
        .session(&s.id, SessionScope::Client(&client.id), 101)
        .unwrap()
        .unwrap();
    assert_eq!(expired.status, SessionStatus::Expired);
}

#[test]
fn migrations_run_once_on_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/fapi.sqlite");
    let path = path.to_str().unwrap();
    {
        let store = SqliteStore::open(path).unwrap();
        user(&store, "ada@example.com");
        store.save_signing_key("kid1", "pem1", 1).unwrap();
    }
    let store = SqliteStore::open(path).unwrap();
    assert!(store
        .find_user_by_email("ada@example.com")
        .unwrap()
        .is_some());
    assert_eq!(store.signing_key().unwrap().as_deref(), Some("pem1"));
    assert_eq!(store.save_signing_key("kid2", "pem2", 2).unwrap(), "pem1");
}
