//! `/v1/me`: the signed-in user, their sessions on every device, and
//! signing one of them out from here.

use axum::extract::State;
use fapi_types::{self as wire, Envelope, SessionStatus};

use super::{me_session, session_reply};
use crate::error::ApiResult;
use crate::http::cookie_client::{write_then_view, CookieClient};
use crate::http::extract::{FormBody, RequestContext, SessionIdPath};
use crate::http::render;
use crate::http::respond::{with_client, Json};
use crate::store::SessionScope;
use crate::{audit, now_ms, AppState};

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
    session_reply(
        &state,
        &ctx,
        transition,
        &id,
        Some("session.revoked"),
        after.as_ref(),
    )
}

/// `POST /v1/me/sessions/revoke_others` (ours; Clerk has no such call):
/// signs the user out of every other device in one transaction, keeping the
/// session making the request. Answers with the sessions left.
pub async fn revoke_other_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    _form: FormBody,
) -> ApiResult<Json<Envelope<Vec<wire::ActiveSession>>>> {
    let me = me_session(&ctx, client.as_ref())?;
    let (user_id, keep) = (me.user.id.clone(), me.id.clone());
    let ((ended, left), after) =
        write_then_view(&state, me.client_id.clone(), move |store, _, now| {
            let ended = store.revoke_other_sessions(&user_id, &keep, now)?;
            let left = store.user_sessions(&user_id, now)?;
            Ok::<_, crate::store::StoreError>((ended, left))
        })
        .await?;
    for id in &ended {
        audit::record(
            "session.revoked",
            ctx.activity.ip_address.as_deref(),
            Some(&me.user.id),
            Some(id),
        );
    }
    let left = left.iter().map(render::active_session).collect();
    Ok(with_client(&state, &ctx, left, after.as_ref()))
}
