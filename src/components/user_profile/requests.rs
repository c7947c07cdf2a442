//! The panel's requests, each one call of the core's `account_request`
//! (which adds the session, applies the piggybacked client, and re-reads
//! the client after a 4xx).

use crate::clerk::Clerk;
use crate::error::ClerkError;
use crate::fapi::{FapiRequest, Verb};

use super::account_data::{devices, Device};

/// The user's signed-in sessions on every device.
pub async fn load_devices(clerk: &Clerk) -> Result<Vec<Device>, ClerkError> {
    let request = FapiRequest::new(Verb::Get, "/v1/me/sessions/active");
    Ok(devices(&clerk.account_request(request).await?))
}

/// Signs the user out of another device.
pub async fn revoke(clerk: &Clerk, session_id: &str) -> Result<(), ClerkError> {
    let id = String::from(js_sys::encode_uri_component(session_id));
    let request = FapiRequest::new(Verb::Post, format!("/v1/me/sessions/{id}/revoke"));
    clerk.account_request(request).await.map(drop)
}

/// Signs the user out of every other device; the devices left.
pub async fn revoke_others(clerk: &Clerk) -> Result<Vec<Device>, ClerkError> {
    let request = FapiRequest::new(Verb::Post, "/v1/me/sessions/revoke_others");
    Ok(devices(&clerk.account_request(request).await?))
}

pub async fn save_names(clerk: &Clerk, first: &str, last: &str) -> Result<(), ClerkError> {
    let request = FapiRequest::new(Verb::Patch, "/v1/me")
        .form("first_name", first)
        .form("last_name", last);
    clerk.account_request(request).await.map(drop)
}

pub async fn change_password(
    clerk: &Clerk,
    current: &str,
    new: &str,
    sign_out_others: bool,
) -> Result<(), ClerkError> {
    let request = FapiRequest::new(Verb::Post, "/v1/me/change_password")
        .form("current_password", current)
        .form("new_password", new)
        .form(
            "sign_out_of_other_sessions",
            if sign_out_others { "true" } else { "false" },
        );
    clerk.account_request(request).await.map(drop)
}
