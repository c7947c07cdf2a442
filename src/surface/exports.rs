//! The wasm exports: each checks its arguments (`parse`), calls the core,
//! and converts the answer (`convert`).
//!
//! `js/clerk.js` turns these exports into the `Clerk` class. Every argument
//! is checked: a wrong one is a `TypeError` with a clear message (the
//! mounts' props by `clerk.js`, which must throw before the wasm is ready
//! anyway; the rest here), and a failure is a rejected `ClerkError` (an
//! `Error` with `code`, `status`, `longMessage`) — never a Rust panic,
//! which would kill the widget for the whole page. Whatever reaches the
//! wasm unchecked is read leniently, never trusted to be of its type.

use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::args::{describe, host_element, optional_bool, options_object, type_error};
use super::convert::{clerk_error_to_js, client_js, resources};
use super::mounts::{self, Kind, Mountable};
use super::parse::*;
use crate::error::ClerkError;
use crate::js_value::field;

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
    promise(parse_load_options(&options).map(|options| {
        async move {
            crate::global().load(options).await?;
            // The menu's piece also signs out: fetch it now, so that a
            // page without a UserButton signs out as fast (and with the
            // same errors) as one with it.
            #[cfg(feature = "split")]
            wasm_bindgen_futures::spawn_local(async {
                let _ = crate::components::user_button::preload_menu().await;
            });
            Ok(JsValue::UNDEFINED)
        }
        .boxed_local()
    }))
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

/// Goes to `url` when the page's redirect rules allow it, else to `/`
/// with a console warning (`setActive`'s `redirectUrl`).
#[wasm_bindgen(js_name = navigate)]
pub fn navigate(url: String) {
    crate::global().navigate(&url);
}

/// clerk-js's `buildSignInUrl()`.
#[wasm_bindgen(js_name = buildSignInUrl)]
pub fn build_sign_in_url() -> String {
    crate::global().sign_in_url()
}

/// clerk-js's `buildAfterSignOutUrl()`.
#[wasm_bindgen(js_name = buildAfterSignOutUrl)]
pub fn build_after_sign_out_url() -> String {
    crate::global().after_sign_out_target()
}

/// This widget's version (clerk-js: `Clerk.version`).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    crate::fapi::CLIENT_VERSION.to_string()
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
    let props = parse_sign_in_props(&props)?;
    mounts::mount(&host, Mountable::SignIn(props))
}

#[wasm_bindgen(js_name = unmountSignIn)]
pub fn unmount_sign_in(el: JsValue) -> Result<(), JsValue> {
    unmount(&el, "unmountSignIn", Kind::SignIn)
}

/// Mounts the account panel in `el` (again: replaces the previous mount).
#[wasm_bindgen(js_name = mountUserProfile)]
pub fn mount_user_profile(el: JsValue, props: JsValue) -> Result<(), JsValue> {
    let host = host_element(&el, "Clerk.mountUserProfile(el)")?;
    let props = parse_user_profile_props(&props, "Clerk.mountUserProfile(el, props): props")?;
    mounts::mount(&host, Mountable::UserProfile(props))
}

#[wasm_bindgen(js_name = unmountUserProfile)]
pub fn unmount_user_profile(el: JsValue) -> Result<(), JsValue> {
    unmount(&el, "unmountUserProfile", Kind::UserProfile)
}

/// Opens the account panel as a modal dialog over the page; opening it
/// again while it is open does nothing.
#[wasm_bindgen(js_name = openUserProfile)]
pub fn open_user_profile(props: JsValue) -> Result<(), JsValue> {
    let props = parse_user_profile_props(&props, "Clerk.openUserProfile(props): props")?;
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .ok_or_else(|| type_error("Clerk.openUserProfile(): the page has no body."))?;
    if mounts::is_mounted(&body, Kind::UserProfileModal) {
        return Ok(());
    }
    let mut props = props;
    props.modal_on_close = Some(yew::Callback::from(|()| close_user_profile()));
    mounts::mount(&body, Mountable::UserProfile(props))
}

/// Closes the account panel opened by `openUserProfile`; nothing when it
/// is not open.
#[wasm_bindgen(js_name = closeUserProfile)]
pub fn close_user_profile() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        mounts::unmount(&body, Kind::UserProfileModal);
    }
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

/// The account requests of `UserResource` (`update`, `updatePassword`,
/// `getSessions`, `reload`, a session's `revoke`), which `clerk.js` builds:
/// `verb` is "GET", "POST" or "PATCH", `path` is under `/v1/me`, `form` is
/// `[key, value, key, value…]`. They go through the core like the account
/// panel's: the current session, the piggybacked client, the deadline.
/// Resolves with the answer's JSON.
#[wasm_bindgen(js_name = accountRequest, unchecked_return_type = "Promise<any>")]
pub fn account_request(verb: JsValue, path: JsValue, form: JsValue) -> Promise {
    promise(Ok(
        async move { account_work(verb, path, form).await?.await }.boxed_local(),
    ))
}

/// The account requests' code is a split point in the account panel's
/// piece (with which it shares its code): pages that never call them, nor
/// open the panel, never download it.
#[cfg(feature = "split")]
#[wasm_split_macros::wasm_split(user_profile, fallible, wasm_split_path = crate::split)]
fn account_work(verb: JsValue, path: JsValue, form: JsValue) -> Result<Work, ClerkError> {
    crate::clerk::account_work(verb, path, form)
}

#[cfg(not(feature = "split"))]
async fn account_work(verb: JsValue, path: JsValue, form: JsValue) -> Result<Work, ClerkError> {
    crate::clerk::account_work(verb, path, form)
}
