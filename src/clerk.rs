//! The Clerk core: state, sign-in, sign-out, account switching, listeners.
//!
//! Plain Rust over the FAPI client: the JS surface (`js.rs`) and the Yew
//! components both drive this one object, so `window.Clerk.signOut()` and
//! a Yew app's `use_clerk().sign_out(..)` are the same code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::FutureExt;

use crate::browser;
use crate::error::{codes, ClerkError};
use crate::fapi::Fapi;
use crate::in_flight::InFlight;
use crate::options::ClerkOptions;
use crate::resources::{Client, Environment, Session, User};

/// Which session is current, as listeners see it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ActiveSession {
    /// Not known yet, or a full sign-out is under way (clerk-js: `undefined`).
    #[default]
    Undefined,
    /// Signed out (clerk-js: `null`).
    SignedOut,
    Id(String),
}

/// Everything the UI shows; listeners get a fresh copy after every change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub loaded: bool,
    pub environment: Option<Rc<Environment>>,
    pub client: Option<Rc<Client>>,
    pub active: ActiveSession,
}

impl Snapshot {
    /// The current session, when one is active and still signed in.
    pub fn session(&self) -> Option<&Session> {
        let ActiveSession::Id(id) = &self.active else {
            return None;
        };
        self.client
            .as_deref()?
            .signed_in_sessions()
            .find(|s| &s.id == id)
    }

    pub fn user(&self) -> Option<&User> {
        self.session()?.user.as_ref()
    }

    pub fn signed_in_sessions(&self) -> Vec<&Session> {
        self.client
            .as_deref()
            .map(|c| c.signed_in_sessions().collect())
            .unwrap_or_default()
    }

    /// Multi-session mode: several accounts may be signed in at once.
    pub fn multi_session(&self) -> bool {
        self.environment
            .as_deref()
            .is_some_and(|e| !e.single_session_mode)
    }

    /// The client's own choice of current session.
    fn client_current(&self) -> ActiveSession {
        match self.client.as_deref().and_then(Client::current_session) {
            Some(session) => ActiveSession::Id(session.id.clone()),
            None => ActiveSession::SignedOut,
        }
    }
}

/// What `signOut` will do, decided from the state before any request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignOutPlan {
    /// No client, no signed-in session, or an unknown `sessionId`.
    Nothing,
    /// `POST /v1/client/sessions?_method=DELETE`, then a full sign-out.
    RemoveAll,
    /// `POST /v1/client/sessions/{id}/remove`; a full sign-out when `full`.
    RemoveOne { session_id: String, full: bool },
}

/// clerk-js's sign-out table (CLERK-CONTRACT section 4).
pub fn plan_sign_out(snapshot: &Snapshot, session_id: Option<&str>) -> SignOutPlan {
    let signed_in = snapshot.signed_in_sessions();
    if signed_in.is_empty() {
        return SignOutPlan::Nothing;
    }
    let Some(requested) = session_id else {
        return SignOutPlan::RemoveAll;
    };
    if !signed_in.iter().any(|s| s.id == requested) {
        return SignOutPlan::Nothing;
    }
    if signed_in.len() == 1 {
        return SignOutPlan::RemoveAll;
    }
    let current = snapshot.session().map(|s| s.id.as_str());
    SignOutPlan::RemoveOne {
        session_id: requested.to_string(),
        full: current == Some(requested),
    }
}

/// Where a full sign-out goes: one rule for `Clerk.signOut()` and the
/// UserButton's "Sign out" / "Sign out of all accounts", as clerk-js has.
/// The first non-empty of: the explicit target (`signOut`'s `redirectUrl`,
/// the UserButton's `afterSignOutUrl`), `load`'s `afterSignOutUrl`, the
/// instance's display config (`after_sign_out_all_url` when every account
/// leaves, `after_sign_out_one_url` when one of several does); else `/`.
pub fn after_sign_out_url(
    explicit: Option<&str>,
    load_option: Option<&str>,
    display: Option<&fapi_types::DisplayConfig>,
    all: bool,
) -> String {
    let from_display = display.map(|d| {
        if all {
            d.after_sign_out_all_url.as_str()
        } else {
            d.after_sign_out_one_url.as_str()
        }
    });
    [explicit, load_option, from_display]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| !u.is_empty())
        .unwrap_or("/")
        .to_string()
}

