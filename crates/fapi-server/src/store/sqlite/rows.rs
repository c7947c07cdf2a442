//! The queries every store method shares: sessions with their users,
//! clients, and the expiry sweep that every read must see.

use fapi_types::SessionStatus;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::super::*;

pub(super) const SIGNED_IN: &str = "('active', 'pending')";

pub(super) const SESSION_COLUMNS: &str =
    "s.id, s.client_id, s.status, s.created_at, s.updated_at, \
     s.last_active_at, s.expire_at, s.abandon_at, s.browser_name, s.browser_version, \
     s.device_type, s.is_mobile, s.ip_address, s.user_id";

/// The client whose `column` (`id` or `token_hash`) is `key`, unless its
/// cookie has expired.
pub(super) fn live_client(
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
pub(super) fn expiry_due(conn: &Connection, now: i64) -> StoreResult<bool> {
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
pub(super) fn expire_due(conn: &Connection, now: i64) -> StoreResult<()> {
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

pub(super) fn load_user(conn: &Connection, user_id: &str) -> StoreResult<UserRecord> {
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
pub(super) struct SessionRow {
    record: SessionRecord,
    user_id: String,
}

pub(super) fn session_row(r: &Row<'_>) -> rusqlite::Result<SessionRow> {
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

pub(super) fn with_users(
    conn: &Connection,
    rows: Vec<SessionRow>,
) -> StoreResult<Vec<SessionRecord>> {
    rows.into_iter()
        .map(|row| {
            let mut record = row.record;
            record.user = load_user(conn, &row.user_id)?;
            Ok(record)
        })
        .collect()
}

pub(super) fn query_sessions(
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

pub(super) fn scoped_session(
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

pub(super) fn client_row(r: &Row<'_>) -> rusqlite::Result<ClientRecord> {
    Ok(ClientRecord {
        id: r.get(0)?,
        last_active_session_id: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        cookie_expires_at: r.get(4)?,
    })
}

pub(super) fn bump_client(tx: &Transaction<'_>, client_id: &str, now: i64) -> StoreResult<()> {
    tx.execute(
        "UPDATE clients SET updated_at = ?2 WHERE id = ?1",
        params![client_id, now],
    )?;
    Ok(())
}
