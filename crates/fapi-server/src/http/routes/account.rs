//! The signed-in user's own account: `PATCH /v1/me` (names) and
//! `POST /v1/me/change_password`, as Clerk's `user.update` and
//! `user.updatePassword`.

use axum::extract::State;
use fapi_types::{self as wire, codes, Envelope};

use super::guesses::{hashing_slot, wrong_password, ThrottleKeys};
use super::me_session;
use crate::error::{ApiError, ApiResult};
use crate::http::cookie_client::{write_then_view, CookieClient};
use crate::http::extract::{FormBody, RequestContext};
use crate::http::render;
use crate::http::respond::{with_client, Json};
use crate::password::{hash_password, refuse_new_password, verify_password};
use crate::store::{NameChange, StoreError};
use crate::{audit, now_ms, AppState};

/// The longest first or last name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 256;

/// A name field of the form: absent leaves the name, blank clears it.
fn name_field(form: &FormBody, key: &str) -> ApiResult<Option<Option<String>>> {
    let Some(value) = form.get(key) else {
        return Ok(None);
    };
    let value = value.trim();
    if value.is_empty() {
        return Ok(Some(None));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::form_field(
            codes::FORM_PARAM_FORMAT_INVALID,
            key,
            format!("{key} must be {MAX_NAME_CHARS} characters or fewer."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::form_field(
            codes::FORM_PARAM_FORMAT_INVALID,
            key,
            format!("{key} must not contain control characters."),
        ));
    }
    Ok(Some(Some(value.to_string())))
}

/// `PATCH /v1/me`: the user's first and last name.
pub async fn update_me(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    form: FormBody,
) -> ApiResult<Json<Envelope<wire::User>>> {
    let me = me_session(&ctx, client.as_ref())?;
    let change = NameChange {
        first_name: name_field(&form, "first_name")?,
        last_name: name_field(&form, "last_name")?,
    };
    let user_id = me.user.id.clone();
    let (user, after) = write_then_view(&state, me.client_id.clone(), move |store, _, now| {
        store.update_user(&user_id, &change, now)
    })
    .await?;
    let user = user.ok_or_else(|| ApiError::unauthenticated("The user no longer exists."))?;
    Ok(with_client(
        &state,
        &ctx,
        render::user(&user),
        after.as_ref(),
    ))
}

/// What `sign_out_of_other_sessions` may be.
fn flag(form: &FormBody, key: &str) -> ApiResult<bool> {
    match form.text(key) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::param_invalid(
            key,
            format!("`{key}` must be true or false, not `{other}`."),
        )),
    }
}

/// Why a change did not happen, decided inside the blocking trip.
enum Refused {
    WrongPassword,
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(error: StoreError) -> Refused {
        Refused::Store(error)
    }
}

/// `POST /v1/me/change_password`: the current password, the new one, and
/// whether every other session of the user (on every device) ends with it.
/// The session making the request always stays signed in. A wrong current
/// password changes nothing and counts as a failed guess.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: RequestContext,
    CookieClient(client): CookieClient,
    form: FormBody,
) -> ApiResult<Json<Envelope<wire::User>>> {
    let me = me_session(&ctx, client.as_ref())?;
    let required = |key: &str| {
        form.get(key)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .ok_or_else(|| ApiError::param_missing(key))
    };
    let current = required("current_password")?;
    let new = required("new_password")?;
    let sign_out_others = flag(&form, "sign_out_of_other_sessions")?;
    let user = &me.user;
    let mut identifiers: Vec<&str> = user
        .emails
        .iter()
        .map(|e| e.email_address.as_str())
        .collect();
    identifiers.extend(user.first_name.as_deref());
    identifiers.extend(user.last_name.as_deref());
    if let Some((code, message)) = refuse_new_password(&new, &identifiers) {
        return Err(ApiError::form_field(code, "new_password", message));
    }
    let keys = ThrottleKeys {
        identifier: user
            .primary_email()
            .map_or_else(|| user.id.clone(), |e| e.email_address.to_lowercase()),
        address: ctx.activity.ip_address.clone().unwrap_or_default(),
    };
    keys.refuse_when_throttled(&state)?;
    let _slot = hashing_slot(&state).await?;
    let (user_id, keep, client_id) = (user.id.clone(), me.id.clone(), me.client_id.clone());
    let outcome = state
        .db(move |store| -> Result<_, Refused> {
            let now = now_ms();
            let stored = store.password_hash(&user_id)?;
            if !stored.is_some_and(|hash| verify_password(&current, &hash)) {
                return Err(Refused::WrongPassword);
            }
            let keep_only = sign_out_others.then_some(keep.as_str());
            let (ended, user) =
                store.change_password(&user_id, &hash_password(&new), keep_only, now)?;
            Ok((ended, user, store.client_view(&client_id, now)?))
        })
        .await?;
    drop(_slot);
    let ip = ctx.activity.ip_address.as_deref();
    let (ended, user, after) = match outcome {
        Ok(done) => done,
        Err(Refused::Store(error)) => return Err(error.into()),
        Err(Refused::WrongPassword) => {
            keys.record_failure(&state);
            audit::record(
                "password.change_refused",
                ip,
                Some(&me.user.id),
                Some(&me.id),
            );
            return Err(wrong_password("current_password"));
        }
    };
    audit::record("password.changed", ip, Some(&user.id), Some(&me.id));
    for id in &ended {
        audit::record("session.revoked", ip, Some(&user.id), Some(id));
    }
    Ok(with_client(
        &state,
        &ctx,
        render::user(&user),
        after.as_ref(),
    ))
}
