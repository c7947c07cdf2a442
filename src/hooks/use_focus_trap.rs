//! Keeping keyboard focus inside a modal panel, and finding where it is.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The focusable elements inside `container`, in tab order. Busy actions
/// are only `aria-disabled`, so they keep focus and stay in the cycle.
pub fn focusable(container: &Element) -> Vec<HtmlElement> {
    let Ok(nodes) = container.query_selector_all("button:not([disabled]), a[href], input") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The focused element, looking inside a shadow root when there is one.
pub fn active_element(within: &Element) -> Option<Element> {
    let root = within.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()?.document()?.active_element(),
    }
}

/// Whether nothing on the page has focus (it rests on the body).
pub fn focus_is_nowhere() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    match document.active_element() {
        None => true,
        Some(active) => document.body().is_some_and(|body| {
            let body: &Element = body.as_ref();
            *body == active
        }),
    }
}

/// The `keydown` handler of a modal panel: Tab and Shift+Tab cycle through
/// the focusable elements inside `container` and never leave it.
#[hook]
pub fn use_focus_trap(container: NodeRef) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.key() != "Tab" {
            return;
        }
        let Some(container) = container.cast::<Element>() else {
            return;
        };
        let items = focusable(&container);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            event.prevent_default();
            return;
        };
        let current = active_element(&container);
        let at = |el: &HtmlElement| {
            current
                .as_ref()
                .is_some_and(|c| c == el.unchecked_ref::<Element>())
        };
        let outside = !items.iter().any(at);
        if event.shift_key() && (at(first) || outside) {
            event.prevent_default();
            let _ = last.focus();
        } else if !event.shift_key() && (at(last) || outside) {
            event.prevent_default();
            let _ = first.focus();
        }
    })
}
