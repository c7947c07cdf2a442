//! `/v1/client`: the browser's client, and signing out of all of it.

use axum::extract::State;
use fapi_types::{self as wire, Envelope, SessionStatus};

use super::audit_sessions;
use crate::error::{ApiError, ApiResult};
use crate::http::cookie_client::{write_then_view, CookieClient};
use crate::http::extract::{FormBody, RequestContext};
use crate::http::render;
use crate::http::respond::{clear_client_cookie, client_uat_cookie, with_client, Json};
use crate::store::{ClientRecord, ClientView};
use crate::AppState;

pub async fn get_client(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
) -> ApiResult<Json<Envelope<Option<wire::Client>>>> {
    let rendered = client
        .as_ref()
        .map(|view| render::client(&state.signing_key, view, &ctx));
    Ok(with_client(&state, &ctx, rendered, client.as_ref()))
}

/// `DELETE /v1/client/sessions`: the default `signOut()`. Every session of
/// this browser is removed; the cookie stays, other browsers are untouched.
pub async fn remove_all_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Client>>> {
    let before = client.ok_or_else(ApiError::client_not_found)?;
    let id = before.record.id.clone();
    let (ended, after) = write_then_view(&state, id, |store, id, now| {
        store.end_client_sessions(id, SessionStatus::Removed, now)
    })
    .await?;
    let ended = before.sessions.iter().filter(|s| ended.contains(&s.id));
    audit_sessions("sign_out.session_removed", &ctx, ended);
    let after = after.ok_or_else(ApiError::client_not_found)?;
    let response = render::client(&state.signing_key, &after, &ctx);
    Ok(with_client(&state, &ctx, response, Some(&after)))
}

/// `DELETE /v1/client`: ends every session and forgets this browser.
pub async fn delete_client(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Client>>> {
    let before = client.ok_or_else(ApiError::client_not_found)?;
    let id = before.record.id.clone();
    let now = crate::now_ms();
    state.db(move |s| s.delete_client(&id, now)).await??;
    audit_sessions("sign_out.session_ended", &ctx, &before.sessions);
    let ended = ClientView {
        record: ClientRecord {
            last_active_session_id: None,
            updated_at: now,
            ..before.record
        },
        sessions: Vec::new(),
    };
    let response = render::client(&state.signing_key, &ended, &ctx);
    Ok(Json::ok(Envelope {
        response,
        client: None,
    })
    .cookies([clear_client_cookie(&ctx), client_uat_cookie(&ctx, None)]))
}
