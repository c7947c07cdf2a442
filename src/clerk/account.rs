//! Requests about the signed-in user's own account (`/v1/me…`): what the
//! account panel reads and changes. The panel builds each request and reads
//! each answer itself; the core adds the session it acts for and takes the
//! client the answer carries, so every UserButton and `Clerk.user` show the
//! change at once.

use super::Clerk;
use crate::browser;
use crate::error::ClerkError;
use crate::fapi::{FapiRequest, Verb};
use crate::js_value::field;
use crate::resources::Client;
use futures::future::{FutureExt, LocalBoxFuture};
use wasm_bindgen::JsValue;

impl Clerk {
    /// Sends `request` for the current session (`_clerk_session_id`) and
    /// gives the JSON of the answer, after applying the client it
    /// piggybacks. A 4xx re-reads the client (the session may have ended
    /// elsewhere); the error still goes to the caller.
    pub async fn account_request(&self, request: FapiRequest) -> Result<JsValue, ClerkError> {
        let Some(session_id) = self.snapshot().session().map(|s| s.id.clone()) else {
            return Err(ClerkError::new(
                fapi_types::codes::AUTHENTICATION_INVALID,
                "Nobody is signed in.",
            ));
        };
        let write = request.verb != Verb::Get;
        let request = request.query("_clerk_session_id", &session_id);
        let json = match self.fapi()?.fetch(request).await {
            Ok(json) => json,
            Err(error) => return Err(self.refresh_after(error).await),
        };
        let client = field(&json, "client");
        if !client.is_undefined() {
            self.apply_client(Client::from_js_or_null(&client)?);
        }
        if write {
            // This browser's other tabs show a new name at once too.
            self.announce(browser::TabMessage::ClientChanged);
        }
        Ok(json)
    }
}

/// The work of one `accountRequest` export call (see `surface::exports`).
/// `clerk.js` builds the arguments; a path outside `/v1/me` is refused.
pub fn account_work(
    verb: JsValue,
    path: JsValue,
    form: JsValue,
) -> Result<LocalBoxFuture<'static, Result<JsValue, ClerkError>>, ClerkError> {
    let verb = match verb.as_string().as_deref() {
        Some("POST") => Verb::Post,
        Some("PATCH") => Verb::Patch,
        _ => Verb::Get,
    };
    let path = path.as_string().unwrap_or_default();
    if !path.starts_with("/v1/me") {
        return Err(ClerkError::new(
            "unexpected_argument",
            "Not an account path.",
        ));
    }
    let form = js_sys::Array::from(&form);
    let text = |i| form.get(i).as_string().unwrap_or_default();
    let request = (0..form.length() / 2).fold(FapiRequest::new(verb, path), |request, i| {
        request.form(&text(2 * i), &text(2 * i + 1))
    });
    Ok(async move { crate::global().account_request(request).await }.boxed_local())
}
