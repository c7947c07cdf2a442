//! One session at a time: remove, end, touch (switch account), tokens, and
//! the user's sessions on every device (`/v1/me`).

use axum::extract::State;
use fapi_types::{self as wire, Envelope, SessionStatus};
use serde_json::json;

use super::client::{client_payload, cookie_client, envelope};
use super::context::{FormBody, RequestContext, SessionIdPath};
use super::render::{self, Json};
use crate::error::{ApiError, ApiResult};
use crate::store::{SessionRecord, SessionScope, Transition};
use crate::{audit, now_ms, AppState};

/// The id of this browser's client; without one, no session is visible.
async fn client_id_for(
    state: &AppState,
    ctx: &RequestContext,
    session_id: &str,
) -> ApiResult<String> {
    cookie_client(state, ctx)
        .await?
        .map(|c| c.id)
        .ok_or_else(|| ApiError::session_not_found(session_id))
}

fn settle(transition: Transition, session_id: &str) -> ApiResult<SessionRecord> {
    match transition {
        Transition::Done(session) => Ok(*session),
        Transition::NotSignedIn(status) => {
            Err(ApiError::session_not_active(session_id, status.as_str()))
        }
        Transition::NotFound => Err(ApiError::session_not_found(session_id)),
    }
}

async fn end_in_client(
    state: AppState,
    ctx: RequestContext,
    session_id: String,
    to: SessionStatus,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let client_id = client_id_for(&state, &ctx, &session_id).await?;
    let id = session_id.clone();
    let transition = state
        .db(move |s| s.end_session(&id, SessionScope::Client(&client_id), to, now_ms()))
        .await??;
    let session = settle(transition, &session_id)?;
    let event = if to == SessionStatus::Removed {
        "sign_out.session_removed"
    } else {
        "sign_out.session_ended"
    };
    audit::record(
        event,
        ctx.activity.ip_address.as_deref(),
        Some(&session.user.id),
        Some(&session.id),
    );
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, state.session(&session, &ctx), client))
}

pub async fn remove_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    end_in_client(state, ctx, id, SessionStatus::Removed).await
}

pub async fn end_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    end_in_client(state, ctx, id, SessionStatus::Ended).await
}

pub async fn get_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let client_id = client_id_for(&state, &ctx, &id).await?;
    let lookup = id.clone();
    let session = state
        .db(move |s| s.session(&lookup, SessionScope::Client(&client_id), now_ms()))
        .await??
        .ok_or_else(|| ApiError::session_not_found(&id))?;
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, state.session(&session, &ctx), client))
}

/// `intent=focus` only refreshes `last_active_at`; any other touch (no
/// intent, `select_session`, `select_org`) also makes the session active.
pub async fn touch_session(
    State(state): State<AppState>,
    ctx: RequestContext,
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
    let client_id = client_id_for(&state, &ctx, &id).await?;
    let lookup = id.clone();
    let transition = state
        .db(move |s| s.touch_session(&lookup, &client_id, select, now_ms()))
        .await??;
    let session = settle(transition, &id)?;
    audit::record(
        "session.revoked",
        ctx.activity.ip_address.as_deref(),
        Some(&session.user.id),
        Some(&session.id),
    );
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, state.session(&session, &ctx), client))
}

/// `POST .../tokens`: a session JWT, only for a signed-in session of this client.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<wire::Token>> {
    let client_id = client_id_for(&state, &ctx, &id).await?;
    let lookup = id.clone();
    let session = state
        .db(move |s| s.session(&lookup, SessionScope::Client(&client_id), now_ms()))
        .await??
        .ok_or_else(|| ApiError::session_not_found(&id))?;
    if !session.status.is_signed_in() {
        return Err(ApiError::unauthenticated(
            "The session is not signed in: it cannot mint tokens any more.",
        )
        .meta(json!({ "session_id": id, "status": session.status.as_str() })));
    }
    Ok(Json::ok(state.mint_token(&session, &ctx)))
}

/// The signed-in session `/v1/me` acts for: `_clerk_session_id` when given,
/// else the client's active one.
async fn me_session(state: &AppState, ctx: &RequestContext) -> ApiResult<SessionRecord> {
    let client = cookie_client(state, ctx)
        .await?
        .ok_or_else(|| ApiError::unauthenticated("No client: sign in first."))?;
    let wanted = ctx
        .query
        .get("_clerk_session_id")
        .cloned()
        .or(client.last_active_session_id)
        .ok_or_else(|| ApiError::unauthenticated("No signed-in session on this client."))?;
    state
        .db(move |s| s.session(&wanted, SessionScope::Client(&client.id), now_ms()))
        .await??
        .filter(|s| s.status.is_signed_in())
        .ok_or_else(|| ApiError::unauthenticated("That session is not signed in on this client."))
}

pub async fn me(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Envelope<wire::User>>> {
    let session = me_session(&state, &ctx).await?;
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, render::user(&session.user), client))
}

/// The user's signed-in sessions on every browser, with where each was used.
pub async fn active_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Vec<wire::ActiveSession>>> {
    let me = me_session(&state, &ctx).await?;
    let user_id = me.user.id.clone();
    let sessions = state
        .db(move |s| s.user_sessions(&user_id, now_ms()))
        .await??;
    Ok(Json::ok(
        sessions
            .iter()
            .map(|record| {
                let mut session = state.session(record, &ctx);
                // Other devices' tokens are theirs alone.
                session.last_active_token = None;
                wire::ActiveSession {
                    latest_activity: Some(wire::SessionActivity {
                        object: "session_activity".into(),
                        id: format!("sess_activity_{}", record.id.trim_start_matches("sess_")),
                        device_type: record.activity.device_type.clone(),
                        is_mobile: record.activity.is_mobile,
                        browser_name: record.activity.browser_name.clone(),
                        browser_version: record.activity.browser_version.clone(),
                        ip_address: record.activity.ip_address.clone(),
                        city: None,
                        country: None,
                    }),
                    session,
                }
            })
            .collect(),
    ))
}

/// Signs the user out of one of their sessions, on this or another device.
pub async fn revoke_session(
    State(state): State<AppState>,
    ctx: RequestContext,
    SessionIdPath(id): SessionIdPath,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Session>>> {
    let me = me_session(&state, &ctx).await?;
    let lookup = id.clone();
    let transition = state
        .db(move |s| {
            s.end_session(
                &lookup,
                SessionScope::User(&me.user.id),
                SessionStatus::Revoked,
                now_ms(),
            )
        })
        .await??;
    let session = settle(transition, &id)?;
    audit::record(
        "session.revoked",
        ctx.activity.ip_address.as_deref(),
        Some(&session.user.id),
        Some(&session.id),
    );
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, state.session(&session, &ctx), client))
}
