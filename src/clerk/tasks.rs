//! The work the core does in the background while loaded: hearing other
//! tabs, telling the server the session is in use on focus, and keeping the
//! session token fresh. Each holds only a weak handle, so a dropped Clerk
//! stops them.

use std::rc::Rc;

use super::Clerk;
use crate::browser;

/// Window focus touches the session at most this often.
pub const FOCUS_TOUCH_MS: f64 = 5_000.0;
/// How often the held session token is checked for renewal.
const TOKEN_CHECK_MS: u32 = 15_000;

impl Clerk {
    /// Another tab signed in or out: show it here, without navigating.
    pub(super) fn listen_across_tabs(&self) {
        if self.inner.cross_tab.borrow().is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        let cross_tab = browser::CrossTab::listen(move |_| {
            if let Some(inner) = weak.upgrade() {
                let clerk = Clerk { inner };
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = clerk.reread_client(false).await;
                });
            }
        });
        *self.inner.cross_tab.borrow_mut() = cross_tab;
    }

    /// Tells the server the session is in use when the window gains focus
    /// (`touch` with `intent=focus`, at most once per [`FOCUS_TOUCH_MS`]).
    pub(super) fn touch_on_focus(&self) {
        if self.inner.focus_listener.borrow().is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        let listener = browser::on_window_focus(move || {
            let Some(inner) = weak.upgrade() else { return };
            let now = browser::now_ms();
            if now - inner.last_focus_touch.get() < FOCUS_TOUCH_MS {
                return;
            }
            inner.last_focus_touch.set(now);
            let clerk = Clerk { inner };
            wasm_bindgen_futures::spawn_local(async move {
                let Some(id) = clerk.snapshot().session().map(|s| s.id.clone()) else {
                    return;
                };
                let Ok(fapi) = clerk.fapi() else { return };
                if let Ok(envelope) = fapi.touch_session(&id, "focus").await {
                    clerk.apply_client(envelope.client);
                }
            });
        });
        *self.inner.focus_listener.borrow_mut() = listener;
    }

    /// Session JWTs live 60 s: while signed in, renew the one in `__session`
    /// before it expires, as clerk-js does.
    pub(super) fn keep_token_fresh(&self) {
        if self.inner.token_refresher.borrow().is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        let interval = browser::every(TOKEN_CHECK_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let clerk = Clerk { inner };
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = clerk.get_token(false).await;
                });
            }
        });
        *self.inner.token_refresher.borrow_mut() = Some(interval);
    }
}
