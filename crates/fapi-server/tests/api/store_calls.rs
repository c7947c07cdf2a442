//! How much storage work one request costs: the cookie's client is resolved
//! once per request, and a write re-reads the client by id instead of
//! resolving the cookie again. Counted by wrapping the real SQLite store
//! (every call still goes to it) and reading the counts around one request.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use fapi_server::store::{
    Activity, ClientRecord, NameChange, NewSession, NewUser, SessionRecord, SessionScope,
    SqliteStore, StartSessionError, Store, StoreResult, Transition, UserRecord,
};
use fapi_server::{seed, AppState, Config};
use fapi_types::SessionStatus;

use crate::support::*;

/// The real store, with a count of calls per method.
struct Counting {
    inner: SqliteStore,
    calls: Mutex<BTreeMap<&'static str, usize>>,
}

impl Counting {
    fn count(&self, method: &'static str) {
        *self.calls.lock().unwrap().entry(method).or_default() += 1;
    }

    /// The calls since the last `take`, by method.
    fn take(&self) -> BTreeMap<&'static str, usize> {
        std::mem::take(&mut *self.calls.lock().unwrap())
    }
}

impl Store for Counting {
    fn create_user(&self, new: &NewUser, now: i64) -> StoreResult<UserRecord> {
        self.count("create_user");
        self.inner.create_user(new, now)
    }
    fn find_user_by_email(&self, email: &str) -> StoreResult<Option<(UserRecord, Option<String>)>> {
        self.count("find_user_by_email");
        self.inner.find_user_by_email(email)
    }
    fn create_client(&self, hash: &[u8], now: i64, expires: i64) -> StoreResult<ClientRecord> {
        self.count("create_client");
        self.inner.create_client(hash, now, expires)
    }
    fn find_client(&self, hash: &[u8], now: i64) -> StoreResult<Option<ClientRecord>> {
        self.count("find_client");
        self.inner.find_client(hash, now)
    }
    fn client(&self, client_id: &str, now: i64) -> StoreResult<Option<ClientRecord>> {
        self.count("client");
        self.inner.client(client_id, now)
    }
    fn delete_client(&self, client_id: &str, now: i64) -> StoreResult<()> {
        self.count("delete_client");
        self.inner.delete_client(client_id, now)
    }
    fn client_sessions(&self, client_id: &str, now: i64) -> StoreResult<Vec<SessionRecord>> {
        self.count("client_sessions");
        self.inner.client_sessions(client_id, now)
    }
    fn session(
        &self,
        id: &str,
        scope: SessionScope<'_>,
        now: i64,
    ) -> StoreResult<Option<SessionRecord>> {
        self.count("session");
        self.inner.session(id, scope, now)
    }
    fn user_sessions(&self, user_id: &str, now: i64) -> StoreResult<Vec<SessionRecord>> {
        self.count("user_sessions");
        self.inner.user_sessions(user_id, now)
    }
    fn start_session(
        &self,
        client_id: &str,
        new: &NewSession,
        single: bool,
        now: i64,
    ) -> Result<SessionRecord, StartSessionError> {
        self.count("start_session");
        self.inner.start_session(client_id, new, single, now)
    }
    fn end_session(
        &self,
        id: &str,
        scope: SessionScope<'_>,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Transition> {
        self.count("end_session");
        self.inner.end_session(id, scope, to, now)
    }
    fn end_client_sessions(
        &self,
        client_id: &str,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Vec<String>> {
        self.count("end_client_sessions");
        self.inner.end_client_sessions(client_id, to, now)
    }
    fn touch_session(
        &self,
        id: &str,
        client_id: &str,
        select: bool,
        activity: &Activity,
        now: i64,
    ) -> StoreResult<Transition> {
        self.count("touch_session");
        self.inner
            .touch_session(id, client_id, select, activity, now)
    }
    fn revoke_other_sessions(
        &self,
        user_id: &str,
        keep: &str,
        now: i64,
    ) -> StoreResult<Vec<String>> {
        self.count("revoke_other_sessions");
        self.inner.revoke_other_sessions(user_id, keep, now)
    }
    fn password_hash(&self, user_id: &str) -> StoreResult<Option<String>> {
        self.count("password_hash");
        self.inner.password_hash(user_id)
    }
    fn update_user(
        &self,
        user_id: &str,
        change: &NameChange,
        now: i64,
    ) -> StoreResult<Option<UserRecord>> {
        self.count("update_user");
        self.inner.update_user(user_id, change, now)
    }
    fn change_password(
        &self,
        user_id: &str,
        new_hash: &str,
        keep_only: Option<&str>,
        now: i64,
    ) -> StoreResult<(Vec<String>, UserRecord)> {
        self.count("change_password");
        self.inner
            .change_password(user_id, new_hash, keep_only, now)
    }
    fn signing_key(&self) -> StoreResult<Option<String>> {
        self.count("signing_key");
        self.inner.signing_key()
    }
    fn save_signing_key(&self, kid: &str, pem: &str, now: i64) -> StoreResult<String> {
        self.count("save_signing_key");
        self.inner.save_signing_key(kid, pem, now)
    }
}

async fn counted_server() -> (TestServer, Arc<Counting>) {
    let store = Arc::new(Counting {
        inner: SqliteStore::open(":memory:").unwrap(),
        calls: Mutex::new(BTreeMap::new()),
    });
    let state = AppState::with_store(Config::default(), store.clone()).unwrap();
    seed::seed_demo_users(&*state.store, fapi_server::now_ms()).unwrap();
    (start_with_state(state).await, store)
}

fn calls(list: &[(&'static str, usize)]) -> BTreeMap<&'static str, usize> {
    list.iter().copied().collect()
}

#[tokio::test]
async fn a_sign_out_resolves_the_cookie_once_and_writes_once() {
    let (server, store) = counted_server().await;
    let browser = Browser::new(&server);
    browser.signed_in(ADA).await;
    store.take();

    let reply = browser
        .post("/v1/client/sessions?_method=DELETE", &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        store.take(),
        calls(&[
            // The cookie, with the sessions signing out (for the audit log).
            ("find_client", 1),
            ("client_sessions", 2),
            // The write, then the client as it now is, by id.
            ("end_client_sessions", 1),
            ("client", 1),
        ])
    );
    assert_eq!(reply.body["client"]["sessions"], serde_json::json!([]));
}

#[tokio::test]
async fn every_client_route_resolves_the_cookie_once() {
    let (server, store) = counted_server().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    let grace = browser.signed_in(GRACE).await;
    let requests: [(&str, String); 7] = [
        ("GET", "/v1/client".into()),
        ("GET", format!("/v1/client/sessions/{ada}")),
        ("POST", format!("/v1/client/sessions/{ada}/touch")),
        ("POST", format!("/v1/client/sessions/{ada}/tokens")),
        ("GET", "/v1/me".into()),
        ("GET", "/v1/me/sessions/active".into()),
        ("POST", format!("/v1/client/sessions/{grace}/remove")),
    ];
    for (method, path) in requests {
        store.take();
        let reply = match method {
            "GET" => browser.get(&path).await,
            _ => browser.post(&path, &[]).await,
        };
        assert_eq!(reply.status, 200, "{method} {path}: {}", reply.body);
        let counted = store.take();
        assert_eq!(
            counted.get("find_client"),
            Some(&1),
            "{method} {path}: {counted:?}"
        );
        let total: usize = counted.values().sum();
        assert!(
            total <= 5,
            "{method} {path}: {total} store calls: {counted:?}"
        );
    }

    // A sign-in on a browser that has a client: the cookie once, no re-read.
    let reply = browser
        .post("/v1/client/sessions?_method=DELETE", &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    store.take();
    browser.signed_in(ADA).await;
    let counted = store.take();
    assert_eq!(counted.get("find_client"), Some(&1), "{counted:?}");
    assert_eq!(counted.get("start_session"), Some(&1), "{counted:?}");
}
