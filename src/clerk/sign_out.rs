//! Sign-out: the plan (a pure decision from the state, before any
//! request), where a full sign-out goes (one rule for `Clerk.signOut()` and
//! the UserButton), and the flow that carries the plan out.

use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture};

use super::{Clerk, CurrentSession, Snapshot};
use crate::browser;
use crate::error::ClerkError;
use crate::in_flight::InFlight;

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
    super::first_url([explicit, load_option, from_display])
}

/// Runs instead of navigating after a full sign-out.
pub type SignOutCallback = Rc<dyn Fn()>;

#[derive(Clone, Default)]
pub struct SignOutOptions {
    pub session_id: Option<String>,
    pub redirect_url: Option<String>,
    pub callback: Option<SignOutCallback>,
}

type Work = LocalBoxFuture<'static, Result<(), ClerkError>>;

/// The sign-out's requests and state changes are in the menu's wasm piece
/// (the menu signs out; a JS load prefetches the piece, see
/// `surface::exports::load`), so the first load does not carry them. A
/// piece that cannot be fetched rejects with `widget_load_failed` before
/// anything changed.
#[cfg(feature = "split")]
#[wasm_split_macros::wasm_split(user_button_menu, fallible, wasm_split_path = crate::split)]
fn sign_out_work(
    clerk: Clerk,
    plan: SignOutPlan,
    options: SignOutOptions,
) -> Result<Work, ClerkError> {
    Ok(async move { clerk.run_sign_out(plan, options).await }.boxed_local())
}

#[cfg(not(feature = "split"))]
async fn sign_out_work(
    clerk: Clerk,
    plan: SignOutPlan,
    options: SignOutOptions,
) -> Result<Work, ClerkError> {
    Ok(async move { clerk.run_sign_out(plan, options).await }.boxed_local())
}

impl Clerk {
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
                    let outcome = match sign_out_work(this.clone(), running.clone(), options).await
                    {
                        Ok(work) => work.await,
                        Err(error) => Err(error),
                    };
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

        let before = self.inner.state.borrow().current.clone();
        self.update(|state| state.current = CurrentSession::Undefined);
        let client = match &session_id {
            None => fapi.remove_all_sessions().await.map(|e| e.client),
            Some(id) => fapi.remove_session(id).await.map(|e| e.client),
        };
        let client = match client {
            Ok(client) => client,
            Err(error) => {
                // The session may still be alive on the server: show it
                // again (re-read first when the server says it is gone).
                self.update(|state| state.current = before);
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
                let all = session_id.is_none();
                let loaded = self.options();
                let load_option = if all {
                    loaded.after_sign_out_url
                } else {
                    loaded
                        .after_multi_session_single_sign_out_url
                        .or(loaded.after_sign_out_url)
                };
                let target = after_sign_out_url(
                    options.redirect_url.as_deref(),
                    load_option.as_deref(),
                    display.as_ref(),
                    all,
                );
                self.navigate(&target);
            }
        }
        self.update(|state| state.current = CurrentSession::SignedOut);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{Client, Session};
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
            current: active.map_or(CurrentSession::SignedOut, |id| {
                CurrentSession::Id(id.into())
            }),
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
        s.current = CurrentSession::Id("sess_b".into());
        assert!(s.session().is_none());
        assert_eq!(s.client_current(), CurrentSession::Id("sess_a".into()));
        s.current = CurrentSession::Undefined;
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
}
