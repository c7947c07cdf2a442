//! What every route answers with: a JSON body with its cookies, Clerk's
//! `{response, client}` envelope with the piggybacked client, and the
//! `__client` / `__client_uat` cookies.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fapi_types::{self as wire, Envelope};
use serde::Serialize;

use super::extract::{RequestContext, CLIENT_COOKIE};
use super::render;
use crate::store::ClientView;
use crate::AppState;

/// A JSON response with the cookies it must set.
pub struct Json<T> {
    pub status: StatusCode,
    pub body: T,
    pub cookies: Vec<String>,
}

impl<T: Serialize> Json<T> {
    pub fn ok(body: T) -> Json<T> {
        Json {
            status: StatusCode::OK,
            body,
            cookies: Vec::new(),
        }
    }

    pub fn cookies(mut self, cookies: impl IntoIterator<Item = String>) -> Json<T> {
        self.cookies.extend(cookies);
        self
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        let body = match serde_json::to_vec(&self.body) {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "response failed to serialise");
                return crate::ApiError::internal().into_response();
            }
        };
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        for cookie in self.cookies {
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                headers.append(header::SET_COOKIE, value);
            }
        }
        response
    }
}

fn secure_attr(ctx: &RequestContext) -> &'static str {
    if ctx.secure {
        "; Secure"
    } else {
        ""
    }
}

pub fn set_client_cookie(ctx: &RequestContext, token: &str, max_age_secs: u64) -> String {
    format!(
        "{CLIENT_COOKIE}={token}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{}",
        secure_attr(ctx)
    )
}

pub fn clear_client_cookie(ctx: &RequestContext) -> String {
    format!(
        "{CLIENT_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        secure_attr(ctx)
    )
}

/// `__client_uat`: seconds of the client's last update while signed in,
/// `0` when signed out. Readable by scripts, as Clerk's is.
pub fn client_uat_cookie(ctx: &RequestContext, client: Option<&wire::Client>) -> String {
    let seconds = client
        .filter(|c| c.signed_in_sessions().next().is_some())
        .map(|c| c.updated_at / 1000)
        .unwrap_or(0);
    format!(
        "__client_uat={seconds}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        secure_attr(ctx)
    )
}

/// `{response, client}` with the `__client_uat` cookie kept in step, and a
/// `__client` cookie that names no client any more cleared.
pub fn envelope<T: Serialize>(
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

/// The envelope around `response` with the client as it now is.
pub fn with_client<T: Serialize>(
    state: &AppState,
    ctx: &RequestContext,
    response: T,
    client: Option<&ClientView>,
) -> Json<Envelope<T>> {
    let client = client.map(|view| render::client(&state.signing_key, view, ctx));
    envelope(ctx, response, client)
}
