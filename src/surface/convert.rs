//! Rust values as the JS objects clerk-js code expects.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::clerk::{CurrentSession, Snapshot};
use crate::error::ClerkError;
use crate::js_value::{field, set};

/// A `ClerkError` for JS: an `Error` named ClerkError with clerk-js's
/// `ClerkAPIResponseError` fields (`errors`, `status`, `clerkTraceId`,
/// `clerkError: true`, so `isClerkAPIResponseError(err)` holds) and, as
/// before, `code` and `longMessage` on the error itself.
pub fn clerk_error_to_js(error: &ClerkError) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name("ClerkError");
    let js: JsValue = js.into();
    let set = |key: &str, value: JsValue| set(&js, key, &value);
    let envelope = error
        .envelope
        .as_deref()
        .and_then(|text| js_sys::JSON::parse(text).ok());
    let sent: Vec<JsValue> = envelope
        .as_ref()
        .map(|e| field(e, "errors"))
        .filter(js_sys::Array::is_array)
        .map(|errors| js_sys::Array::from(&errors).iter().collect())
        .unwrap_or_default();
    let errors = js_sys::Array::new();
    if sent.is_empty() {
        errors.push(&api_error(
            &JsValue::from_str(&error.code),
            &JsValue::from_str(&error.message),
            &error
                .long_message
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
            &Object::new().into(),
        ));
    }
    for sent in &sent {
        errors.push(&api_error(
            &field(sent, "code"),
            &field(sent, "message"),
            &field(sent, "long_message"),
            &field(sent, "meta"),
        ));
    }
    set("errors", errors.into());
    set(
        "clerkTraceId",
        envelope.map_or(JsValue::NULL, |e| field(&e, "clerk_trace_id")),
    );
    set("clerkError", JsValue::TRUE);
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

/// One entry of `errors`: `{code, message, longMessage, meta}`.
fn api_error(code: &JsValue, message: &JsValue, long: &JsValue, meta: &JsValue) -> JsValue {
    let entry: JsValue = Object::new().into();
    set(&entry, "code", code);
    set(&entry, "message", message);
    set(&entry, "longMessage", long);
    // The keys clerk-js's `parseError` reads, in its camelCase.
    let camel: JsValue = Object::new().into();
    for (wire, js) in [
        ("param_name", "paramName"),
        ("session_id", "sessionId"),
        ("email_addresses", "emailAddresses"),
        ("identifiers", "identifiers"),
    ] {
        let value = field(meta, wire);
        if !value.is_undefined() {
            set(&camel, js, &value);
        }
    }
    set(&entry, "meta", &camel);
    entry
}

/// `{ client, session, user }` as clerk-js gives listeners: `session` is
/// `undefined` while a sign-out runs and `null` when signed out. The
/// objects are the ones the server sent, with all their fields (the
/// loader shows them to pages as clerk-js's resource objects).
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
