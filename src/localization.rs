//! Clerk's `localization`: every text the widget shows or announces has
//! Clerk's key (`userButton.action__signOut`, …; the widget's own texts
//! have keys in the same style) and its en-US words at the call site.
//! `clerk.js` turns the page's `localization` (a shipped locale's name, or
//! Clerk's nested object, or both) into one flat object of key → text, with
//! `locale` (for `Intl`) and `dir`; `Clerk.load` keeps it in the options,
//! and [`t`] reads it. A key the page does not give stays English.

use yew::AttrValue;

use crate::js_value::field;

/// The text for Clerk's `key`: the page's, else `english`.
pub fn t(key: &str, english: &'static str) -> AttrValue {
    text(key).map_or(AttrValue::Static(english), AttrValue::from)
}

/// The text for `key` with its `{{name}}` placeholders filled.
pub fn t_with(key: &str, english: &'static str, values: &[(&str, &str)]) -> String {
    let mut text = t(key, english).to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{{{name}}}}}"), value);
    }
    text
}

/// The page's text for `key`, if it gave one.
pub fn text(key: &str) -> Option<String> {
    field(&crate::global().localization(), key).as_string()
}

/// `"rtl"` or `"ltr"` when the chosen locale says (Arabic is written right
/// to left whatever the page's direction); else the page's direction holds.
pub fn dir() -> Option<AttrValue> {
    text("dir").map(AttrValue::from)
}

/// The chosen locale's BCP 47 name, for `Intl` ("fr-FR"); `None` for the
/// widget's English.
pub fn locale() -> Option<String> {
    text("locale")
}
