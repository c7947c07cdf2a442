//! The Frontend API's routes, one module per resource family. Each handler
//! reads its request (`super::extract`, `super::cookie_client`), calls the
//! store, and answers through `super::respond` and `super::render`.

pub mod account;
pub mod client;
pub mod environment;
mod guesses;
pub mod me;
pub mod sessions;
pub mod sign_ins;

use fapi_types::{self as wire, Envelope};

use super::extract::RequestContext;
use super::render;
use super::respond::{with_client, Json};
use crate::error::{ApiError, ApiResult};
use crate::store::{ClientView, SessionRecord, Transition};
use crate::{audit, AppState};

/// The answer to a conditional change of one session: the session as it
/// now is, with the client, and an audit line when `audit` names the
/// event; or why the change did not apply.
fn session_reply(
    state: &AppState,
    ctx: &RequestContext,
    transition: Transition,
    session_id: &str,
    audit: Option<&'static str>,
    after: Option<&ClientView>,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let session = match transition {
        Transition::Done(session) => *session,
        Transition::NotSignedIn(status) => {
            return Err(ApiError::session_not_active(session_id, status.as_str()))
        }
        Transition::NotFound => return Err(ApiError::session_not_found(session_id)),
    };
    if let Some(event) = audit {
        audit_sessions(event, ctx, [&session]);
    }
    let response = render::session(&state.signing_key, &session, ctx);
    Ok(with_client(state, ctx, response, after))
}

/// One audit line per session a request signed out.
fn audit_sessions<'a>(
    event: &'static str,
    ctx: &RequestContext,
    sessions: impl IntoIterator<Item = &'a SessionRecord>,
) {
    for session in sessions {
        audit::record(
            event,
            ctx.activity.ip_address.as_deref(),
            Some(&session.user.id),
            Some(&session.id),
        );
    }
}

/// The signed-in session `/v1/me` acts for: `_clerk_session_id` when given,
/// else the client's active one.
pub(super) fn me_session(
    ctx: &RequestContext,
    client: Option<&ClientView>,
) -> ApiResult<SessionRecord> {
    let client = client.ok_or_else(|| ApiError::unauthenticated("No client: sign in first."))?;
    let wanted = ctx
        .query
        .get("_clerk_session_id")
        .or(client.record.last_active_session_id.as_ref())
        .ok_or_else(|| ApiError::unauthenticated("No signed-in session on this client."))?;
    client
        .sessions
        .iter()
        .find(|s| &s.id == wanted)
        .cloned()
        .ok_or_else(|| ApiError::unauthenticated("That session is not signed in on this client."))
}
