//! Reading JS arguments: each reader either returns the Rust value or a
//! `TypeError` whose message names the call, the key and what was given.

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::js_value::field;

pub fn type_error(message: impl AsRef<str>) -> JsValue {
    js_sys::TypeError::new(message.as_ref()).into()
}

/// `object[key]` as a string: absent (undefined or null) is `None`, any
/// other type is a TypeError naming `what.key`.
pub fn optional_string(object: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsValue> {
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

pub fn optional_bool(object: &JsValue, key: &str, what: &str) -> Result<Option<bool>, JsValue> {
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
pub fn options_object(value: &JsValue, what: &str) -> Result<JsValue, JsValue> {
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

pub fn describe(value: &JsValue) -> String {
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

/// `object[key]` as an array whose every item `read` accepts; absent is empty.
pub fn list<T>(
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

/// The host element of a mount: an Element that is in the document.
pub fn host_element(value: &JsValue, what: &str) -> Result<Element, JsValue> {
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
