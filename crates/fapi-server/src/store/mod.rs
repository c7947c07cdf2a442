//! Storage of users, clients, sessions and the signing key.
//!
//! The HTTP layer sees only the [`Store`] trait, so a networked database can
//! be added beside [`SqliteStore`] without touching it. Each method is one
//! atomic step: every status change is conditional on the session still
//! being signed in, so two racing sign-outs cannot both "succeed".

mod sqlite;

pub use sqlite::SqliteStore;

use fapi_types::SessionStatus;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(String),
    #[error("already exists: {0}")]
    Conflict(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub image_url: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_sign_in_at: Option<i64>,
    pub emails: Vec<EmailRecord>,
}

impl UserRecord {
    pub fn primary_email(&self) -> Option<&EmailRecord> {
        self.emails
            .iter()
            .find(|e| e.is_primary)
            .or(self.emails.first())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EmailRecord {
    pub id: String,
    pub email_address: String,
    pub is_primary: bool,
    pub verified: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub username: Option<String>,
    /// The profile picture's URL (`image_url`); `None` shows initials.
    pub image_url: Option<String>,
    pub email_address: String,
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClientRecord {
    pub id: String,
    pub last_active_session_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub cookie_expires_at: i64,
}

/// A client with its signed-in sessions: what every response carries
/// back to the browser ("piggybacking").
#[derive(Debug, Clone, PartialEq)]
pub struct ClientView {
    pub record: ClientRecord,
    /// Signed-in sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
}

/// Where a session was signed in from, shown by `GET /v1/me/sessions/active`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Activity {
    pub browser_name: Option<String>,
    pub browser_version: Option<String>,
    pub device_type: Option<String>,
    pub is_mobile: bool,
    pub ip_address: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub id: String,
    pub client_id: String,
    pub status: SessionStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_active_at: i64,
    pub expire_at: i64,
    pub abandon_at: i64,
    pub activity: Activity,
    pub user: UserRecord,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub user_id: String,
    pub activity: Activity,
    pub expire_at: i64,
    pub abandon_at: i64,
    /// The client's new token (its hash), replacing the one the browser
    /// signed in with: a `__client` value planted before the sign-in (session
    /// fixation) names nothing afterwards. `None` for a client created by
    /// this very sign-in.
    pub rotate_token_hash: Option<Vec<u8>>,
}

/// What `PATCH /v1/me` changes: each `Some` field is set (`Some(None)`
/// clears it); `None` leaves it as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameChange {
    pub first_name: Option<Option<String>>,
    pub last_name: Option<Option<String>>,
}

/// Which sessions a caller may act on: those of its own client (a browser),
/// or those of its own user (`/v1/me`, any device).
#[derive(Debug, Clone, Copy)]
pub enum SessionScope<'a> {
    Client(&'a str),
    User(&'a str),
}

/// The outcome of a conditional change to one session.
#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Done(Box<SessionRecord>),
    /// The session exists in scope but is no longer signed in.
    NotSignedIn(SessionStatus),
    /// No such session in scope (it may exist elsewhere; that stays invisible).
    NotFound,
}

#[derive(Debug, thiserror::Error)]
pub enum StartSessionError {
    #[error("the client already has a signed-in session (single-session mode)")]
    SessionExists,
    #[error("this user is already signed in on this client")]
    AlreadySignedIn,
    /// The client was deleted (a racing `DELETE /v1/client`): no session
    /// may start on it.
    #[error("the client no longer exists")]
    ClientGone,
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub trait Store: Send + Sync + 'static {
    /// Creates a user with one verified, primary email address.
    fn create_user(&self, new: &NewUser, now: i64) -> StoreResult<UserRecord>;
    /// The user owning `email` (case-insensitive) and its password hash.
    fn find_user_by_email(&self, email: &str) -> StoreResult<Option<(UserRecord, Option<String>)>>;
    /// The user's password hash, if the user exists and has a password.
    fn password_hash(&self, user_id: &str) -> StoreResult<Option<String>>;
    /// Changes the user's names; the user as it now is (`None`: no such user).
    fn update_user(
        &self,
        user_id: &str,
        change: &NameChange,
        now: i64,
    ) -> StoreResult<Option<UserRecord>>;
    /// Sets the user's password hash. With `keep_only`, every other
    /// signed-in session of the user, on every client, is revoked in the
    /// same transaction. Returns the revoked sessions' ids and the user as
    /// it now is.
    fn change_password(
        &self,
        user_id: &str,
        new_hash: &str,
        keep_only: Option<&str>,
        now: i64,
    ) -> StoreResult<(Vec<String>, UserRecord)>;

