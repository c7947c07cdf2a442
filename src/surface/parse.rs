//! The parsers of each call's arguments, over the readers in `args`.

use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{describe, list, optional_bool, optional_string, options_object, type_error};
use crate::clerk::{SignOutCallback, SignOutOptions};
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
        user_profile_mode: match optional_string(&props, "userProfileMode", what)?.as_deref() {
            None | Some("modal") => UserProfileMode::Modal,
            Some("navigation") => UserProfileMode::Navigation,
            Some(other) => {
                return Err(type_error(format!(
                    "{what}.userProfileMode must be \"modal\" or \"navigation\", not the string \"{other}\"."
                )))
            }
        },
    })
}

pub fn parse_user_profile_props(value: &JsValue, what: &str) -> Result<UserProfileProps, JsValue> {
    options_object(value, what)?;
    Ok(UserProfileProps::default())
}

pub fn parse_sign_in_props(value: &JsValue) -> Result<SignInProps, JsValue> {
    let what = "Clerk.mountSignIn(el, props): props";
    let props = options_object(value, what)?;
    Ok(SignInProps {
        after_sign_in_url: optional_string(&props, "afterSignInUrl", what)?.map(Into::into),
    })
}
