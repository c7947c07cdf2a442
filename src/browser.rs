//! The few places the core touches the page: location, the `__session`
//! cookie, and the cross-tab channel.

use crate::resources::Session;
use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, HtmlDocument};

pub const CHANNEL_NAME: &str = "clerk";
const SIGN_OUT_MESSAGE: &str = "signout";

pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

pub fn navigate(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

/// Keeps `__session` (the current session's JWT, for the app's own
/// backend) in step with the active session; removes it when there is none.
pub fn sync_session_cookie(session: Option<&Session>) {
    let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
    else {
        return;
    };
    let secure = if page_origin().starts_with("https:") {
        "; Secure"
    } else {
        ""
    };
    let cookie = match session.and_then(|s| s.last_active_token.as_deref()) {
        Some(jwt) => format!("__session={jwt}; Path=/; SameSite=Lax{secure}"),
        None => format!("__session=; Path=/; Max-Age=0; SameSite=Lax{secure}"),
    };
    let _ = document.set_cookie(&cookie);
}

/// `BroadcastChannel("clerk")`: a full sign-out in one tab signs out the others.
pub struct CrossTab {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl CrossTab {
    /// Calls `on_sign_out` when another tab announces a sign-out. `None`
    /// where the browser has no BroadcastChannel.
    pub fn listen(on_sign_out: impl Fn() + 'static) -> Option<CrossTab> {
        let channel = BroadcastChannel::new(CHANNEL_NAME).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let kind = js_sys::Reflect::get(&event.data(), &JsValue::from_str("type"))
                .ok()
                .and_then(|t| t.as_string());
            if kind.as_deref() == Some(SIGN_OUT_MESSAGE) {
                on_sign_out();
            }
        });
        Some(CrossTab {
            channel,
            _listener: listener,
        })
    }

    /// Posts `{type: "signout"}` through the listening channel, which
    /// never delivers to itself: only the other tabs hear it.
    pub fn announce_sign_out(&self) {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &message,
            &JsValue::from_str("type"),
            &JsValue::from_str(SIGN_OUT_MESSAGE),
        );
        let _ = self.channel.post_message(&message);
    }
}