    fn create_client(
        &self,
        token_hash: &[u8],
        now: i64,
        cookie_expires_at: i64,
    ) -> StoreResult<ClientRecord>;
    /// The client a cookie token hash belongs to, if it still exists.
    fn find_client(&self, token_hash: &[u8], now: i64) -> StoreResult<Option<ClientRecord>>;
    /// The client with this id, if it still exists (after a write, to send
    /// its new state back without resolving the cookie again).
    fn client(&self, client_id: &str, now: i64) -> StoreResult<Option<ClientRecord>>;
    /// Ends every session of the client and deletes it; its token stops working.
    fn delete_client(&self, client_id: &str, now: i64) -> StoreResult<()>;

    /// The client's signed-in sessions, oldest first.
    fn client_sessions(&self, client_id: &str, now: i64) -> StoreResult<Vec<SessionRecord>>;
    /// One session in scope, whatever its status.
    fn session(
        &self,
        session_id: &str,
        scope: SessionScope<'_>,
        now: i64,
    ) -> StoreResult<Option<SessionRecord>>;
    /// The user's signed-in sessions on every client.
    fn user_sessions(&self, user_id: &str, now: i64) -> StoreResult<Vec<SessionRecord>>;

    /// Signs `new.user_id` in on the client, makes the session its active
    /// one, records the user's sign-in time and rotates the client's token
    /// (`new.rotate_token_hash`), all in one transaction; `ClientGone` when
    /// the client was deleted meanwhile.
    fn start_session(
        &self,
        client_id: &str,
        new: &NewSession,
        single_session_mode: bool,
        now: i64,
    ) -> Result<SessionRecord, StartSessionError>;
    /// Moves a signed-in session to `to` (ended, removed, revoked).
    fn end_session(
        &self,
        session_id: &str,
        scope: SessionScope<'_>,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Transition>;
    /// Moves every signed-in session of the client to `to`; returns their ids.
    fn end_client_sessions(
        &self,
        client_id: &str,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Vec<String>>;
    /// Refreshes `last_active_at` and the session's latest activity (where
    /// it was used from); with `select`, also makes it the client's active
    /// session.
    fn touch_session(
        &self,
        session_id: &str,
        client_id: &str,
        select: bool,
        activity: &Activity,
        now: i64,
    ) -> StoreResult<Transition>;
    /// Revokes every signed-in session of the user, on every client, except
    /// `keep`, in one transaction; returns their ids.
    fn revoke_other_sessions(
        &self,
        user_id: &str,
        keep: &str,
        now: i64,
    ) -> StoreResult<Vec<String>>;

    /// The stored signing key (PKCS#8 PEM), if any.
    fn signing_key(&self) -> StoreResult<Option<String>>;
    /// Stores `pem` unless a key is already stored; returns the stored key.
    fn save_signing_key(&self, kid: &str, pem: &str, now: i64) -> StoreResult<String>;

    /// The client a cookie token hash belongs to, with its signed-in sessions.
    fn find_client_view(&self, token_hash: &[u8], now: i64) -> StoreResult<Option<ClientView>> {
        let Some(record) = self.find_client(token_hash, now)? else {
            return Ok(None);
        };
        let sessions = self.client_sessions(&record.id, now)?;
        Ok(Some(ClientView { record, sessions }))
    }

    /// The client with this id, with its signed-in sessions.
    fn client_view(&self, client_id: &str, now: i64) -> StoreResult<Option<ClientView>> {
        let Some(record) = self.client(client_id, now)? else {
            return Ok(None);
        };
        let sessions = self.client_sessions(client_id, now)?;
        Ok(Some(ClientView { record, sessions }))
    }
}
