//! `/v1/me`: the signed-in user, their sessions on every device, and
//! signing one of them out from here.

use axum::extract::State;
use fapi_types::{self as wire, Envelope, SessionStatus};

use super::{audit_sessions, settle};
use crate::error::{ApiError, ApiResult};
use crate::http::cookie_client::{write_then_view, CookieClient};
use crate::http::extract::{FormBody, RequestContext, SessionIdPath};
use crate::http::render;
use crate::http::respond::{with_client, Json};
use crate::store::{ClientView, SessionRecord, SessionScope};
use crate::{now_ms, AppState};

/// The signed-in session `/v1/me` acts for: `_clerk_session_id` when given,
/// else the client's active one.
fn me_session(ctx: &RequestContext, client: Option<&ClientView>) -> ApiResult<SessionRecord> {
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

pub async fn me(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
) -> ApiResult<Json<Envelope<wire::User>>> {
    let session = me_session(&ctx, client.as_ref())?;
    Ok(with_client(
        &state,
        &ctx,
        render::user(&session.user),
        client.as_ref(),
    ))
}

/// The user's signed-in sessions on every browser, with where each was used.
pub async fn active_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
) -> ApiResult<Json<Vec<wire::ActiveSession>>> {
    let me = me_session(&ctx, client.as_ref())?;
    let user_id = me.user.id.clone();
    let sessions = state
        .db(move |s| s.user_sessions(&user_id, now_ms()))
        .await??;
    Ok(Json::ok(
        sessions.iter().map(render::active_session).collect(),
    ))
}

/// Signs the user out of one of their sessions, on this or another device.
pub async fn revoke_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let me = me_session(&ctx, client.as_ref())?;
    let lookup = id.clone();
    let (transition, after) =
        write_then_view(&state, me.client_id.clone(), move |store, _, now| {
            store.end_session(
                &lookup,
                SessionScope::User(&me.user.id),
                SessionStatus::Revoked,
                now,
            )
        })
        .await?;
    let session = settle(transition, &id)?;
    audit_sessions("session.revoked", &ctx, [&session]);
    let response = render::session(&state.signing_key, &session, &ctx);
    Ok(with_client(&state, &ctx, response, after.as_ref()))
}
