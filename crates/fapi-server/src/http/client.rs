//! The environment, the client, and signing out of a whole client.

use axum::extract::State;
use fapi_types::{self as wire, Envelope, SessionStatus};
use serde_json::json;

use super::context::{FormBody, RequestContext};
use super::render::{clear_client_cookie, client_uat_cookie, Json};
use crate::error::{ApiError, ApiResult};
use crate::ids::hash_client_token;
use crate::store::{ClientRecord, SessionRecord};
use crate::{audit, now_ms, AppState};

fn absolute(ctx: &RequestContext, path: &str) -> String {
    if path.starts_with('/') {
        format!("{}{path}", ctx.own_origin)
    } else {
        path.to_string()
    }
}

pub async fn environment(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Json<wire::Environment> {
    let config = &state.config;
    let paths = &config.display_paths;
    Json::ok(wire::Environment {
        auth_config: wire::AuthConfig {
            object: "auth_config".into(),
            id: "aac_fapi_server".into(),
            single_session_mode: config.single_session_mode,
            claimed_at: None,
            reverification: false,
        },
        display_config: wire::DisplayConfig {
            object: "display_config".into(),
            id: "display_config_fapi_server".into(),
            instance_environment_type: "development".into(),
            application_name: config.application_name.clone(),
            home_url: absolute(&ctx, &paths.home),
            sign_in_url: absolute(&ctx, &paths.sign_in),
            sign_up_url: absolute(&ctx, &paths.sign_up),
            user_profile_url: absolute(&ctx, &paths.user_profile),
            after_sign_in_url: absolute(&ctx, &paths.after_sign_in),
            after_sign_up_url: absolute(&ctx, &paths.after_sign_in),
            after_sign_out_one_url: absolute(&ctx, &paths.after_sign_out_one),
            after_sign_out_all_url: absolute(&ctx, &paths.after_sign_out_all),
            after_switch_session_url: absolute(&ctx, &paths.after_switch_session),
            branded: false,
        },
        user_settings: json!({
            "attributes": {
                "email_address": {
                    "enabled": true, "required": true, "used_for_first_factor": true,
                    "first_factors": ["password"], "verifications": [], "verify_at_sign_up": false
                },
                "password": { "enabled": true, "required": true },
                "username": { "enabled": false, "required": false },
                "phone_number": { "enabled": false, "required": false }
            },
            "sign_in": { "second_factor": { "required": false } },
            "sign_up": { "mode": "restricted" },
            "password_settings": { "min_length": 8 }
        }),
        organization_settings: json!({ "enabled": false, "max_allowed_memberships": 0 }),
        maintenance_mode: false,
        client_debug_mode: false,
    })
}

pub async fn jwks(State(state): State<AppState>) -> Json<wire::Jwks> {
    Json::ok(state.signing_key.jwks())
}

/// The client this request's `__client` cookie names, if it still exists.
pub(super) async fn cookie_client(
    state: &AppState,
    ctx: &RequestContext,
) -> ApiResult<Option<ClientRecord>> {
    let Some(token) = &ctx.client_token else {
        return Ok(None);
    };
    let hash = hash_client_token(token);
    Ok(state.db(move |s| s.find_client(&hash, now_ms())).await??)
}

/// The cookie's client with its signed-in sessions, as sent back on every
/// response ("piggybacking").
pub(super) async fn client_payload(
    state: &AppState,
    ctx: &RequestContext,
) -> ApiResult<Option<wire::Client>> {
    let Some(record) = cookie_client(state, ctx).await? else {
        return Ok(None);
    };
    let id = record.id.clone();
    let sessions = state
        .db(move |s| s.client_sessions(&id, now_ms()))
        .await??;
    Ok(Some(state.client(&record, &sessions, ctx)))
}

/// `{response, client}` with the `__client_uat` cookie kept in step, and a
/// `__client` cookie that names no client any more cleared.
pub(super) fn envelope<T: serde::Serialize>(
    ctx: &RequestContext,
    response: T,
    client: Option<wire::Client>,
) -> Json<Envelope<T>> {
    let mut cookies = vec![client_uat_cookie(ctx, client.as_ref())];
    if client.is_none() && ctx.client_token.is_some() {
        cookies.push(clear_client_cookie(ctx));
    }
    Json::ok(Envelope { response, client }).cookies(cookies)
}

pub async fn get_client(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> ApiResult<Json<Envelope<Option<wire::Client>>>> {
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, client.clone(), client))
}

/// The client's signed-in sessions (who a sign-out concerns, for the audit log).
async fn signed_in_sessions(state: &AppState, client_id: &str) -> ApiResult<Vec<SessionRecord>> {
    let id = client_id.to_string();
    Ok(state
        .db(move |s| s.client_sessions(&id, now_ms()))
        .await??)
}

fn audit_sign_outs(event: &'static str, ctx: &RequestContext, sessions: &[SessionRecord]) {
    for session in sessions {
        audit::record(
            event,
            ctx.activity.ip_address.as_deref(),
            Some(&session.user.id),
            Some(&session.id),
        );
    }
}

/// `DELETE /v1/client/sessions`: the default `signOut()`. Every session of
/// this browser is removed; the cookie stays, other browsers are untouched.
pub async fn remove_all_sessions(
    State(state): State<AppState>,
    ctx: RequestContext,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Client>>> {
    let record = cookie_client(&state, &ctx)
        .await?
        .ok_or_else(ApiError::client_not_found)?;
    let ending = signed_in_sessions(&state, &record.id).await?;
    state
        .db(move |s| s.end_client_sessions(&record.id, SessionStatus::Removed, now_ms()))
        .await??;
    audit_sign_outs("sign_out.session_removed", &ctx, &ending);
    let client = client_payload(&state, &ctx)
        .await?
        .ok_or_else(ApiError::client_not_found)?;
    Ok(envelope(&ctx, client.clone(), Some(client)))
}

/// `DELETE /v1/client`: ends every session and forgets this browser.
pub async fn delete_client(
    State(state): State<AppState>,
    ctx: RequestContext,
    _form: FormBody,
) -> ApiResult<Json<Envelope<wire::Client>>> {
    let record = cookie_client(&state, &ctx)
        .await?
        .ok_or_else(ApiError::client_not_found)?;
    let now = now_ms();
    let id = record.id.clone();
    let ending = signed_in_sessions(&state, &id).await?;
    state.db(move |s| s.delete_client(&id, now)).await??;
    audit_sign_outs("sign_out.session_ended", &ctx, &ending);
    let ended = ClientRecord {
        last_active_session_id: None,
        updated_at: now,
        ..record
    };
    let response = state.client(&ended, &[], &ctx);
    Ok(Json::ok(Envelope {
        response,
        client: None,
    })
    .cookies([clear_client_cookie(&ctx), client_uat_cookie(&ctx, None)]))
}
