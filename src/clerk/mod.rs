//! The Clerk core: the handle and its state, load, sign-in and account
//! switching; sign-out, listeners, tokens and the background tasks each in
//! their own file beside this one.
//!
//! Plain Rust over the FAPI client: the JS surface (`surface/`) and the Yew
//! components both drive this one object, so `window.Clerk.signOut()` and
//! a Yew app's `use_clerk().sign_out(..)` are the same code. Every touch of
//! the page goes through [`crate::browser`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::FutureExt;

use crate::browser;
use crate::error::{codes, ClerkError};
use crate::fapi::Fapi;
use crate::in_flight::InFlight;
use crate::options::ClerkOptions;
use crate::resources::Client;

mod account;
pub use account::account_work;
mod listeners;
mod sign_out;
mod snapshot;
mod tasks;
mod tokens;

pub use listeners::Listener;
use listeners::ListenerFn;
pub use sign_out::{
    after_sign_out_url, plan_sign_out, SignOutCallback, SignOutOptions, SignOutPlan,
};
pub use snapshot::{CurrentSession, Snapshot};
pub use tasks::FOCUS_TOUCH_MS;
pub use tokens::TOKEN_MIN_VALIDITY_SECS;

struct Inner {
    options: RefCell<ClerkOptions>,
    fapi: RefCell<Option<Fapi>>,
    state: RefCell<Snapshot>,
    listeners: RefCell<Vec<(u64, ListenerFn)>>,
    next_listener: Cell<u64>,
    sign_out_in_flight: RefCell<Option<(SignOutPlan, InFlight)>>,
    load_in_flight: RefCell<Option<(ClerkOptions, InFlight)>>,
    cross_tab: RefCell<Option<browser::CrossTab>>,
    token_refresher: RefCell<Option<browser::Repeating>>,
    focus_listener: RefCell<Option<browser::PageListener>>,
    last_focus_touch: Cell<f64>,
}

/// The Clerk object. Cheap to clone; clones share one state.
#[derive(Clone)]
pub struct Clerk {
    inner: Rc<Inner>,
}

impl PartialEq for Clerk {
    fn eq(&self, other: &Clerk) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl std::fmt::Debug for Clerk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clerk")
            .field("state", &*self.inner.state.borrow())
            .finish()
    }
}

impl Default for Clerk {
    fn default() -> Clerk {
        Clerk::new()
    }
}

/// Where an action goes: the first non-blank of its candidates, most
/// specific first (a component prop, `load`'s option, the instance's
/// display config), else `/`.
pub fn first_url<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> String {
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| !u.is_empty())
        .unwrap_or("/")
        .to_string()
}

impl Clerk {
    pub fn new() -> Clerk {
        Clerk {
            inner: Rc::new(Inner {
                options: RefCell::new(ClerkOptions::default()),
                fapi: RefCell::new(None),
                state: RefCell::new(Snapshot::default()),
                listeners: RefCell::new(Vec::new()),
                next_listener: Cell::new(0),
                sign_out_in_flight: RefCell::new(None),
                load_in_flight: RefCell::new(None),
                cross_tab: RefCell::new(None),
                token_refresher: RefCell::new(None),
                focus_listener: RefCell::new(None),
                last_focus_touch: Cell::new(f64::NEG_INFINITY),
            }),
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        self.inner.state.borrow().clone()
    }

    pub fn options(&self) -> ClerkOptions {
        self.inner.options.borrow().clone()
    }

    /// The texts of the last load's `localization` (see `localization`).
    pub fn localization(&self) -> wasm_bindgen::JsValue {
        self.inner.options.borrow().localization.clone()
    }

    fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        change_state(self, true, change);
    }

    /// Replaces the client with what the server sent; the active session
    /// falls back to the client's choice when it is no longer signed in.
    fn apply_client(&self, client: Option<Client>) {
        self.update(|state| {
            state.client = client.map(Rc::new);
            if matches!(state.current, CurrentSession::Id(_)) && state.session().is_none() {
                state.current = state.client_current();
            }
        });
    }

    fn fapi(&self) -> Result<Fapi, ClerkError> {
        self.inner.fapi.borrow().clone().ok_or_else(|| {
            ClerkError::new(
                codes::NOT_LOADED,
                "Clerk is not loaded: call Clerk.load() (or wait for it) first.",
            )
        })
    }

    /// Loads the environment and the client. Concurrent calls with the same
    /// options share one load; a call with other options waits for the
    /// running load, then applies its own. A failed load changes nothing:
    /// the state of the last good load stays in use.
    pub async fn load(&self, options: ClerkOptions) -> Result<(), ClerkError> {
        loop {
            if self.inner.state.borrow().loaded && *self.inner.options.borrow() == options {
                return Ok(());
            }
            let running = self.inner.load_in_flight.borrow().clone();
            match running {
                Some((running_options, load)) if running_options == options => {
                    return load.outcome().await;
                }
                Some((_, other)) => {
                    let _ = other.outcome().await;
                }
                None => {
                    let this = self.clone();
                    let mine = options.clone();
                    let load = InFlight::spawn(
                        async move {
                            let outcome = this.load_now(mine).await;
                            this.inner.load_in_flight.borrow_mut().take();
                            outcome
                        }
                        .boxed_local(),
                    );
                    *self.inner.load_in_flight.borrow_mut() = Some((options, load.clone()));
                    return load.outcome().await;
                }
            }
        }
    }

