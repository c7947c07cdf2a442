//! The schema: its migrations, applied once each in order, and the file's
//! private permissions.

use std::path::Path;

use rusqlite::Connection;

use super::super::{StoreError, StoreResult};

/// Schema migrations, applied in order; `PRAGMA user_version` records how
/// many have run, so an existing file is upgraded in place at start-up.
pub(super) const MIGRATIONS: &[&str] = &[
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

/// Applies the pending migrations in one write transaction, reading the
/// version inside it: when several servers start on a new file at once, one
/// migrates and the others, waiting for its lock, find nothing left to do.
pub(super) fn migrate(conn: &Connection) -> StoreResult<()> {
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
pub(super) fn create_private(path: &Path) -> StoreResult<()> {
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
