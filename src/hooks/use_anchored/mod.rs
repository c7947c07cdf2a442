//! A floating card on the page: shown in the top layer, measured, placed
//! by [`placement::place`] against its anchor, and kept there while the
//! page scrolls or the window is resized.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::use_focus_trap::{focus_is_nowhere, focusable};

pub mod placement;

use placement::{place, Rect, MARGIN};

/// On mount: `card` goes to the top layer at fixed coordinates beside
/// `anchor` and follows it on scroll and resize until the component goes.
/// Focus moves to the card's first focusable element when `take_focus`,
/// or when nothing else on the page has focus (never away from a field
/// someone is typing in).
#[hook]
pub fn use_anchored(card: NodeRef, anchor: NodeRef, take_focus: bool) {
    use_effect_with((), move |_| {
        let card = card.cast::<HtmlElement>();
        let anchor = anchor.cast::<Element>();
        let listeners = card.zip(anchor).and_then(|(card, anchor)| {
            show_in_top_layer(&card);
            if take_focus || focus_is_nowhere() {
                if let Some(first) = focusable(&card).into_iter().next() {
                    let _ = first.focus();
                }
            }
            let reposition = Rc::new(move || position(&card, &anchor));
            reposition();
            let window = web_sys::window()?;
            let options = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: true,
            };
            let on_scroll = reposition.clone();
            Some((
                EventListener::new_with_options(&window, "scroll", options, move |_| on_scroll()),
                EventListener::new(&window, "resize", move |_| reposition()),
            ))
        });
        move || drop(listeners)
    });
}

/// Puts the card in the top layer (a manual popover), above every stacking
/// context and outside every clipping ancestor of the host page. Browsers
/// without popovers still get fixed positioning.
fn show_in_top_layer(card: &HtmlElement) {
    let show = js_sys::Reflect::get(card, &JsValue::from_str("showPopover"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(show) = show {
        let _ = card.set_attribute("popover", "manual");
        let _ = show.call0(card);
    }
}

/// Measures the trigger, the card and the viewport, and places the card.
fn position(card: &HtmlElement, anchor: &Element) {
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
