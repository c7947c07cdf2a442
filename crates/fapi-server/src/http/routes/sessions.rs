//! `/v1/client/sessions/{id}/…`: one session of this browser at a time:
//! read, remove, end, touch (switch account), and mint its token.

use axum::extract::State;
use fapi_types::{self as wire, Envelope, SessionStatus};
use serde_json::json;

use super::session_reply;
use crate::error::{ApiError, ApiResult};
use crate::http::cookie_client::{write_then_view, CookieClient};
use crate::http::extract::{FormBody, RequestContext, SessionIdPath};
use crate::http::render;
use crate::http::respond::{with_client, Json};
use crate::store::{ClientView, SessionRecord, SessionScope};
use crate::AppState;

/// This browser's client; without one, no session is visible.
fn require_client(client: Option<ClientView>, session_id: &str) -> ApiResult<ClientView> {
    client.ok_or_else(|| ApiError::session_not_found(session_id))
}

/// One session of this client, whatever its status: found among the
/// signed-in ones the request already holds, else looked up (an ended
/// session still answers, with its status).
async fn find(state: &AppState, client: &ClientView, id: &str) -> ApiResult<SessionRecord> {
    if let Some(session) = client.sessions.iter().find(|s| s.id == id) {
        return Ok(session.clone());
    }
    let (lookup, client_id) = (id.to_string(), client.record.id.clone());
    state
        .db(move |s| s.session(&lookup, SessionScope::Client(&client_id), crate::now_ms()))
        .await??
        .ok_or_else(|| ApiError::session_not_found(id))
}

async fn end_in_client(
    state: AppState,
    ctx: RequestContext,
    client: Option<ClientView>,
    session_id: String,
    to: SessionStatus,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let client = require_client(client, &session_id)?;
    let id = session_id.clone();
    let (transition, after) =
        write_then_view(&state, client.record.id, move |store, client_id, now| {
            store.end_session(&id, SessionScope::Client(client_id), to, now)
        })
        .await?;
    let event = if to == SessionStatus::Removed {
        "sign_out.session_removed"
    } else {
        "sign_out.session_ended"
    };
    session_reply(
        &state,
        &ctx,
        transition,
        &session_id,
        Some(event),
        after.as_ref(),
    )
}

pub async fn remove_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    end_in_client(state, ctx, client, id, SessionStatus::Removed).await
}

pub async fn end_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    end_in_client(state, ctx, client, id, SessionStatus::Ended).await
}

pub async fn get_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    SessionIdPath(id): SessionIdPath,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let client = require_client(client, &id)?;
    let session = find(&state, &client, &id).await?;
    let response = render::session(&state.signing_key, &session, &ctx);
    Ok(with_client(&state, &ctx, response, Some(&client)))
}

/// `intent=focus` only refreshes `last_active_at`; any other touch (no
/// intent, `select_session`, `select_org`) also makes the session active.
pub async fn touch_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    SessionIdPath(id): SessionIdPath,
    form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let select = match form.text("intent") {
        None | Some("select_session") | Some("select_org") => true,
        Some("focus") => false,
        Some(other) => {
            return Err(ApiError::param_invalid(
                "intent",
                format!("`intent` may be focus, select_session or select_org, not `{other}`."),
            ))
        }
    };
    let client = require_client(client, &id)?;
    let lookup = id.clone();
    let activity = ctx.activity.clone();
    let (transition, after) =
        write_then_view(&state, client.record.id, move |store, client_id, now| {
            store.touch_session(&lookup, client_id, select, &activity, now)
        })
        .await?;
    session_reply(&state, &ctx, transition, &id, None, after.as_ref())
}

/// `POST .../tokens`: a session JWT, only for a signed-in session of this client.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<wire::Token>> {
    let client = require_client(client, &id)?;
    let session = find(&state, &client, &id).await?;
    if !session.status.is_signed_in() {
        return Err(ApiError::unauthenticated(
            "The session is not signed in: it cannot mint tokens any more.",
        )
        .meta(json!({ "session_id": id, "status": session.status.as_str() })));
    }
    Ok(Json::ok(render::token(&state.signing_key, &session, &ctx)))
}