    async fn load_now(&self, options: ClerkOptions) -> Result<(), ClerkError> {
        let fapi = Fapi {
            base: options.fapi_base(&browser::page_origin())?,
            timeout_ms: options.timeout_ms(),
            development: options.is_development_key(),
        };
        let (environment, client) = futures::join!(fapi.environment(), fapi.client());
        let (environment, client) = (environment?, client?);
        *self.inner.options.borrow_mut() = options;
        *self.inner.fapi.borrow_mut() = Some(fapi);
        self.listen_across_tabs();
        self.keep_token_fresh();
        self.touch_on_focus();
        self.update(|state| {
            state.loaded = true;
            state.environment = Some(Rc::new(environment));
            state.client = client.map(Rc::new);
            state.current = state.client_current();
        });
        Ok(())
    }

    fn announce(&self, message: browser::TabMessage) {
        if let Some(cross_tab) = &*self.inner.cross_tab.borrow() {
            cross_tab.announce(message);
        }
    }

    /// After a 4xx about a session (ended or removed elsewhere, e.g. in
    /// another tab), this client's list is stale: re-read it, so the menu
    /// stops offering that session. The error still goes to the caller.
    async fn refresh_after(&self, error: ClerkError) -> ClerkError {
        if error.status.is_some_and(|s| (400..500).contains(&s)) {
            let _ = self.refresh_client().await;
        }
        error
    }

    /// Where signing in happens (clerk-js's `buildSignInUrl`): `load`'s
    /// `signInUrl`, else the instance's; else `/`.
    pub fn sign_in_url(&self) -> String {
        let snapshot = self.snapshot();
        let display = snapshot.environment.as_deref().map(|e| &e.display_config);
        first_url([
            self.options().sign_in_url.as_deref(),
            display.map(|d| d.sign_in_url.as_str()),
        ])
    }

    /// Where signing every account out goes (clerk-js's
    /// `buildAfterSignOutUrl`), by the one rule `signOut` follows.
    pub fn after_sign_out_target(&self) -> String {
        let snapshot = self.snapshot();
        let display = snapshot.environment.as_deref().map(|e| &e.display_config);
        sign_out::after_sign_out_url(
            None,
            self.options().after_sign_out_url.as_deref(),
            display,
            true,
        )
    }

    /// Goes to `target` when the page's redirect rules allow it, else to
    /// `/` with a console warning (see [`crate::redirect`]).
    pub fn navigate(&self, target: &str) {
        let policy = self.inner.options.borrow().redirect.clone();
        let page = browser::page_href();
        browser::navigate(&crate::redirect::checked_or_root(target, &page, &policy));
    }

    /// Re-reads the client from the server.
    pub fn refresh_client(&self) -> impl std::future::Future<Output = Result<(), ClerkError>> + '_ {
        self.reread_client(true)
    }

    /// Re-reads the client; `own_change: false` after another tab announced
    /// a change, when the `__session` cookie (shared by every tab of the
    /// origin) is left alone: that tab has set it already, and writing it
    /// here, from an answer that may have left the server before that tab's
    /// next change, could put back a token it has just cleared.
    pub(super) async fn reread_client(&self, own_change: bool) -> Result<(), ClerkError> {
        let client = self.fapi()?.client().await?;
        change_state(self, own_change, |state| state.replace_client(client));
        Ok(())
    }

    /// Signs in with an email address and password; the new session
    /// becomes the active one.
    pub async fn sign_in(&self, identifier: &str, password: &str) -> Result<(), ClerkError> {
        let envelope = self.fapi()?.sign_in(identifier, password).await?;
        let created = envelope.response.created_session_id.clone();
        self.update(|state| {
            state.client = envelope.client.map(Rc::new);
            state.current = match created {
                Some(id) => CurrentSession::Id(id),
                None => state.client_current(),
            };
        });
        self.announce(browser::TabMessage::ClientChanged);
        Ok(())
    }

    /// Makes `session_id` the active session (`None`: no active session).
    pub async fn set_active(&self, session_id: Option<&str>) -> Result<(), ClerkError> {
        let Some(id) = session_id else {
            self.update(|state| state.current = CurrentSession::SignedOut);
            return Ok(());
        };
        let fapi = self.fapi()?;
        let envelope = match fapi.touch_session(id, "select_session").await {
            Ok(envelope) => envelope,
            Err(error) => return Err(self.refresh_after(error).await),
        };
        self.update(|state| {
            state.client = envelope.client.map(Rc::new);
            state.current = CurrentSession::Id(envelope.response.id.clone());
        });
        Ok(())
    }
}

/// Applies a change; with `own_change`, `__session` follows it (see
/// [`Clerk::reread_client`] for when it must not).
fn change_state(clerk: &Clerk, own_change: bool, change: impl FnOnce(&mut Snapshot)) {
    change(&mut clerk.inner.state.borrow_mut());
    if own_change {
        browser::sync_session_cookie(clerk.snapshot().session());
    }
    clerk.notify();
}
