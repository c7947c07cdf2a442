//! Reading and writing fields of JavaScript objects: the one copy the core,
//! the wire reading, the errors and the JS surface share.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// `object[key]`; `undefined` when `object` is not an object or has no such
/// field (never a panic, whatever a page or a server sent).
pub fn field(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `object[key] = value` (ignored on a frozen or non-object value).
pub fn set(object: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}
