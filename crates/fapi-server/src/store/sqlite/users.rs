//! Changes to a user: names, and the password (which may sign the user
//! out everywhere else in the same transaction).

use rusqlite::{params, Connection, OptionalExtension};

use super::super::*;
use super::rows::*;
use super::sessions::revoke_all_but;

pub(super) fn password_hash(conn: &Connection, user_id: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT password_hash FROM users WHERE id = ?1",
            params![user_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

pub(super) fn update(
    conn: &mut Connection,
    user_id: &str,
    change: &NameChange,
    now: i64,
) -> StoreResult<Option<UserRecord>> {
    let tx = conn.transaction()?;
    let exists = tx
        .query_row(
            "SELECT 1 FROM users WHERE id = ?1",
            params![user_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !exists {
        return Ok(None);
    }
    for (column, value) in [
        ("first_name", &change.first_name),
        ("last_name", &change.last_name),
    ] {
        if let Some(value) = value {
            tx.execute(
                &format!("UPDATE users SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
                params![user_id, value, now],
            )?;
        }
    }
    let user = load_user(&tx, user_id)?;
    tx.commit()?;
    Ok(Some(user))
}

pub(super) fn change_password(
    conn: &mut Connection,
    user_id: &str,
    new_hash: &str,
    keep_only: Option<&str>,
    now: i64,
) -> StoreResult<(Vec<String>, UserRecord)> {
    expire_due(conn, now)?;
    let tx = conn.transaction()?;
    let changed = tx.execute(
        "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
        params![user_id, new_hash, now],
    )?;
    if changed == 0 {
        return Err(StoreError::Database("no such user".into()));
    }
    let ended = match keep_only {
        Some(keep) => revoke_all_but(&tx, user_id, Some(keep), now)?,
        None => Vec::new(),
    };
    let user = load_user(&tx, user_id)?;
    tx.commit()?;
    Ok((ended, user))
}
