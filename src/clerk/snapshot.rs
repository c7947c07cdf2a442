//! What listeners and the UI see: the loaded state, as one value.

use std::rc::Rc;

use crate::resources::{Client, Environment, Session, User};

/// Which session is current, as listeners see it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CurrentSession {
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
    pub current: CurrentSession,
}

impl Snapshot {
    /// The current session, when one is active and still signed in.
    pub fn session(&self) -> Option<&Session> {
        let CurrentSession::Id(id) = &self.current else {
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

    /// Takes a client re-read from the server: the current session stays
    /// while it is still signed in, else the client's choice applies.
    pub(super) fn replace_client(&mut self, client: Option<Client>) {
        self.client = client.map(Rc::new);
        self.current = match &self.current {
            CurrentSession::Id(_) if self.session().is_some() => self.current.clone(),
            _ => self.client_current(),
        };
    }

    /// The client's own choice of current session.
    pub(super) fn client_current(&self) -> CurrentSession {
        match self.client.as_deref().and_then(Client::current_session) {
            Some(session) => CurrentSession::Id(session.id.clone()),
            None => CurrentSession::SignedOut,
        }
    }
}