/// Window focus touches the session at most this often.
pub const FOCUS_TOUCH_MS: f64 = 5_000.0;
/// How often the held session token is checked for renewal.
const TOKEN_CHECK_MS: u32 = 15_000;
/// A held token is renewed when it has less than this left.
pub const TOKEN_MIN_VALIDITY_SECS: f64 = 20.0;

/// Seconds until a JWT's `exp`; 0 when it cannot be read.
fn seconds_left(jwt: &str) -> f64 {
    let exp = jwt
        .split('.')
        .nth(1)
        .and_then(crate::options::base64_decode)
        .and_then(|payload| String::from_utf8(payload).ok())
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .and_then(|claims| crate::js_value::field(&claims, "exp").as_f64());
    exp.map_or(0.0, |exp| exp - js_sys::Date::now() / 1000.0)
}

/// Runs instead of navigating after a full sign-out.
pub type SignOutCallback = Rc<dyn Fn()>;

#[derive(Clone, Default)]
pub struct SignOutOptions {
    pub session_id: Option<String>,
    pub redirect_url: Option<String>,
    pub callback: Option<SignOutCallback>,
}

type ListenerFn = Rc<dyn Fn(&Snapshot)>;

struct Inner {
    options: RefCell<ClerkOptions>,
    fapi: RefCell<Option<Fapi>>,
    state: RefCell<Snapshot>,
    listeners: RefCell<Vec<(u64, ListenerFn)>>,
    next_listener: Cell<u64>,
    sign_out_in_flight: RefCell<Option<(SignOutPlan, InFlight)>>,
    load_in_flight: RefCell<Option<(ClerkOptions, InFlight)>>,
    cross_tab: RefCell<Option<browser::CrossTab>>,
    token_refresher: RefCell<Option<gloo_timers::callback::Interval>>,
    focus_listener: RefCell<Option<gloo_events::EventListener>>,
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

/// Removes its listener when dropped.
#[must_use = "the listener is removed when this handle is dropped"]
pub struct Listener {
    clerk: std::rc::Weak<Inner>,
    id: u64,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(inner) = self.clerk.upgrade() {
            Clerk { inner }.remove_listener(self.id);
        }
    }
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

    pub fn listener_count(&self) -> usize {
        self.inner.listeners.borrow().len()
    }

    /// Calls `f` now (once loaded) and after every change, until the
    /// returned handle is dropped.
    pub fn add_listener(&self, f: impl Fn(&Snapshot) + 'static) -> Listener {
        Listener {
            clerk: Rc::downgrade(&self.inner),
            id: self.listen(Rc::new(f)),
        }
    }

    /// Like [`Clerk::add_listener`], but the listener stays until
    /// [`Clerk::remove_listener`] is called with the returned id (the JS
    /// surface's listeners, whose unsubscribe function a page may drop).
    pub fn listen(&self, f: Rc<dyn Fn(&Snapshot)>) -> u64 {
        let id = self.inner.next_listener.get();
        self.inner.next_listener.set(id + 1);
        self.inner.listeners.borrow_mut().push((id, f.clone()));
        let snapshot = self.snapshot();
        if snapshot.loaded {
            f(&snapshot);
        }
        id
    }

    /// Removes a listener; ids are never reused, so a stale id removes nothing.
    pub fn remove_listener(&self, id: u64) {
        self.inner
            .listeners
            .borrow_mut()
            .retain(|(listener, _)| *listener != id);
    }

    fn notify(&self) {
        let snapshot = self.snapshot();
        // Listeners may add or remove listeners: call a copy of the list.
        let listeners: Vec<ListenerFn> = self
            .inner
            .listeners
            .borrow()
            .iter()
            .map(|(_, f)| f.clone())
            .collect();
        for listener in listeners {
            listener(&snapshot);
        }
    }

    fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        change(&mut self.inner.state.borrow_mut());
        let snapshot = self.snapshot();
        browser::sync_session_cookie(snapshot.session());
        self.notify();
    }

    /// Replaces the client with what the server sent; the active session
    /// falls back to the client's choice when it is no longer signed in.
    fn apply_client(&self, client: Option<Client>) {
        self.update(|state| {
            state.client = client.map(Rc::new);
            if matches!(state.active, ActiveSession::Id(_)) && state.session().is_none() {
                state.active = state.client_current();
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
            state.active = state.client_current();
        });
        Ok(())
    }

    fn listen_across_tabs(&self) {
        if self.inner.cross_tab.borrow().is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        let cross_tab = browser::CrossTab::listen(move |_| {
            if let Some(inner) = weak.upgrade() {
                let clerk = Clerk { inner };
                wasm_bindgen_futures::spawn_local(async move {
                    // Another tab signed in or out: show it here without navigating.
                    let _ = clerk.refresh_client().await;
                });
            }
        });
        *self.inner.cross_tab.borrow_mut() = cross_tab;
    }

    /// Tells the server the session is in use when the window gains focus
    /// (`touch` with `intent=focus`, at most once per [`FOCUS_TOUCH_MS`]).
    fn touch_on_focus(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if self.inner.focus_listener.borrow().is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        let listener = gloo_events::EventListener::new(&window, "focus", move |_| {
            let Some(inner) = weak.upgrade() else { return };
            let now = js_sys::Date::now();
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
        *self.inner.focus_listener.borrow_mut() = Some(listener);
    }

    /// Session JWTs live 60 s: while signed in, renew the one in `__session`
    /// before it expires, as clerk-js does.
    fn keep_token_fresh(&self) {
        if self.inner.token_refresher.borrow().is_some() {
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        let interval = gloo_timers::callback::Interval::new(TOKEN_CHECK_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let clerk = Clerk { inner };
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = clerk.get_token(false).await;
                });
            }
        });
        *self.inner.token_refresher.borrow_mut() = Some(interval);
    }

    /// The current session's JWT: the one held when it is valid for at least
    /// [`TOKEN_MIN_VALIDITY_SECS`] more, else a fresh one from the server
    /// (always fresh with `skip_cache`). `None` when signed out.
    pub async fn get_token(&self, skip_cache: bool) -> Result<Option<String>, ClerkError> {
        let Some(session) = self.snapshot().session().cloned() else {
            return Ok(None);
        };
        let held = session.last_active_token.clone();
        if let Some(jwt) =
            held.filter(|jwt| !skip_cache && seconds_left(jwt) >= TOKEN_MIN_VALIDITY_SECS)
        {
            return Ok(Some(jwt));
        }
        let token = self.fapi()?.token(&session.id).await?;
        let jwt = token.jwt.clone();
        self.update(|state| {
            if let Some(client) = state.client.as_deref() {
                let mut client = client.clone();
                if let Some(s) = client.sessions.iter_mut().find(|s| s.id == session.id) {
                    s.set_token(&token);
                }
                state.client = Some(Rc::new(client));
            }
        });
        Ok(Some(jwt))
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

    /// Goes to `target` when the page's redirect rules allow it, else to
    /// `/` with a console warning (see [`crate::redirect`]).
    pub fn navigate(&self, target: &str) {
        let policy = self.inner.options.borrow().redirect.clone();
        let page = browser::page_href();
        browser::navigate(&crate::redirect::checked_or_root(target, &page, &policy));
    }

    /// Re-reads the client from the server.
    pub async fn refresh_client(&self) -> Result<(), ClerkError> {
        let client = self.fapi()?.client().await?;
        self.update(|state| {
            state.client = client.map(Rc::new);
            state.active = match &state.active {
                ActiveSession::Id(_) if state.session().is_some() => state.active.clone(),
                _ => state.client_current(),
            };
        });
        Ok(())
    }

    /// Signs in with an email address and password; the new session
    /// becomes the active one.
    pub async fn sign_in(&self, identifier: &str, password: &str) -> Result<(), ClerkError> {
        let envelope = self.fapi()?.sign_in(identifier, password).await?;
        let created = envelope.response.created_session_id.clone();
        self.update(|state| {
            state.client = envelope.client.map(Rc::new);
            state.active = match created {
                Some(id) => ActiveSession::Id(id),
                None => state.client_current(),
            };
        });
        self.announce(browser::TabMessage::ClientChanged);
        Ok(())
    }

    /// Makes `session_id` the active session (`None`: no active session).
    pub async fn set_active(&self, session_id: Option<&str>) -> Result<(), ClerkError> {
        let Some(id) = session_id else {
            self.update(|state| state.active = ActiveSession::SignedOut);
            return Ok(());
        };
        let fapi = self.fapi()?;
        let envelope = match fapi.touch_session(id, "select_session").await {
            Ok(envelope) => envelope,
            Err(error) => return Err(self.refresh_after(error).await),
        };
        self.update(|state| {
            state.client = envelope.client.map(Rc::new);
            state.active = ActiveSession::Id(envelope.response.id.clone());
        });
        Ok(())
    }

    /// clerk-js's `signOut`, with the failures handled better: the request
    /// has a deadline, a failure rejects with a [`ClerkError`] and leaves
    /// the state as the server last said, and identical concurrent calls
    /// share one request.
    pub async fn sign_out(&self, options: SignOutOptions) -> Result<(), ClerkError> {
        let plan = plan_sign_out(&self.snapshot(), options.session_id.as_deref());
        if plan == SignOutPlan::Nothing {
            return Ok(());
        }
        let joined = match &*self.inner.sign_out_in_flight.borrow() {
            Some((running, sign_out)) if *running == plan => Some(sign_out.clone()),
            _ => None,
        };
        let sign_out = joined.unwrap_or_else(|| {
            let this = self.clone();
            let running = plan.clone();
            let sign_out = InFlight::spawn(
                async move {
                    let outcome = this.run_sign_out(running.clone(), options).await;
                    let mut in_flight = this.inner.sign_out_in_flight.borrow_mut();
                    if in_flight.as_ref().is_some_and(|(plan, _)| *plan == running) {
                        in_flight.take();
                    }
                    outcome
                }
                .boxed_local(),
            );
            *self.inner.sign_out_in_flight.borrow_mut() = Some((plan, sign_out.clone()));
            sign_out
        });
        sign_out.outcome().await
    }

    async fn run_sign_out(
        &self,
        plan: SignOutPlan,
        options: SignOutOptions,
    ) -> Result<(), ClerkError> {
        let fapi = self.fapi()?;
        let (session_id, full) = match plan {
            SignOutPlan::Nothing => return Ok(()),
            SignOutPlan::RemoveAll => (None, true),
            SignOutPlan::RemoveOne { session_id, full } => (Some(session_id), full),
        };
        if !full {
            let removed = fapi
                .remove_session(session_id.as_deref().unwrap_or_default())
                .await;
            let envelope = match removed {
                Ok(envelope) => envelope,
                Err(error) => return Err(self.refresh_after(error).await),
            };
            self.apply_client(envelope.client);
            self.announce(browser::TabMessage::ClientChanged);
            return Ok(());
        }

        let before = self.inner.state.borrow().active.clone();
        self.update(|state| state.active = ActiveSession::Undefined);
        let client = match &session_id {
            None => fapi.remove_all_sessions().await.map(|e| e.client),
            Some(id) => fapi.remove_session(id).await.map(|e| e.client),
        };
        let client = match client {
            Ok(client) => client,
            Err(error) => {
                // The session may still be alive on the server: show it
                // again (re-read first when the server says it is gone).
                self.update(|state| state.active = before);
                return Err(self.refresh_after(error).await);
            }
        };
        self.inner.state.borrow_mut().client = client.map(Rc::new);
        browser::sync_session_cookie(None);
        self.announce(browser::TabMessage::SignOut);
        match &options.callback {
            Some(callback) => callback(),
            None => {
                let display = self
                    .inner
                    .state
                    .borrow()
                    .environment
                    .as_ref()
                    .map(|e| e.display_config.clone());
                let target = after_sign_out_url(
                    options.redirect_url.as_deref(),
                    self.options().after_sign_out_url.as_deref(),
                    display.as_ref(),
                    session_id.is_none(),
                );
                self.navigate(&target);
            }
        }
        self.update(|state| state.active = ActiveSession::SignedOut);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fapi_types::SessionStatus;

    fn session(id: &str, status: SessionStatus) -> Session {
        Session {
            id: id.into(),
            status,
            last_active_token: None,
            user: None,
            public_user_data: Default::default(),
            js: wasm_bindgen::JsValue::UNDEFINED,
        }
    }

    fn snapshot(sessions: &[(&str, SessionStatus)], active: Option<&str>) -> Snapshot {
        let client = Client {
            id: "client_1".into(),
            sessions: sessions.iter().map(|(id, s)| session(id, *s)).collect(),
            last_active_session_id: active.map(Into::into),
            js: wasm_bindgen::JsValue::UNDEFINED,
        };
        Snapshot {
            loaded: true,
            environment: None,
            client: Some(Rc::new(client)),
            active: active.map_or(ActiveSession::SignedOut, |id| ActiveSession::Id(id.into())),
        }
    }

    use SessionStatus::{Active, Removed};

    #[test]
    fn no_client_or_no_sessions_means_no_request() {
        assert_eq!(
            plan_sign_out(&Snapshot::default(), None),
            SignOutPlan::Nothing
        );
        let ended = snapshot(&[("sess_a", Removed)], None);
        assert_eq!(plan_sign_out(&ended, None), SignOutPlan::Nothing);
    }

    #[test]
    fn no_session_id_or_a_single_session_removes_all() {
        let one = snapshot(&[("sess_a", Active)], Some("sess_a"));
        assert_eq!(plan_sign_out(&one, None), SignOutPlan::RemoveAll);
        assert_eq!(plan_sign_out(&one, Some("sess_a")), SignOutPlan::RemoveAll);
        let two = snapshot(&[("sess_a", Active), ("sess_b", Active)], Some("sess_a"));
        assert_eq!(plan_sign_out(&two, None), SignOutPlan::RemoveAll);
    }

    #[test]
    fn the_current_of_several_is_removed_with_a_full_sign_out() {
        let two = snapshot(&[("sess_a", Active), ("sess_b", Active)], Some("sess_a"));
        assert_eq!(
            plan_sign_out(&two, Some("sess_a")),
            SignOutPlan::RemoveOne {
                session_id: "sess_a".into(),
                full: true
            }
        );
        assert_eq!(
            plan_sign_out(&two, Some("sess_b")),
            SignOutPlan::RemoveOne {
                session_id: "sess_b".into(),
                full: false
            }
        );
    }

    #[test]
    fn an_unknown_or_ended_session_id_does_nothing() {
        let two = snapshot(
            &[("sess_a", Active), ("sess_b", Active), ("sess_c", Removed)],
            Some("sess_a"),
        );
        assert_eq!(plan_sign_out(&two, Some("sess_x")), SignOutPlan::Nothing);
        assert_eq!(plan_sign_out(&two, Some("sess_c")), SignOutPlan::Nothing);
    }

    #[test]
    fn the_session_is_the_active_one_only_while_signed_in() {
        let mut s = snapshot(&[("sess_a", Active), ("sess_b", Removed)], Some("sess_a"));
        assert_eq!(s.session().unwrap().id, "sess_a");
        s.active = ActiveSession::Id("sess_b".into());
        assert!(s.session().is_none());
        assert_eq!(s.client_current(), ActiveSession::Id("sess_a".into()));
        s.active = ActiveSession::Undefined;
        assert!(s.session().is_none());
    }

    #[test]
    fn a_full_sign_out_goes_to_the_first_of_explicit_load_option_display_config() {
        let display = fapi_types::DisplayConfig {
            after_sign_out_all_url: "https://app.example/all".into(),
            after_sign_out_one_url: "https://app.example/one".into(),
            ..Default::default()
        };
        let d = Some(&display);
        assert_eq!(after_sign_out_url(Some("/x"), Some("/load"), d, true), "/x");
        assert_eq!(after_sign_out_url(None, Some("/load"), d, true), "/load");
        assert_eq!(
            after_sign_out_url(Some(" "), None, d, true),
            "https://app.example/all"
        );
        assert_eq!(
            after_sign_out_url(None, None, d, false),
            "https://app.example/one"
        );
        assert_eq!(after_sign_out_url(None, None, None, true), "/");
    }

    #[test]
    fn listeners_stop_when_their_handle_drops() {
        let clerk = Clerk::new();
        let calls = Rc::new(Cell::new(0));
        let counter = calls.clone();
        let handle = clerk.add_listener(move |_| counter.set(counter.get() + 1));
        assert_eq!(calls.get(), 0, "not called before load");
        clerk.notify();
        assert_eq!(calls.get(), 1);
        drop(handle);
        clerk.notify();
        assert_eq!(calls.get(), 1);
        assert_eq!(clerk.listener_count(), 0);
    }
}
