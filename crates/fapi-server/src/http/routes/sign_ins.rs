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

use axum::extract::State;
use fapi_types::{self as wire, codes, Envelope};

use super::guesses::{hashing_slot, wrong_password, ThrottleKeys};
use crate::error::{ApiError, ApiResult};
use crate::http::cookie_client::{write_then_view, CookieClient};
use crate::http::extract::{FormBody, RequestContext};
use crate::http::render;
use crate::http::respond::{set_client_cookie, with_client, Json};
use crate::ids::{hash_client_token, new_client_token};
use crate::password::{burn_verification_time, verify_password};
use crate::store::{ClientView, NewSession, UserRecord};
use crate::{audit, now_ms, AppState};

pub async fn create_sign_in(
    State(state): State<AppState>,
    mut ctx: RequestContext,
    form: FormBody,
) -> ApiResult<Json<Envelope<wire::SignIn>>> {
    let (identifier, password) = read_form(&form)?;
    let keys = ThrottleKeys {
        identifier: identifier.trim().to_lowercase(),
        address: ctx.activity.ip_address.clone().unwrap_or_default(),
    };
    keys.refuse_when_throttled(&state)?;
    let user = verify(&state, &keys, &identifier, password).await?;
    let CookieClient(client) = CookieClient::load(&state, ctx.client_token.as_deref()).await?;
    let (session_id, token, client) = start_session(&state, &ctx, client, &user).await?;
    audit::record(
        "sign_in.succeeded",
        Some(&keys.address),
        Some(&user.id),
        Some(&session_id),
    );
    // From now on the browser holds the new token, and so does this request.
    let cookie = set_client_cookie(&ctx, &token, state.config.client_lifetime.as_secs());
    ctx.client_token = Some(token);
    let session = client
        .as_ref()
        .and_then(|c| c.sessions.iter().find(|s| s.id == session_id))
        .ok_or_else(ApiError::internal)?;
    let attempt = render::completed_sign_in(identifier, session);
    Ok(with_client(&state, &ctx, attempt, client.as_ref()).cookies([cookie]))
}

/// The identifier and the password; `strategy`, when sent, must be `password`.
fn read_form(form: &FormBody) -> ApiResult<(String, String)> {
    let identifier = form
        .text("identifier")
        .ok_or_else(|| ApiError::param_missing("identifier"))?;
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
        .ok_or_else(|| ApiError::param_missing("password"))?;
    Ok((identifier.to_string(), password.to_string()))
}

/// The user whose password this is, checked a few at a time; a failure is
/// counted and answered with the form error clerk-js shows.
async fn verify(
    state: &AppState,
    keys: &ThrottleKeys,
    identifier: &str,
    password: String,
) -> ApiResult<UserRecord> {
    let lookup = identifier.to_string();
    let user = state.db(move |s| s.find_user_by_email(&lookup)).await??;
    let _slot = hashing_slot(state).await?;
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
    checked.map_err(|code| {
        keys.record_failure(state);
        let unknown = code == codes::FORM_IDENTIFIER_NOT_FOUND;
        let event = if unknown {
            "sign_in.failed.unknown_identifier"
        } else {
            "sign_in.failed.wrong_password"
        };
        audit::record(event, Some(&keys.address), None, None);
        if unknown {
            ApiError::form_field(code, "identifier", "Couldn't find your account.")
        } else {
            wrong_password("password")
        }
    })
}

/// Starts the session on the browser's client (whose token this sign-in
/// replaces), or on a new client. The session's id, the client's new
/// token, and the client as it now is.
async fn start_session(
    state: &AppState,
    ctx: &RequestContext,
    client: Option<ClientView>,
    user: &UserRecord,
) -> ApiResult<(String, String, Option<ClientView>)> {
    let token = new_client_token();
    let hash = hash_client_token(&token);
    let now = now_ms();
    let config = &state.config;
    let (client_id, rotate_token_hash) = match client {
        Some(client) => (client.record.id, Some(hash)),
        None => {
            let expires = now + config.client_lifetime.as_millis() as i64;
            let created = state
                .db(move |s| s.create_client(&hash, now, expires))
                .await??;
            (created.id, None)
        }
    };
    let new_session = NewSession {
        user_id: user.id.clone(),
        activity: ctx.activity.clone(),
        expire_at: now + config.session_lifetime.as_millis() as i64,
        abandon_at: now + 2 * config.session_lifetime.as_millis() as i64,
        rotate_token_hash,
    };
    let single = config.single_session_mode;
    let (session, client) = write_then_view(state, client_id, move |store, client_id, now| {
        store.start_session(client_id, &new_session, single, now)
    })
    .await?;
    Ok((session.id, token, client))
}
