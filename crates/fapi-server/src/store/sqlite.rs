//! The embedded SQLite store: one file (or `:memory:`), one connection.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use fapi_types::SessionStatus;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::*;
use crate::ids::new_id;

/// Schema migrations, applied in order; `PRAGMA user_version` records how
/// many have run, so an existing file is upgraded in place at start-up.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    first_name      TEXT,
    last_name       TEXT,
    username        TEXT UNIQUE,
    image_url       TEXT,
    password_hash   TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    last_sign_in_at INTEGER
);
CREATE TABLE email_addresses (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email_address TEXT NOT NULL UNIQUE COLLATE NOCASE,
    is_primary    INTEGER NOT NULL,
    verified      INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX email_addresses_user ON email_addresses(user_id);
CREATE TABLE clients (
    id                     TEXT PRIMARY KEY,
    token_hash             BLOB NOT NULL UNIQUE,
    last_active_session_id TEXT,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    cookie_expires_at      INTEGER NOT NULL
);
-- Sessions outlive their client (no foreign key): a deleted client's
-- sessions stay as 'ended' so their ids keep answering with their status.
CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    last_active_at  INTEGER NOT NULL,
    expire_at       INTEGER NOT NULL,
    abandon_at      INTEGER NOT NULL,
    browser_name    TEXT,
    browser_version TEXT,
    device_type     TEXT,
    is_mobile       INTEGER NOT NULL DEFAULT 0,
    ip_address      TEXT
);
CREATE INDEX sessions_client ON sessions(client_id);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_signed_in_expiry ON sessions(expire_at) WHERE status IN ('active', 'pending');
CREATE TABLE signing_keys (
    kid             TEXT PRIMARY KEY,
    private_key_pem TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
"#,
    // Every sign-out clears the active session of the client pointing at it.
    "CREATE INDEX clients_last_active_session ON clients(last_active_session_id);",
];

const SIGNED_IN: &str = "('active', 'pending')";

const SESSION_COLUMNS: &str = "s.id, s.client_id, s.status, s.created_at, s.updated_at, \
     s.last_active_at, s.expire_at, s.abandon_at, s.browser_name, s.browser_version, \
     s.device_type, s.is_mobile, s.ip_address, s.user_id";

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

/// Applies the pending migrations in one write transaction, reading the
/// version inside it: when several servers start on a new file at once, one
/// migrates and the others, waiting for its lock, find nothing left to do.
fn migrate(conn: &Connection) -> StoreResult<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let applied = (|| -> StoreResult<()> {
        let done: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        // Migrations already applied (index below `done`) are passed over.
        for (index, sql) in MIGRATIONS.iter().enumerate().filter(|(i, _)| *i >= done) {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", index + 1)?;
        }
        Ok(())
    })();
    match applied {
        Ok(()) => Ok(conn.execute_batch("COMMIT")?),
        Err(error) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(error)
        }
    }
}

/// The database holds the signing key and password hashes: its folder is
/// created 0700 and the file 0600 (SQLite gives its -wal and -shm files the
/// file's mode), and an existing file is made 0600 too.
fn create_private(path: &Path) -> StoreResult<()> {
    let failed = |what: &Path, e: std::io::Error| {
        StoreError::Database(format!("cannot create {}: {e}", what.display()))
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(parent).map_err(|e| failed(parent, e))?;
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| failed(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| failed(path, e))?;
    }
    Ok(())
}

/// The client whose `column` (`id` or `token_hash`) is `key`, unless its
/// cookie has expired.
fn live_client(
    conn: &Connection,
    column: &'static str,
    key: &dyn rusqlite::ToSql,
    now: i64,
) -> StoreResult<Option<ClientRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id, last_active_session_id, created_at, updated_at, cookie_expires_at \
                 FROM clients WHERE {column} = ?1 AND cookie_expires_at > ?2"
            ),
            params![key, now],
            client_row,
        )
        .optional()?)
}

/// Whether some signed-in session is past its `expire_at` (a read).
fn expiry_due(conn: &Connection, now: i64) -> StoreResult<bool> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT 1 FROM sessions WHERE status IN {SIGNED_IN} AND expire_at <= ?1 LIMIT 1"
            ),
            params![now],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Marks sessions past their `expire_at` as expired, so that every read
