//! The whole JavaScript surface, in one file over the typed Rust API.
//!
//! `js/clerk.js` turns these exports into `window.Clerk`. Every argument
//! is checked here: a wrong one is a `TypeError` with a clear message, and
//! a failure is a rejected `ClerkError` (an `Error` with `code`, `status`,
//! `longMessage`) — never a Rust panic, which would kill the widget for the
//! whole page.

use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture};
use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::clerk::{CurrentSession, SignOutCallback, SignOutOptions, Snapshot};
use crate::components::{SignInProps, UserButtonProps};
use crate::error::ClerkError;
use crate::js_value::{field, set};
use crate::mounts::{self, Kind, Mountable};
use crate::options::ClerkOptions;
use crate::redirect::{AllowedOrigin, RedirectPolicy};

fn type_error(message: impl AsRef<str>) -> JsValue {
    js_sys::TypeError::new(message.as_ref()).into()
}

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

/// `object[key]` as a string: absent (undefined or null) is `None`, any
/// other type is a TypeError naming `what.key`.
fn optional_string(object: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsValue> {
    let value = field(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        type_error(format!(
            "{what}.{key} must be a string, not {}.",
            describe(&value)
        ))
    })
}

fn optional_bool(object: &JsValue, key: &str, what: &str) -> Result<Option<bool>, JsValue> {
    let value = field(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_bool().map(Some).ok_or_else(|| {
        type_error(format!(
            "{what}.{key} must be a boolean, not {}.",
            describe(&value)
        ))
    })
}

/// `undefined`/`null` or a plain object; anything else is a TypeError.
fn options_object(value: &JsValue, what: &str) -> Result<JsValue, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Object::new().into());
    }
    if value.is_object() && !value.is_function() && !js_sys::Array::is_array(value) {
        return Ok(value.clone());
    }
    Err(type_error(format!(
        "{what} must be an object, not {}.",
        describe(value)
    )))
}

fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else if let Some(text) = value.as_string() {
        format!("the string \"{text}\"")
    } else if value.as_f64().is_some() {
        // JS formats its own number: Rust's float formatting would add ~15 KB to the wasm.
        let text = js_sys::JSON::stringify(value)
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default();
        format!("the number {text}")
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Parses `Clerk.load(options)`.
pub fn parse_load_options(value: &JsValue) -> Result<ClerkOptions, JsValue> {
    let what = "Clerk.load(options): options";
    let object = options_object(value, what)?;
    let timeout = field(&object, "requestTimeoutMs");
    let request_timeout_ms = if timeout.is_undefined() || timeout.is_null() {
        None
    } else {
        match timeout.as_f64() {
            Some(ms) if (1.0..=600_000.0).contains(&ms) => Some(ms as u32),
            _ => {
                return Err(type_error(format!(
                    "{what}.requestTimeoutMs must be a number of milliseconds from 1 to 600000, not {}.",
                    describe(&timeout)
                )))
            }
        }
    };
    Ok(ClerkOptions {
        frontend_api: optional_string(&object, "frontendApi", what)?,
        proxy_url: optional_string(&object, "proxyUrl", what)?,
        publishable_key: optional_string(&object, "publishableKey", what)?,
        after_sign_out_url: optional_string(&object, "afterSignOutUrl", what)?,
        sign_in_url: optional_string(&object, "signInUrl", what)?,
        request_timeout_ms,
        redirect: RedirectPolicy {
            allowed_origins: list(&object, "allowedRedirectOrigins", what, |item| {
                if let Some(text) = item.as_string() {
                    Some(AllowedOrigin::Glob(text))
                } else {
                    item.dyn_ref::<js_sys::RegExp>()
                        .map(|r| AllowedOrigin::Pattern(r.clone()))
                }
            })?,
            allowed_protocols: list(&object, "allowedRedirectProtocols", what, |item| {
                item.as_string()
            })?,
        },
    })
}

/// `object[key]` as an array whose every item `read` accepts; absent is empty.
fn list<T>(
    object: &JsValue,
    key: &str,
    what: &str,
    read: impl Fn(&JsValue) -> Option<T>,
) -> Result<Vec<T>, JsValue> {
    let value = field(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let refuse = |bad: &JsValue| {
        type_error(format!(
            "{what}.{key} must be an array of strings{}, not {}.",
            if key == "allowedRedirectOrigins" {
                " or RegExps"
            } else {
                ""
            },
            describe(bad)
        ))
    };
    if !js_sys::Array::is_array(&value) {
        return Err(refuse(&value));
    }
    js_sys::Array::from(&value)
        .iter()
        .map(|item| read(&item).ok_or_else(|| refuse(&item)))
        .collect()
}

type Work = LocalBoxFuture<'static, Result<JsValue, ClerkError>>;

/// The Promise of an async export: rejected with the TypeError when the
/// arguments were wrong, else settled by `work` (a failure becomes a
/// `ClerkError`). Every async export goes through this one function, so
/// the wasm holds one copy of the future-to-Promise glue, not one each.
fn promise(work: Result<Work, JsValue>) -> Promise {
    match work {
        Ok(work) => wasm_bindgen_futures::future_to_promise(
            work.map(|result| result.map_err(|e| clerk_error_to_js(&e))),
        ),
        Err(type_error) => Promise::reject(&type_error),
    }
}

fn done(result: Result<(), ClerkError>) -> Result<JsValue, ClerkError> {
    result.map(|()| JsValue::UNDEFINED)
}

/// Loads the environment and the client. Rejects with a `ClerkError`.
#[wasm_bindgen(js_name = load, unchecked_return_type = "Promise<void>")]
pub fn load(options: JsValue) -> Promise {
    promise(
        parse_load_options(&options)
            .map(|options| async move { done(crate::global().load(options).await) }.boxed_local()),
    )
}

/// Parses `signOut(options?)` and `signOut(callback?, options?)`.
pub fn parse_sign_out_args(first: &JsValue, second: &JsValue) -> Result<SignOutOptions, JsValue> {
    let (callback, options) = if let Some(callback) = first.dyn_ref::<Function>() {
        (Some(callback.clone()), second.clone())
    } else if first.is_undefined() || first.is_null() {
        (None, second.clone())
    } else if first.is_object() && !js_sys::Array::is_array(first) {
        if !(second.is_undefined() || second.is_null()) {
            return Err(type_error(
                "Clerk.signOut(options) takes one options object, or a callback and then options.",
            ));
        }
        (None, first.clone())
    } else {
        return Err(type_error(format!(
            "Clerk.signOut() takes an options object or a callback function, not {}.",
            describe(first)
        )));
    };
    let what = "Clerk.signOut(options): options";
    let options = options_object(&options, what)?;
    let callback: Option<SignOutCallback> = callback.map(|f| {
        Rc::new(move || {
            if let Err(error) = f.call0(&JsValue::NULL) {
                web_sys::console::error_2(&"Clerk.signOut: the callback threw".into(), &error);
            }
        }) as SignOutCallback
    });
    Ok(SignOutOptions {
        session_id: optional_string(&options, "sessionId", what)?,
        redirect_url: optional_string(&options, "redirectUrl", what)?,
        callback,
    })
}

/// `Clerk.signOut(options?)` / `Clerk.signOut(callback?, options?)`:
/// resolves once the server has ended the session(s).
#[wasm_bindgen(js_name = signOut, unchecked_return_type = "Promise<void>")]
pub fn sign_out(first: JsValue, second: JsValue) -> Promise {
    promise(
        parse_sign_out_args(&first, &second).map(|options| {
            async move { done(crate::global().sign_out(options).await) }.boxed_local()
        }),
    )
}

/// Signs in with an email address and password.
#[wasm_bindgen(js_name = signIn, unchecked_return_type = "Promise<void>")]
pub fn sign_in(identifier: JsValue, password: JsValue) -> Promise {
    promise(match (identifier.as_string(), password.as_string()) {
        (Some(identifier), Some(password)) => {
            Ok(
                async move { done(crate::global().sign_in(&identifier, &password).await) }
                    .boxed_local(),
            )
        }
        _ => Err(type_error(
            "Clerk.signIn(identifier, password) takes two strings.",
        )),
    })
}

/// `Clerk.setActive({ session })`: a session id, a session object, or null.
#[wasm_bindgen(js_name = setActive, unchecked_return_type = "Promise<void>")]
pub fn set_active(params: JsValue) -> Promise {
    promise(parse_set_active(&params).map(|id| {
        async move { done(crate::global().set_active(id.as_deref()).await) }.boxed_local()
    }))
}

/// The session id of `setActive({ session })`; `None` for `null`.
fn parse_set_active(params: &JsValue) -> Result<Option<String>, JsValue> {
    let what = "Clerk.setActive(params): params";
    let params = options_object(params, what)?;
    let session = field(&params, "session");
    let id = if session.is_null() {
        None
    } else if let Some(id) = session.as_string() {
        Some(id)
    } else if session.is_object() {
        Some(
            optional_string(&session, "id", "Clerk.setActive: session")?.ok_or_else(|| {
                type_error(
                    "Clerk.setActive: session must be a session id, a session object or null.",
                )
            })?,
        )
    } else {
        return Err(type_error(format!(
            "Clerk.setActive: session must be a session id, a session object or null, not {}.",
            describe(&session)
        )));
    };
    Ok(id)
}

/// `Clerk.getToken({ skipCache? })`: the current session's JWT (renewed
/// when close to expiry), or null when signed out.
#[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<string | null>")]
pub fn get_token(options: JsValue) -> Promise {
    let what = "Clerk.getToken(options): options";
    let skip_cache = options_object(&options, what)
        .and_then(|options| optional_bool(&options, "skipCache", what));
    promise(skip_cache.map(|skip_cache| {
        async move {
            let jwt = crate::global()
                .get_token(skip_cache.unwrap_or(false))
                .await?;
            Ok(jwt.map_or(JsValue::NULL, |jwt| JsValue::from_str(&jwt)))
        }
        .boxed_local()
    }))
}

/// `{ client, session, user }` as clerk-js gives listeners: `session` is
/// `undefined` while a sign-out runs and `null` when signed out. The
/// objects are the ones the server sent, with all their fields.
fn resources(snapshot: &Snapshot) -> JsValue {
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

fn client_js(snapshot: &Snapshot) -> JsValue {
    snapshot
        .client
        .as_deref()
        .map_or(JsValue::NULL, |c| c.js.clone())
}

#[wasm_bindgen(js_name = loaded)]
pub fn loaded() -> bool {
    crate::global().snapshot().loaded
}

#[wasm_bindgen(js_name = client)]
pub fn client() -> JsValue {
    client_js(&crate::global().snapshot())
}

/// The current session: `undefined` before load and during a sign-out.
#[wasm_bindgen(js_name = session)]
pub fn session() -> JsValue {
    field(&resources(&crate::global().snapshot()), "session")
}

#[wasm_bindgen(js_name = user)]
pub fn user() -> JsValue {
    field(&resources(&crate::global().snapshot()), "user")
}

/// `Clerk.addListener(fn)`: calls `fn({client, session, user})` after every
/// change; returns a function that removes the listener.
#[wasm_bindgen(js_name = addListener)]
pub fn add_listener(callback: JsValue) -> Result<Function, JsValue> {
    let Some(callback) = callback.dyn_ref::<Function>().cloned() else {
        return Err(type_error(format!(
            "Clerk.addListener() takes a function, not {}.",
            describe(&callback)
        )));
    };
    // The listener lives until unsubscribed, not until the unsubscribe
    // function is garbage-collected: pages often ignore that function.
    let id = crate::global().listen(Rc::new(move |snapshot| {
        if let Err(error) = callback.call1(&JsValue::NULL, &resources(snapshot)) {
            web_sys::console::error_2(&"Clerk listener threw".into(), &error);
        }
    }));
    let unsubscribe = Closure::<dyn Fn()>::new(move || crate::global().remove_listener(id));
    Ok(unsubscribe.into_js_value().unchecked_into())
}

/// The host element of a mount: an Element that is in the document.
fn host_element(value: &JsValue, what: &str) -> Result<Element, JsValue> {
    let element = value.dyn_ref::<Element>().cloned().ok_or_else(|| {
        type_error(format!(
            "{what} takes an HTML element, not {}.",
            describe(value)
        ))
    })?;
    if !element.is_connected() {
        return Err(type_error(format!(
            "{what}: the element is not in the document; insert it before mounting."
        )));
    }
    Ok(element)
}

pub fn parse_user_button_props(value: &JsValue) -> Result<UserButtonProps, JsValue> {
    let what = "Clerk.mountUserButton(el, props): props";
    let props = options_object(value, what)?;
    let url = |key: &str| optional_string(&props, key, what).map(|v| v.map(Into::into));
    Ok(UserButtonProps {
        show_name: optional_bool(&props, "showName", what)?.unwrap_or(false),
        default_open: optional_bool(&props, "defaultOpen", what)?.unwrap_or(false),
        after_sign_out_url: url("afterSignOutUrl")?,
        sign_in_url: url("signInUrl")?,
        user_profile_url: url("userProfileUrl")?,
        after_switch_session_url: url("afterSwitchSessionUrl")?,
    })
}

/// Removes the mount of one kind from `el`. Like clerk-js, unmounting what
/// is not mounted does nothing: cleanup code may run twice.
fn unmount(el: &JsValue, what: &str, kind: Kind) -> Result<(), JsValue> {
    let host = el.dyn_ref::<Element>().ok_or_else(|| {
        type_error(format!(
            "Clerk.{what}(el) takes an HTML element, not {}.",
            describe(el)
        ))
    })?;
    mounts::unmount(host, kind);
    Ok(())
}

/// Mounts the UserButton in `el` (again: replaces the previous mount).
#[wasm_bindgen(js_name = mountUserButton)]
pub fn mount_user_button(el: JsValue, props: JsValue) -> Result<(), JsValue> {
    let host = host_element(&el, "Clerk.mountUserButton(el)")?;
    let props = parse_user_button_props(&props)?;
    mounts::mount(&host, Mountable::UserButton(props))
}

/// Removes the UserButton mounted in `el`, with its listeners; nothing
/// when there is none.
#[wasm_bindgen(js_name = unmountUserButton)]
pub fn unmount_user_button(el: JsValue) -> Result<(), JsValue> {
    unmount(&el, "unmountUserButton", Kind::UserButton)
}

#[wasm_bindgen(js_name = mountSignIn)]
pub fn mount_sign_in(el: JsValue, props: JsValue) -> Result<(), JsValue> {
    let host = host_element(&el, "Clerk.mountSignIn(el)")?;
    let what = "Clerk.mountSignIn(el, props): props";
    let props = options_object(&props, what)?;
    let props = SignInProps {
        after_sign_in_url: optional_string(&props, "afterSignInUrl", what)?.map(Into::into),
    };
    mounts::mount(&host, Mountable::SignIn(props))
}

#[wasm_bindgen(js_name = unmountSignIn)]
pub fn unmount_sign_in(el: JsValue) -> Result<(), JsValue> {
    unmount(&el, "unmountSignIn", Kind::SignIn)
}

/// How many listeners the core holds (for tests: unmounting leaves none).
#[wasm_bindgen(js_name = listenerCount)]
pub fn listener_count() -> usize {
    crate::global().listener_count()
}

/// The bytes of the widget's wasm memory (for tests: mounting and
/// unmounting a thousand times must not grow it).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
        .into()
}

/// How many Yew apps the mounts hold, mounted and spare (for tests).
#[wasm_bindgen(js_name = mountedAppCount)]
pub fn mounted_app_count() -> usize {
    mounts::app_count()
}
