//! Every place the core touches the page: location, the `__session`
//! cookie, the cross-tab channel, window focus, and time. The core
//! (`clerk/`) calls these and never `web_sys` directly, so what it does to
//! a host page can be read in this one file.

use crate::redirect::SafeUrl;
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

/// The page's address, against which relative navigation targets resolve.
pub fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// A timer that repeats until dropped.
pub type Repeating = gloo_timers::callback::Interval;
/// A listener on the page that is removed when dropped.
pub type PageListener = EventListener;

/// Milliseconds since the epoch (`Date.now()`).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Calls `f` every `ms` milliseconds until the returned timer drops.
pub fn every(ms: u32, f: impl FnMut() + 'static) -> Repeating {
    Repeating::new(ms, f)
}

/// Calls `f` when the window gains focus, until the returned listener
/// drops; `None` where there is no window.
pub fn on_window_focus(f: impl Fn() + 'static) -> Option<PageListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "focus", move |_| f()))
}

/// Goes to a URL that passed the redirect check (see [`crate::redirect`]).
pub fn navigate(url: &SafeUrl) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url.as_str());
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

/// What one tab tells the others on `BroadcastChannel("clerk")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabMessage {
    /// A full sign-out (`{type: "signout"}`, as clerk-js posts).
    SignOut,
    /// The client changed otherwise: a sign-in, or one account of several
    /// signed out (`{type: "client"}`).
    ClientChanged,
}

impl TabMessage {
    fn kind(self) -> &'static str {
        match self {
            TabMessage::SignOut => SIGN_OUT_MESSAGE,
            TabMessage::ClientChanged => CLIENT_MESSAGE,
        }
    }
}

const CLIENT_MESSAGE: &str = "client";

/// `BroadcastChannel("clerk")`: what changes the client in one tab is
/// picked up by the others.
pub struct CrossTab {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl CrossTab {
    /// Calls `on_message` when another tab announces a change. `None`
    /// where the browser has no BroadcastChannel.
    pub fn listen(on_message: impl Fn(TabMessage) + 'static) -> Option<CrossTab> {
        let channel = BroadcastChannel::new(CHANNEL_NAME).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let kind = crate::js_value::field(&event.data(), "type").as_string();
            match kind.as_deref() {
                Some(SIGN_OUT_MESSAGE) => on_message(TabMessage::SignOut),
                Some(CLIENT_MESSAGE) => on_message(TabMessage::ClientChanged),
                _ => {}
            }
        });
        Some(CrossTab {
            channel,
            _listener: listener,
        })
    }

    /// Posts `{type}` through the listening channel, which never delivers
    /// to itself: only the other tabs hear it.
    pub fn announce(&self, message: TabMessage) {
        let object: JsValue = js_sys::Object::new().into();
        crate::js_value::set(&object, "type", &JsValue::from_str(message.kind()));
        let _ = self.channel.post_message(&object);
    }
}
