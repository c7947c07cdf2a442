//! `POST /v1/client/sign_ins`: password sign-in, complete in one request.
//!
//! It is the one endpoint an attacker can use to guess passwords and to
//! make the server spend memory and CPU, so it is guarded in this order:
//! failed attempts are counted per identifier and per client address, and
//! past their limit every attempt (the right password too) gets 429 until
//! the window passes; password hashes run a few at a time, and a full queue
//! gets 429 at once. A successful sign-in rotates the client's token, so a
//! `__client` value planted in the browser beforehand (session fixation)
//! holds nothing.

use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use fapi_types::{self as wire, codes, Envelope};
use serde_json::json;

use super::client::{client_payload, cookie_client, envelope};
use super::context::{FormBody, RequestContext};
use super::render::{self, set_client_cookie, Json};
use crate::error::{ApiError, ApiResult};
use crate::ids::{hash_client_token, new_client_token, new_id};
use crate::password::{burn_verification_time, verify_password};
use crate::store::NewSession;
use crate::{audit, now_ms, AppState};

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

    let guards = &state.sign_in_guards;
    let identifier_key = identifier.trim().to_lowercase();
    let address_key = ctx.activity.ip_address.clone().unwrap_or_default();
    let refused = guards
        .per_identifier
        .retry_after(&identifier_key, Instant::now())
        .max(guards.per_address.retry_after(&address_key, Instant::now()));
    if let Some(wait) = refused {
        audit::record("sign_in.throttled", Some(&address_key), None, None);
        return Err(ApiError::too_many_requests(
            wait,
            "Too many failed sign-in attempts for this account or from this address. Try again later.",
        ));
    }

    let lookup = identifier.clone();
    let user = state.db(move |s| s.find_user_by_email(&lookup)).await??;
    let _permit = guards.hashing.enter().await.map_err(|_| {
        ApiError::too_many_requests(
            std::time::Duration::from_secs(1),
            "The server is busy checking other sign-ins. Try again in a moment.",
        )
    })?;
    let checked = state
        .db(move |_| match user {
            Some((user, Some(hash))) if verify_password(&password, &hash) => Ok(user),
            Some(_) => Err(codes::FORM_PASSWORD_INCORRECT),
            None => {
                // Unknown identifiers cost the same, so timing does not
                // tell which email addresses have accounts.
                burn_verification_time(&password);
                Err(codes::FORM_IDENTIFIER_NOT_FOUND)
            }
        })
        .await?;
    drop(_permit);
    let user = match checked {
        Ok(user) => user,
        Err(code) => {
            let now = Instant::now();
            guards.per_identifier.record(&identifier_key, now);
            guards.per_address.record(&address_key, now);
            let event = if code == codes::FORM_IDENTIFIER_NOT_FOUND {
                "sign_in.failed.unknown_identifier"
            } else {
                "sign_in.failed.wrong_password"
            };
            audit::record(event, Some(&address_key), None, None);
            return Err(if code == codes::FORM_IDENTIFIER_NOT_FOUND {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    code,
                    "Couldn't find your account.",
                )
                .meta(json!({ "param_name": "identifier" }))
            } else {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    code,
                    "Password is incorrect. Try again, or use another method.",
                )
                .meta(json!({ "param_name": "password" }))
            });
        }
    };

    let mut ctx = ctx;
    let mut cookies = Vec::new();
    let now = now_ms();
    let lifetime = state.config.client_lifetime;
    // The browser's client, whose token is replaced by this sign-in; or a
    // new client, whose token is fresh anyway.
    let (client, fresh_token, rotate_token_hash) = match cookie_client(&state, &ctx).await? {
        Some(client) => {
            let token = new_client_token();
            let hash = hash_client_token(&token);
            (client, token, Some(hash))
        }
        None => {
            let token = new_client_token();
            let hash = hash_client_token(&token);
            let client = state
                .db(move |s| s.create_client(&hash, now, now + lifetime.as_millis() as i64))
                .await??;
            (client, token, None)
        }
    };

    let new_session = NewSession {
        user_id: user.id.clone(),
        activity: ctx.activity.clone(),
        expire_at: now + state.config.session_lifetime.as_millis() as i64,
        abandon_at: now + 2 * state.config.session_lifetime.as_millis() as i64,
        rotate_token_hash,
    };
    let single = state.config.single_session_mode;
    let client_id = client.id.clone();
    let session = state
        .db(move |s| s.start_session(&client_id, &new_session, single, now))
        .await??;
    audit::record(
        "sign_in.succeeded",
        Some(&address_key),
        Some(&user.id),
        Some(&session.id),
    );
    // From now on the browser holds the new token, and so does this request.
    cookies.push(set_client_cookie(&ctx, &fresh_token, lifetime.as_secs()));
    ctx.client_token = Some(fresh_token);

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
