//! The writes that change a session's status, each one transaction: a
//! sign-in (with the client's token rotation), a sign-out of one session
//! or of a whole client, and a touch.

use fapi_types::SessionStatus;
use rusqlite::{params, Connection, Transaction};

use super::super::*;
use super::rows::*;
use crate::ids::new_id;

pub(super) fn start(
    conn: &mut Connection,
    client_id: &str,
    new: &NewSession,
    single_session_mode: bool,
    now: i64,
) -> Result<SessionRecord, StartSessionError> {
    expire_due(conn, now)?;
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

pub(super) fn end(
    conn: &mut Connection,
    session_id: &str,
    scope: SessionScope<'_>,
    to: SessionStatus,
    now: i64,
) -> StoreResult<Transition> {
    expire_due(conn, now)?;
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

pub(super) fn end_all_of_client(
    conn: &mut Connection,
    client_id: &str,
    to: SessionStatus,
    now: i64,
) -> StoreResult<Vec<String>> {
    expire_due(conn, now)?;
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

pub(super) fn touch(
    conn: &mut Connection,
    session_id: &str,
    client_id: &str,
    select: bool,
    activity: &Activity,
    now: i64,
) -> StoreResult<Transition> {
    expire_due(conn, now)?;
    let tx = conn.transaction()?;
    let scope = SessionScope::Client(client_id);
    let Some(session) = scoped_session(&tx, session_id, scope)? else {
        return Ok(Transition::NotFound);
    };
    if !session.status.is_signed_in() {
        return Ok(Transition::NotSignedIn(session.status));
    }
    tx.execute(
        "UPDATE sessions SET last_active_at = ?2, updated_at = ?2, browser_name = ?3, \
         browser_version = ?4, device_type = ?5, is_mobile = ?6, ip_address = ?7 WHERE id = ?1",
        params![
            session_id,
            now,
            activity.browser_name,
            activity.browser_version,
            activity.device_type,
            activity.is_mobile,
            activity.ip_address
        ],
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

/// Revokes every signed-in session of `user_id` but `keep`, on every client:
/// a client whose active session this was has none afterwards, and every
/// client concerned shows the change at its next request.
pub(super) fn revoke_all_but(
    tx: &Transaction<'_>,
    user_id: &str,
    keep: Option<&str>,
    now: i64,
) -> StoreResult<Vec<String>> {
    let ended: Vec<(String, String)> = {
        let mut stmt = tx.prepare(&format!(
            "UPDATE sessions SET status = 'revoked', updated_at = ?3 \
             WHERE user_id = ?1 AND id IS NOT ?2 AND status IN {SIGNED_IN} RETURNING id, client_id"
        ))?;
        let rows = stmt
            .query_map(params![user_id, keep, now], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows
    };
    for (session_id, client_id) in &ended {
        tx.execute(
            "UPDATE clients SET last_active_session_id = NULL WHERE last_active_session_id = ?1",
            params![session_id],
        )?;
        bump_client(tx, client_id, now)?;
    }
    Ok(ended.into_iter().map(|(id, _)| id).collect())
}

pub(super) fn revoke_others(
    conn: &mut Connection,
    user_id: &str,
    keep: &str,
    now: i64,
) -> StoreResult<Vec<String>> {
    expire_due(conn, now)?;
    let tx = conn.transaction()?;
    let ended = revoke_all_but(&tx, user_id, Some(keep), now)?;
    tx.commit()?;
    Ok(ended)
}
