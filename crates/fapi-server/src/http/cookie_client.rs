//! The client the request's `__client` cookie names, resolved once per
//! request.
//!
//! Every Frontend API route acts for one browser's client and answers with
//! that client's state. So the cookie is resolved here, once, in one
//! blocking trip together with the client's signed-in sessions; a route
//! that then writes re-reads the client by id in the same trip as its write
//! ([`write_then_view`]), instead of resolving the cookie again.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::extract::{cookie, CLIENT_COOKIE};
use crate::error::{ApiError, ApiResult};
use crate::ids::hash_client_token;
use crate::store::{ClientView, Store};
use crate::{now_ms, AppState};

/// The cookie's client with its signed-in sessions; `None` without a
/// cookie, or when it names no client (any more).
pub struct CookieClient(pub Option<ClientView>);

impl FromRequestParts<AppState> for CookieClient {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<CookieClient> {
        let token = cookie(&parts.headers, CLIENT_COOKIE);
        CookieClient::load(state, token.as_deref()).await
    }
}

impl CookieClient {
    /// What the extractor does, for a handler that must first decide
    /// whether to look at all (a sign-in: only after the guess check, so a
    /// flood of refused guesses costs no storage trip).
    pub async fn load(state: &AppState, token: Option<&str>) -> ApiResult<CookieClient> {
        let Some(token) = token else {
            return Ok(CookieClient(None));
        };
        let hash = hash_client_token(token);
        let view = state
            .db(move |s| s.find_client_view(&hash, now_ms()))
            .await??;
        Ok(CookieClient(view))
    }
}

/// Runs `write` (given the store, `client_id` and the time) and, when it
/// succeeds, reads client `client_id` as it now is, in one blocking trip:
/// the answer and the piggybacked client.
pub async fn write_then_view<T, E>(
    state: &AppState,
    client_id: String,
    write: impl FnOnce(&dyn Store, &str, i64) -> Result<T, E> + Send + 'static,
) -> ApiResult<(T, Option<ClientView>)>
where
    T: Send + 'static,
    E: Send + 'static,
    ApiError: From<E>,
{
    let (written, view) = state
        .db(move |store| {
            let now = now_ms();
            let written = write(store, &client_id, now);
            let view = match written {
                Ok(_) => store.client_view(&client_id, now),
                Err(_) => Ok(None),
            };
            (written, view)
        })
        .await?;
    Ok((written?, view?))
}
