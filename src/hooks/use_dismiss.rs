//! Dismissing a floating panel: a press outside it, or Escape anywhere on
//! the page, as Clerk's popovers close.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// While `active`, calls `on_dismiss` when a pointer goes down outside
/// `inside` (looking through shadow roots), or when Escape is pressed
/// wherever focus is, so that an action under way or a failure never
/// leaves the panel stuck open. The listeners are removed when `active`
/// turns false and when the component goes.
#[hook]
pub fn use_dismiss(active: bool, inside: NodeRef, on_dismiss: Callback<()>) {
    use_effect_with(active, move |active| {
        let document = active
            .then(|| web_sys::window().and_then(|w| w.document()))
            .flatten();
        let listeners = document.map(|document| {
            let pointer = {
                let on_dismiss = on_dismiss.clone();
                EventListener::new(&document, "pointerdown", move |event| {
                    let Some(inside) = inside.get() else { return };
                    let inside: &JsValue = inside.as_ref();
                    if !event.composed_path().iter().any(|target| &target == inside) {
                        on_dismiss.emit(());
                    }
                })
            };
            // Not passive: Escape's default is prevented (a passive listener
            // could not, and the browser would say so in the console).
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            let escape =
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let escape = event
                        .dyn_ref::<KeyboardEvent>()
                        .is_some_and(|e| e.key() == "Escape");
                    if escape {
                        event.prevent_default();
                        on_dismiss.emit(());
                    }
                });
            (pointer, escape)
        });
        move || drop(listeners)
    });
}