/// after this sees the true status.
fn expire_due(conn: &Connection, now: i64) -> StoreResult<()> {
    // Runs before every read, so the common case (nothing due) is one
    // indexed UPDATE; clients are only touched for sessions that just expired.
    let expired: Vec<String> = {
        let mut stmt = conn.prepare_cached(&format!(
            "UPDATE sessions SET status = 'expired', updated_at = expire_at \
             WHERE status IN {SIGNED_IN} AND expire_at <= ?1 RETURNING id"
        ))?;
        let ids = stmt
            .query_map(params![now], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids
    };
    for id in expired {
        conn.execute(
            "UPDATE clients SET last_active_session_id = NULL WHERE last_active_session_id = ?1",
            params![id],
        )?;
    }
    Ok(())
}

fn load_user(conn: &Connection, user_id: &str) -> StoreResult<UserRecord> {
    let mut user = conn.query_row(
        "SELECT id, first_name, last_name, username, image_url, created_at, updated_at, \
         last_sign_in_at FROM users WHERE id = ?1",
        params![user_id],
        |r| {
            Ok(UserRecord {
                id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                username: r.get(3)?,
                image_url: r.get(4)?,
                created_at: r.get(5)?,
                updated_at: r.get(6)?,
                last_sign_in_at: r.get(7)?,
                emails: Vec::new(),
            })
        },
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, email_address, is_primary, verified, created_at, updated_at \
         FROM email_addresses WHERE user_id = ?1 ORDER BY created_at, id",
    )?;
    user.emails = stmt
        .query_map(params![user_id], |r| {
            Ok(EmailRecord {
                id: r.get(0)?,
                email_address: r.get(1)?,
                is_primary: r.get(2)?,
                verified: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(user)
}

/// A session row without its user; [`with_users`] completes it.
struct SessionRow {
    record: SessionRecord,
    user_id: String,
}

fn session_row(r: &Row<'_>) -> rusqlite::Result<SessionRow> {
    let status: String = r.get(2)?;
    Ok(SessionRow {
        record: SessionRecord {
            id: r.get(0)?,
            client_id: r.get(1)?,
            status: SessionStatus::parse(&status),
            created_at: r.get(3)?,
            updated_at: r.get(4)?,
            last_active_at: r.get(5)?,
            expire_at: r.get(6)?,
            abandon_at: r.get(7)?,
            activity: Activity {
                browser_name: r.get(8)?,
                browser_version: r.get(9)?,
                device_type: r.get(10)?,
                is_mobile: r.get(11)?,
                ip_address: r.get(12)?,
            },
            user: UserRecord {
                id: String::new(),
                first_name: None,
                last_name: None,
                username: None,
                image_url: None,
                created_at: 0,
                updated_at: 0,
                last_sign_in_at: None,
                emails: Vec::new(),
            },
        },
        user_id: r.get(13)?,
    })
}

fn with_users(conn: &Connection, rows: Vec<SessionRow>) -> StoreResult<Vec<SessionRecord>> {
    rows.into_iter()
        .map(|row| {
            let mut record = row.record;
            record.user = load_user(conn, &row.user_id)?;
            Ok(record)
        })
        .collect()
}

fn query_sessions(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> StoreResult<Vec<SessionRecord>> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s WHERE {filter} ORDER BY s.created_at, s.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(args, session_row)?
        .collect::<Result<Vec<_>, _>>()?;
    with_users(conn, rows)
}

fn scoped_session(
    conn: &Connection,
    session_id: &str,
    scope: SessionScope<'_>,
) -> StoreResult<Option<SessionRecord>> {
    let (filter, owner) = match scope {
        SessionScope::Client(id) => ("s.id = ?1 AND s.client_id = ?2", id),
        SessionScope::User(id) => ("s.id = ?1 AND s.user_id = ?2", id),
    };
    Ok(query_sessions(conn, filter, &[&session_id, &owner])?
        .into_iter()
        .next())
}

fn client_row(r: &Row<'_>) -> rusqlite::Result<ClientRecord> {
    Ok(ClientRecord {
        id: r.get(0)?,
        last_active_session_id: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        cookie_expires_at: r.get(4)?,
    })
}

fn bump_client(tx: &Transaction<'_>, client_id: &str, now: i64) -> StoreResult<()> {
    tx.execute(
        "UPDATE clients SET updated_at = ?2 WHERE id = ?1",
        params![client_id, now],
    )?;
    Ok(())
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
        let mut conn = self.conn();
        expire_due(&conn, now)?;
        let tx = conn.transaction().map_err(StoreError::from)?;
        let signed_in_users: Vec<String> = {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT user_id FROM sessions WHERE client_id = ?1 AND status IN {SIGNED_IN}"
                ))
                .map_err(StoreError::from)?;
            let users = stmt
                .query_map(params![client_id], |r| r.get(0))
                .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
                .map_err(StoreError::from)?;
            users
        };
        if single_session_mode && !signed_in_users.is_empty() {
            return Err(StartSessionError::SessionExists);
        }
        if signed_in_users.contains(&new.user_id) {
            return Err(StartSessionError::AlreadySignedIn);
        }
        let id = new_id("sess");
        let a = &new.activity;
        tx.execute(
            "INSERT INTO sessions (id, client_id, user_id, status, created_at, updated_at, \
             last_active_at, expire_at, abandon_at, browser_name, browser_version, device_type, \
             is_mobile, ip_address) \
             VALUES (?1, ?2, ?3, 'active', ?4, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                client_id,
                new.user_id,
                now,
                new.expire_at,
                new.abandon_at,
                a.browser_name,
                a.browser_version,
                a.device_type,
                a.is_mobile,
                a.ip_address
            ],
        )
        .map_err(StoreError::from)?;
        // A client deleted by a racing request changes nothing here: the
        // session insert above is rolled back with the transaction.
        let client_updated = tx
            .execute(
                "UPDATE clients SET last_active_session_id = ?2, updated_at = ?3, \
                 token_hash = COALESCE(?4, token_hash) WHERE id = ?1",
                params![client_id, id, now, new.rotate_token_hash],
            )
            .map_err(StoreError::from)?;
        if client_updated == 0 {
            return Err(StartSessionError::ClientGone);
        }
        tx.execute(
            "UPDATE users SET last_sign_in_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![new.user_id, now],
        )
        .map_err(StoreError::from)?;
        let session = scoped_session(&tx, &id, SessionScope::Client(client_id))?
            .ok_or_else(|| StoreError::Database("inserted session vanished".into()))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(session)
    }

    fn end_session(
        &self,
        session_id: &str,
        scope: SessionScope<'_>,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Transition> {
        let mut conn = self.conn();
        expire_due(&conn, now)?;
        let tx = conn.transaction()?;
        let Some(session) = scoped_session(&tx, session_id, scope)? else {
            return Ok(Transition::NotFound);
        };
        let changed = tx.execute(
            &format!(
                "UPDATE sessions SET status = ?2, updated_at = ?3 \
                 WHERE id = ?1 AND status IN {SIGNED_IN}"
            ),
            params![session_id, to.as_str(), now],
        )?;
        if changed == 0 {
            return Ok(Transition::NotSignedIn(session.status));
        }
        tx.execute(
            "UPDATE clients SET last_active_session_id = NULL, updated_at = ?2 \
             WHERE last_active_session_id = ?1",
            params![session_id, now],
        )?;
        bump_client(&tx, &session.client_id, now)?;
        let ended = scoped_session(&tx, session_id, scope)?
            .ok_or_else(|| StoreError::Database("updated session vanished".into()))?;
        tx.commit()?;
        Ok(Transition::Done(Box::new(ended)))
    }

    fn end_client_sessions(
        &self,
        client_id: &str,
        to: SessionStatus,
        now: i64,
    ) -> StoreResult<Vec<String>> {
        let mut conn = self.conn();
        expire_due(&conn, now)?;
        let tx = conn.transaction()?;
        let ids: Vec<String> = {
            let mut stmt = tx.prepare(&format!(
                "UPDATE sessions SET status = ?2, updated_at = ?3 \
                 WHERE client_id = ?1 AND status IN {SIGNED_IN} RETURNING id"
            ))?;
            let ids = stmt
                .query_map(params![client_id, to.as_str(), now], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            ids
        };
        tx.execute(
            "UPDATE clients SET last_active_session_id = NULL WHERE id = ?1",
            params![client_id],
        )?;
        if !ids.is_empty() {
            bump_client(&tx, client_id, now)?;
        }
        tx.commit()?;
        Ok(ids)
    }

    fn touch_session(
        &self,
        session_id: &str,
        client_id: &str,
        select: bool,
        now: i64,
    ) -> StoreResult<Transition> {
        let mut conn = self.conn();
        expire_due(&conn, now)?;
        let tx = conn.transaction()?;
        let scope = SessionScope::Client(client_id);
        let Some(session) = scoped_session(&tx, session_id, scope)? else {
            return Ok(Transition::NotFound);
        };
        if !session.status.is_signed_in() {
            return Ok(Transition::NotSignedIn(session.status));
        }
        tx.execute(
            "UPDATE sessions SET last_active_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![session_id, now],
        )?;
        if select {
            tx.execute(
                "UPDATE clients SET last_active_session_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![client_id, session_id, now],
            )?;
        }
        let touched = scoped_session(&tx, session_id, scope)?
            .ok_or_else(|| StoreError::Database("touched session vanished".into()))?;
        tx.commit()?;
        Ok(Transition::Done(Box::new(touched)))
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
