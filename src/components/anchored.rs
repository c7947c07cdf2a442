//! The popover card on the page: shown in the top layer, measured, and
//! placed by [`super::placement::place`] against its trigger.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use super::placement::{place, Rect, MARGIN};

/// Puts the card in the top layer (a manual popover), above every stacking
/// context and outside every clipping ancestor of the host page. Browsers
/// without popovers still get fixed positioning.
pub fn show_in_top_layer(card: &HtmlElement) {
    let show = js_sys::Reflect::get(card, &JsValue::from_str("showPopover"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(show) = show {
        let _ = card.set_attribute("popover", "manual");
        let _ = show.call0(card);
    }
}

/// Measures the trigger, the card and the viewport, and places the card.
pub fn position(card: &HtmlElement, anchor: &Element) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let (viewport_width, viewport_height) = (
        f64::from(root.client_width()),
        f64::from(root.client_height()),
    );
    let style = card.style();
    // JS writes the numbers ("12px"): Rust's number formatting costs wasm.
    let set = |property: &str, value: f64| {
        let text = &JsValue::from_f64(value.round()) + &JsValue::from_str("px");
        let _ = js_sys::Reflect::set(&style, &JsValue::from_str(property), &text);
    };
    set("maxWidth", viewport_width - 2.0 * MARGIN);
    let bounds = anchor.get_bounding_client_rect();
    let anchor = Rect {
        left: bounds.left(),
        top: bounds.top(),
        right: bounds.right(),
        bottom: bounds.bottom(),
    };
    let rtl = card.matches(":dir(rtl)").unwrap_or(false);
    let placement = place(
        anchor,
        f64::from(card.offset_width()),
        f64::from(card.scroll_height()),
        viewport_width,
        viewport_height,
        rtl,
    );
    set("left", placement.left);
    set("top", placement.top);
    set("maxHeight", placement.max_height);
}
