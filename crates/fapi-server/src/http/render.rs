//! Stored records to wire resources, and the JSON responses that carry them.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fapi_types as wire;
use serde::Serialize;
use serde_json::json;

use super::context::{RequestContext, CLIENT_COOKIE};
use crate::store::{ClientRecord, SessionRecord, UserRecord};
use crate::{jwt, now_ms, AppState};

pub fn user(record: &UserRecord) -> wire::User {
    let image = record.image_url.clone().filter(|u| !u.is_empty());
    wire::User {
        object: "user".into(),
        id: record.id.clone(),
        username: record.username.clone(),
        first_name: record.first_name.clone(),
        last_name: record.last_name.clone(),
        has_image: image.is_some(),
        image_url: image.unwrap_or_default(),
        primary_email_address_id: record.primary_email().map(|e| e.id.clone()),
        primary_phone_number_id: None,
        password_enabled: true,
        two_factor_enabled: false,
        email_addresses: record
            .emails
            .iter()
            .map(|e| wire::EmailAddress {
                object: "email_address".into(),
                id: e.id.clone(),
                email_address: e.email_address.clone(),
                reserved: false,
                verification: Some(wire::Verification {
                    status: if e.verified { "verified" } else { "unverified" }.into(),
                    strategy: Some("admin".into()),
                    attempts: None,
                    expire_at: None,
                }),
                linked_to: Vec::new(),
                created_at: e.created_at,
                updated_at: e.updated_at,
            })
            .collect(),
        phone_numbers: Vec::new(),
        public_metadata: json!({}),
        unsafe_metadata: json!({}),
        last_sign_in_at: record.last_sign_in_at,
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

pub fn public_user_data(record: &UserRecord) -> wire::PublicUserData {
    let image = record.image_url.clone().filter(|u| !u.is_empty());
    wire::PublicUserData {
        first_name: record.first_name.clone(),
        last_name: record.last_name.clone(),
        has_image: image.is_some(),
        image_url: image.unwrap_or_default(),
        identifier: record
            .primary_email()
            .map(|e| e.email_address.clone())
            .or_else(|| record.username.clone())
            .unwrap_or_default(),
        user_id: Some(record.id.clone()),
        username: record.username.clone(),
    }
}

impl AppState {
    /// A fresh session JWT for a signed-in session.
    pub(crate) fn mint_token(&self, session: &SessionRecord, ctx: &RequestContext) -> wire::Token {
        let claims = jwt::session_claims(
            &session.id,
            &session.user.id,
            &ctx.own_origin,
            ctx.origin.as_deref(),
            now_ms(),
        );
        wire::Token::new(self.signing_key.sign(&claims))
    }

    /// A session as the wire shows it; signed-in ones carry a fresh token
    /// in `last_active_token`, which clients read instead of calling `/tokens`.
    pub(crate) fn session(&self, record: &SessionRecord, ctx: &RequestContext) -> wire::Session {
        wire::Session {
            object: "session".into(),
            id: record.id.clone(),
            status: record.status,
            expire_at: record.expire_at,
            abandon_at: record.abandon_at,
            last_active_at: record.last_active_at,
            last_active_token: record
                .status
                .is_signed_in()
                .then(|| self.mint_token(record, ctx)),
            last_active_organization_id: None,
            actor: None,
            user: Some(user(&record.user)),
            public_user_data: Some(public_user_data(&record.user)),
            factor_verification_age: Some(vec![0, -1]),
            created_at: record.created_at,
            updated_at: record.updated_at,
        }
    }

    pub(crate) fn client(
        &self,
        record: &ClientRecord,
        sessions: &[SessionRecord],
        ctx: &RequestContext,
    ) -> wire::Client {
        wire::Client {
            object: "client".into(),
            id: record.id.clone(),
            sessions: sessions.iter().map(|s| self.session(s, ctx)).collect(),
            sign_in: None,
            sign_up: None,
            last_active_session_id: record.last_active_session_id.clone(),
            last_authentication_strategy: None,
            cookie_expires_at: Some(record.cookie_expires_at),
            captcha_bypass: false,
            created_at: record.created_at,
            updated_at: record.updated_at,
        }
    }
}

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
