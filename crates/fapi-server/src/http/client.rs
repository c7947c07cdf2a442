//! The environment, the client, sign-in, and signing out of a whole client.

use axum::extract::State;
use axum::http::StatusCode;
use fapi_types::{self as wire, codes, Envelope, SessionStatus};
use serde_json::json;

use super::context::{FormBody, RequestContext};
use super::render::{self, clear_client_cookie, client_uat_cookie, set_client_cookie, Json};
use crate::error::{ApiError, ApiResult};
use crate::ids::{hash_client_token, new_client_token, new_id};
use crate::password::{burn_verification_time, verify_password};
use crate::store::{ClientRecord, NewSession, StartSessionError, UserRecord};
use crate::{now_ms, AppState};

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
    state
        .db(move |s| s.end_client_sessions(&record.id, SessionStatus::Removed, now_ms()))
        .await??;
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
    state.db(move |s| s.delete_client(&id, now)).await??;
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

enum Credentials {
    Valid(UserRecord),
    UnknownIdentifier,
    WrongPassword,
}

/// `POST /v1/client/sign_ins` with `identifier`, `password` and
/// `strategy=password`: a complete sign-in in one request.
pub async fn create_sign_in(
    State(state): State<AppState>,
    ctx: RequestContext,
    form: FormBody,
) -> ApiResult<Json<Envelope<wire::SignIn>>> {
    let identifier = form
        .text("identifier")
        .ok_or_else(|| ApiError::param_missing("identifier"))?
        .to_string();
    if let Some(strategy) = form.text("strategy") {
        if strategy != "password" {
            return Err(ApiError::param_invalid(
                "strategy",
                "This server supports only the `password` strategy.",
            ));
        }
    }
    let password = form
        .get("password")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::param_missing("password"))?
        .to_string();

    let lookup = identifier.clone();
    let credentials = state
        .db(move |s| {
            Ok::<_, crate::store::StoreError>(match s.find_user_by_email(&lookup)? {
                Some((user, Some(hash))) if verify_password(&password, &hash) => {
                    Credentials::Valid(user)
                }
                Some(_) => Credentials::WrongPassword,
                None => {
                    burn_verification_time(&password);
                    Credentials::UnknownIdentifier
                }
            })
        })
        .await??;
    let user = match credentials {
        Credentials::Valid(user) => user,
        Credentials::UnknownIdentifier => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::FORM_IDENTIFIER_NOT_FOUND,
                "Couldn't find your account.",
            )
            .meta(json!({ "param_name": "identifier" })))
        }
        Credentials::WrongPassword => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::FORM_PASSWORD_INCORRECT,
                "Password is incorrect. Try again, or use another method.",
            )
            .meta(json!({ "param_name": "password" })))
        }
    };

    let mut ctx = ctx;
    let mut cookies = Vec::new();
    let now = now_ms();
    let client = match cookie_client(&state, &ctx).await? {
        Some(client) => client,
        None => {
            let token = new_client_token();
            let lifetime = state.config.client_lifetime;
            let hash = hash_client_token(&token);
            let client = state
                .db(move |s| s.create_client(&hash, now, now + lifetime.as_millis() as i64))
                .await??;
            cookies.push(set_client_cookie(&ctx, &token, lifetime.as_secs()));
            // The rest of this request acts as the browser will from now on.
            ctx.client_token = Some(token);
            client
        }
    };

    let new_session = NewSession {
        user_id: user.id.clone(),
        activity: ctx.activity.clone(),
        expire_at: now + state.config.session_lifetime.as_millis() as i64,
        abandon_at: now + 2 * state.config.session_lifetime.as_millis() as i64,
    };
    let single = state.config.single_session_mode;
    let user_id = user.id.clone();
    let started = state
        .db(move |s| {
            let session = s.start_session(&client.id, &new_session, single, now)?;
            s.record_sign_in(&user_id, now)?;
            Ok::<_, StartSessionError>(session)
        })
        .await?;
    let session = match started {
        Ok(session) => session,
        Err(StartSessionError::SessionExists) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::SESSION_EXISTS,
                "You're already signed in",
            )
            .long("This application allows one signed-in account per browser: sign out first."))
        }
        Err(StartSessionError::AlreadySignedIn) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::IDENTIFIER_ALREADY_SIGNED_IN,
                "You're already signed in",
            )
            .long("This account is already signed in on this browser; switch to it instead.")
            .meta(json!({ "param_name": "identifier" })))
        }
        Err(StartSessionError::Store(e)) => return Err(e.into()),
    };

    let sign_in = wire::SignIn {
        object: "sign_in_attempt".into(),
        id: new_id("sia"),
        status: wire::SignInStatus::Complete,
        supported_identifiers: vec!["email_address".into()],
        supported_first_factors: vec![json!({ "strategy": "password" })],
        supported_second_factors: Vec::new(),
        first_factor_verification: Some(wire::Verification {
            status: "verified".into(),
            strategy: Some("password".into()),
            attempts: Some(1),
            expire_at: None,
        }),
        second_factor_verification: None,
        identifier: Some(identifier),
        user_data: Some(render::public_user_data(&session.user)),
        created_session_id: Some(session.id.clone()),
        abandon_at: session.abandon_at,
    };
    let client = client_payload(&state, &ctx).await?;
    Ok(envelope(&ctx, sign_in, client).cookies(cookies))
}
