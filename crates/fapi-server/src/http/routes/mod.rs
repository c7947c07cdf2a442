//! The Frontend API's routes, one module per resource family. Each handler
//! reads its request (`super::extract`, `super::cookie_client`), calls the
//! store, and answers through `super::respond` and `super::render`.

pub mod client;
pub mod environment;
pub mod me;
pub mod sessions;
pub mod sign_ins;

use crate::audit;
use crate::error::{ApiError, ApiResult};
use crate::store::{SessionRecord, Transition};

use super::extract::RequestContext;

/// The session a conditional change left, or why it did not apply.
fn settle(transition: Transition, session_id: &str) -> ApiResult<SessionRecord> {
    match transition {
        Transition::Done(session) => Ok(*session),
        Transition::NotSignedIn(status) => {
            Err(ApiError::session_not_active(session_id, status.as_str()))
        }
        Transition::NotFound => Err(ApiError::session_not_found(session_id)),
    }
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
