//! Rust values as the JS objects clerk-js code expects.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::clerk::{CurrentSession, Snapshot};
use crate::error::ClerkError;
use crate::js_value::set;

/// A `ClerkError` for JS: an `Error` named ClerkError with Clerk's fields.
pub fn clerk_error_to_js(error: &ClerkError) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name("ClerkError");
    let js: JsValue = js.into();
    let set = |key: &str, value: JsValue| set(&js, key, &value);
    set("code", JsValue::from_str(&error.code));
    set(
        "status",
        error
            .status
            .map(|s| JsValue::from_f64(s.into()))
            .unwrap_or(JsValue::NULL),
    );
    set(
        "longMessage",
        error
            .long_message
            .as_deref()
            .map(JsValue::from_str)
            .unwrap_or(JsValue::NULL),
    );
    js
}

/// `{ client, session, user }` as clerk-js gives listeners: `session` is
/// `undefined` while a sign-out runs and `null` when signed out. The
/// objects are the ones the server sent, with all their fields.
pub fn resources(snapshot: &Snapshot) -> JsValue {
    let object = Object::new();
    let object: JsValue = object.into();
    let set = |key: &str, value: JsValue| set(&object, key, &value);
    set("client", client_js(snapshot));
    let (session, user) = match (&snapshot.current, snapshot.session()) {
        (CurrentSession::Undefined, _) => (JsValue::UNDEFINED, JsValue::UNDEFINED),
        (_, Some(session)) => (
            session.js.clone(),
            session
                .user
                .as_ref()
                .map_or(JsValue::NULL, |u| u.js.clone()),
        ),
        (_, None) => (JsValue::NULL, JsValue::NULL),
    };
    set("session", session);
    set("user", user);
    object
}

pub fn client_js(snapshot: &Snapshot) -> JsValue {
    snapshot
        .client
        .as_deref()
        .map_or(JsValue::NULL, |c| c.js.clone())
}
