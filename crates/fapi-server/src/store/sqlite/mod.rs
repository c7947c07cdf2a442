//! The embedded SQLite store: one file (or `:memory:`), one connection.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use fapi_types::SessionStatus;
use rusqlite::{params, Connection, OptionalExtension};

use super::*;
use crate::ids::new_id;

mod rows;
mod schema;
mod sessions;
#[cfg(test)]
mod tests;
mod users;

use rows::*;
use schema::{create_private, migrate};

/// One writer connection (writes are serialised) and, for a file, a few
/// read-only connections: in WAL mode readers see the last committed state
/// while a write is under way, so a long or stalled write does not hold up
/// the reads behind it.
pub struct SqliteStore {
    conn: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: std::sync::atomic::AtomicUsize,
}

/// Read-only connections of a file database.
const READERS: usize = 4;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e {
            rusqlite::Error::SqliteFailure(ref f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Conflict(e.to_string())
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`; `:memory:` gives a
    /// private in-memory database. Runs pending migrations.
    pub fn open(path: &str) -> StoreResult<SqliteStore> {
        let (conn, readers) = if path == ":memory:" {
            // Each in-memory connection is a database of its own: no readers.
            (Connection::open_in_memory()?, Vec::new())
        } else {
            create_private(Path::new(path))?;
            let conn = Connection::open(path)?;
            // Before anything that takes a lock: another instance may be
            // starting on the same file.
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            // Switching to WAL needs a moment alone with the file; SQLite
            // answers "locked" without waiting when another instance is
            // doing the same, so try again for a few seconds.
            let mut attempts = 0;
            while let Err(error) = conn.pragma_update(None, "journal_mode", "WAL") {
                attempts += 1;
                let busy = matches!(
                    &error,
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::DatabaseBusy
                            || f.code == rusqlite::ErrorCode::DatabaseLocked
                );
                if !busy || attempts > 100 {
                    return Err(error.into());
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let readers = (0..READERS)
                .map(|_| {
                    let reader = Connection::open_with_flags(
                        path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )?;
                    reader.busy_timeout(std::time::Duration::from_secs(5))?;
                    Ok(Mutex::new(reader))
                })
                .collect::<StoreResult<Vec<_>>>()?;
            (conn, readers)
        };
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            readers,
            next_reader: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Runs a read on a reader connection (the writer for `:memory:`). Reads
    /// must see expired sessions as expired, which is a write; that write is
    /// made on the writer only when some session is due, which is rare, so
    /// reads almost never wait for writes.
    fn read<T>(&self, now: i64, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        if let Some(reader) = self.reader() {
            if !expiry_due(&reader, now)? {
                return f(&reader);
            }
        }
        let conn = self.conn();
        expire_due(&conn, now)?;
        f(&conn)
    }

    /// A free reader, else the next one in turn; `None` without readers.
    fn reader(&self) -> Option<MutexGuard<'_, Connection>> {
        let unpoison =
            |r: Result<_, std::sync::PoisonError<_>>| r.unwrap_or_else(|p| p.into_inner());
        if let Some(free) = self.readers.iter().find_map(|r| r.try_lock().ok()) {
            return Some(free);
        }
        let count = self.readers.len();
        (count > 0).then(|| {
            let turn = self
                .next_reader
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            unpoison(self.readers[turn % count].lock())
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written change:
        // every multi-statement change runs in a transaction.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for SqliteStore {
    fn create_user(&self, new: &NewUser, now: i64) -> StoreResult<UserRecord> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let user_id = new_id("user");
        tx.execute(
            "INSERT INTO users (id, first_name, last_name, username, image_url, password_hash, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![user_id, new.first_name, new.last_name, new.username, new.image_url, new.password_hash, now],
        )?;
        tx.execute(
            "INSERT INTO email_addresses (id, user_id, email_address, is_primary, verified, created_at, updated_at) \
             VALUES (?1, ?2, ?3, 1, 1, ?4, ?4)",
            params![new_id("idn"), user_id, new.email_address.trim(), now],
        )?;
        let user = load_user(&tx, &user_id)?;
        tx.commit()?;
        Ok(user)
    }

    fn find_user_by_email(&self, email: &str) -> StoreResult<Option<(UserRecord, Option<String>)>> {
        // Users do not expire: any time will do.
        self.read(i64::MIN, |conn| {
            let found: Option<(String, Option<String>)> = conn
                .query_row(
                    "SELECT u.id, u.password_hash FROM users u \
                     JOIN email_addresses e ON e.user_id = u.id WHERE e.email_address = ?1",
                    params![email.trim()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match found {
                Some((id, hash)) => Ok(Some((load_user(conn, &id)?, hash))),
                None => Ok(None),
            }
        })
    }

    fn create_client(
        &self,
        token_hash: &[u8],
        now: i64,
        cookie_expires_at: i64,
    ) -> StoreResult<ClientRecord> {
        let conn = self.conn();
        let id = new_id("client");
        conn.execute(
            "INSERT INTO clients (id, token_hash, created_at, updated_at, cookie_expires_at) \
             VALUES (?1, ?2, ?3, ?3, ?4)",
            params![id, token_hash, now, cookie_expires_at],
        )?;
        Ok(ClientRecord {
            id,
            last_active_session_id: None,
            created_at: now,
            updated_at: now,
            cookie_expires_at,
        })
    }

    fn find_client(&self, token_hash: &[u8], now: i64) -> StoreResult<Option<ClientRecord>> {
        self.read(now, |conn| {
            live_client(conn, "token_hash", &token_hash, now)
        })
    }

    fn client(&self, client_id: &str, now: i64) -> StoreResult<Option<ClientRecord>> {
        self.read(now, |conn| live_client(conn, "id", &client_id, now))
    }

    fn delete_client(&self, client_id: &str, now: i64) -> StoreResult<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            &format!(
                "UPDATE sessions SET status = 'ended', updated_at = ?2 \
                 WHERE client_id = ?1 AND status IN {SIGNED_IN}"
            ),
            params![client_id, now],
        )?;
        tx.execute("DELETE FROM clients WHERE id = ?1", params![client_id])?;
        tx.commit()?;
        Ok(())
    }

    fn client_sessions(&self, client_id: &str, now: i64) -> StoreResult<Vec<SessionRecord>> {
        self.read(now, |conn| {
            query_sessions(
                conn,
                &format!("s.client_id = ?1 AND s.status IN {SIGNED_IN}"),
                &[&client_id],
            )
        })
    }

    fn session(
        &self,
        session_id: &str,
        scope: SessionScope<'_>,
        now: i64,
    ) -> StoreResult<Option<SessionRecord>> {
        self.read(now, |conn| scoped_session(conn, session_id, scope))
    }

    fn user_sessions(&self, user_id: &str, now: i64) -> StoreResult<Vec<SessionRecord>> {
        self.read(now, |conn| {
            query_sessions(
                conn,
                &format!("s.user_id = ?1 AND s.status IN {SIGNED_IN}"),
                &[&user_id],
            )
        })
    }

    fn start_session(
        &self,
        client_id: &str,
        new: &NewSession,
        single_session_mode: bool,
        now: i64,
    ) -> Result<SessionRecord, StartSessionError> {
        sessions::start(&mut self.conn(), client_id, new, single_session_mode, now)
    }

    fn end_session(
        &self,
        session_id: &str,
        scope: SessionScope<'_>,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Transition> {
        sessions::end(&mut self.conn(), session_id, scope, to, now)
    }

    fn end_client_sessions(
        &self,
        client_id: &str,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Vec<String>> {
        sessions::end_all_of_client(&mut self.conn(), client_id, to, now)
    }

    fn touch_session(
        &self,
        session_id: &str,
        client_id: &str,
        select: bool,
        activity: &Activity,
        now: i64,
    ) -> StoreResult<Transition> {
        sessions::touch(
            &mut self.conn(),
            session_id,
            client_id,
            select,
            activity,
            now,
        )
    }

    fn revoke_other_sessions(
        &self,
        user_id: &str,
        keep: &str,
        now: i64,
    ) -> StoreResult<Vec<String>> {
        sessions::revoke_others(&mut self.conn(), user_id, keep, now)
    }

    fn password_hash(&self, user_id: &str) -> StoreResult<Option<String>> {
        self.read(i64::MIN, |conn| users::password_hash(conn, user_id))
    }

    fn update_user(
        &self,
        user_id: &str,
        change: &NameChange,
        now: i64,
    ) -> StoreResult<Option<UserRecord>> {
        users::update(&mut self.conn(), user_id, change, now)
    }

    fn change_password(
        &self,
        user_id: &str,
        new_hash: &str,
        keep_only: Option<&str>,
        now: i64,
    ) -> StoreResult<(Vec<String>, UserRecord)> {
        users::change_password(&mut self.conn(), user_id, new_hash, keep_only, now)
    }

    fn signing_key(&self) -> StoreResult<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT private_key_pem FROM signing_keys ORDER BY created_at, kid LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn save_signing_key(&self, kid: &str, pem: &str, now: i64) -> StoreResult<String> {
        let conn = self.conn();
        // Two servers starting on one new file race here; the first key wins.
        let existing: Option<String> = conn
            .query_row(
                "SELECT private_key_pem FROM signing_keys ORDER BY created_at, kid LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(pem) = existing {
            return Ok(pem);
        }
        conn.execute(
            "INSERT INTO signing_keys (kid, private_key_pem, created_at) VALUES (?1, ?2, ?3)",
            params![kid, pem, now],
        )?;
        Ok(pem.to_string())
    }
}
