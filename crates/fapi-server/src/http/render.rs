//! Stored records as wire resources: plain functions from a record (and,
//! for what carries a token, the signing key and the request) to the
//! `fapi_types` value the browser receives.

use fapi_types as wire;
use serde_json::json;

use super::extract::RequestContext;
use crate::jwt::{self, SigningKey};
use crate::now_ms;
use crate::store::{ClientView, SessionRecord, UserRecord};

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

/// A fresh session JWT for a signed-in session.
pub fn token(key: &SigningKey, session: &SessionRecord, ctx: &RequestContext) -> wire::Token {
    let claims = jwt::session_claims(
        &session.id,
        &session.user.id,
        &ctx.own_origin,
        ctx.origin.as_deref(),
        now_ms(),
    );
    wire::Token::new(key.sign(&claims))
}

/// A session as the wire shows it; signed-in ones carry a fresh token in
/// `last_active_token`, which clients read instead of calling `/tokens`.
pub fn session(key: &SigningKey, record: &SessionRecord, ctx: &RequestContext) -> wire::Session {
    let token = record
        .status
        .is_signed_in()
        .then(|| token(key, record, ctx));
    session_with_token(record, token)
}

fn session_with_token(record: &SessionRecord, token: Option<wire::Token>) -> wire::Session {
    wire::Session {
        object: "session".into(),
        id: record.id.clone(),
        status: record.status,
        expire_at: record.expire_at,
        abandon_at: record.abandon_at,
        last_active_at: record.last_active_at,
        last_active_token: token,
        last_active_organization_id: None,
        actor: None,
        user: Some(user(&record.user)),
        public_user_data: Some(public_user_data(&record.user)),
        factor_verification_age: Some(vec![0, -1]),
        created_at: record.created_at,
        updated_at: record.updated_at,
    }
}

pub fn client(key: &SigningKey, view: &ClientView, ctx: &RequestContext) -> wire::Client {
    let record = &view.record;
    wire::Client {
        object: "client".into(),
        id: record.id.clone(),
        sessions: view.sessions.iter().map(|s| session(key, s, ctx)).collect(),
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

/// An entry of `GET /v1/me/sessions/active`: the session with where it was
/// last used. Other devices' tokens are theirs alone: none is included.
pub fn active_session(record: &SessionRecord) -> wire::ActiveSession {
    let session = session_with_token(record, None);
    let activity = &record.activity;
    wire::ActiveSession {
        latest_activity: Some(wire::SessionActivity {
            object: "session_activity".into(),
            id: format!("sess_activity_{}", record.id.trim_start_matches("sess_")),
            device_type: activity.device_type.clone(),
            is_mobile: activity.is_mobile,
            browser_name: activity.browser_name.clone(),
            browser_version: activity.browser_version.clone(),
            ip_address: activity.ip_address.clone(),
            city: None,
            country: None,
        }),
        session,
    }
}

/// The attempt of a password sign-in that completed in one request.
pub fn completed_sign_in(identifier: String, session: &SessionRecord) -> wire::SignIn {
    wire::SignIn {
        object: "sign_in_attempt".into(),
        id: crate::ids::new_id("sia"),
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
        user_data: Some(public_user_data(&session.user)),
        created_session_id: Some(session.id.clone()),
        abandon_at: session.abandon_at,
    }
}
