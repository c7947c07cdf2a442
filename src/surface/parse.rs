//! The parsers of each call's arguments, over the readers in `args`.

use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AttrValue;

use super::args::{describe, list, optional_string, options_object, type_error};
use crate::clerk::{SignOutCallback, SignOutOptions};
use crate::components::user_button::CustomMenuItems;
use crate::components::{SignInProps, UserButtonProps, UserProfileMode, UserProfileProps};
use crate::js_value::field;
use crate::options::ClerkOptions;
use crate::redirect::{AllowedOrigin, RedirectPolicy};

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
        after_multi_session_single_sign_out_url: optional_string(
            &object,
            "afterMultiSessionSingleSignOutUrl",
            what,
        )?,
        sign_in_url: optional_string(&object, "signInUrl", what)?,
        localization: field(&object, "localization"),
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

/// The session id of `setActive({ session })`; `None` for `null`.
pub fn parse_set_active(params: &JsValue) -> Result<Option<String>, JsValue> {
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

/// The UserButton's props. `clerk.js` has checked each one's type (a
/// wrong one throws a TypeError there, before the wasm is even ready), so
/// only the object itself is checked here; the values are read as they
/// come.
pub fn parse_user_button_props(value: &JsValue) -> Result<UserButtonProps, JsValue> {
    let props = options_object(value, "Clerk.mountUserButton(el, props): props")?;
    let text = |key| field(&props, key).as_string().map(AttrValue::from);
    let flag = |key| field(&props, key).as_bool().unwrap_or(false);
    Ok(UserButtonProps {
        custom_menu_items: CustomMenuItems::Js(field(&props, "customMenuItems")),
        show_name: flag("showName"),
        default_open: flag("defaultOpen"),
        after_sign_out_url: text("afterSignOutUrl"),
        sign_in_url: text("signInUrl"),
        user_profile_url: text("userProfileUrl"),
        after_switch_session_url: text("afterSwitchSessionUrl"),
        user_profile_mode: if text("userProfileMode").as_deref() == Some("navigation") {
            UserProfileMode::Navigation
        } else {
            UserProfileMode::Modal
        },
    })
}

pub fn parse_user_profile_props(value: &JsValue, what: &str) -> Result<UserProfileProps, JsValue> {
    options_object(value, what)?;
    Ok(UserProfileProps::default())
}

pub fn parse_sign_in_props(value: &JsValue) -> Result<SignInProps, JsValue> {
    let props = options_object(value, "Clerk.mountSignIn(el, props): props")?;
    Ok(SignInProps {
        after_sign_in_url: field(&props, "afterSignInUrl").as_string().map(Into::into),
    })
}
