//! The UserButton's actions in one place (Clerk's `useMultisessionActions`):
//! which action runs, its error, and what each button does.

use fapi_types::DisplayConfig;
use yew::platform::spawn_local;
use yew::prelude::*;

use wasm_bindgen::{JsCast, JsValue};

use super::{CustomAction, CustomMenuItem, UserButtonProps, UserProfileMode};
use crate::clerk::{first_url, Clerk, SignOutOptions, Snapshot};
use crate::error::ClerkError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionId {
    ManageAccount,
    SignOut,
    AddAccount,
    SignOutAll,
    Switch(String),
    /// The custom item at this index of the button's `customMenuItems`,
    /// and its label (unique: `clerk.js` refuses a repeated one), its key.
    Custom(usize, AttrValue),
}

impl ActionId {
    /// Keeps each button the same element across renders, so the one
    /// that has focus keeps it while the list around it changes.
    pub fn key(&self) -> yew::virtual_dom::Key {
        match self {
            ActionId::ManageAccount => "manageAccount".into(),
            ActionId::SignOut => "signOut".into(),
            ActionId::AddAccount => "addAccount".into(),
            ActionId::SignOutAll => "signOutAll".into(),
            ActionId::Switch(session_id) => session_id.as_str().into(),
            ActionId::Custom(_, label) => label.as_str().into(),
        }
    }

    /// The button's classes: `cl-userButtonPopoverActionButton` and its
    /// `__<action>` variant.
    pub fn classes(&self) -> &'static str {
        match self {
            ActionId::ManageAccount => {
                "cl-userButtonPopoverActionButton cl-userButtonPopoverActionButton__manageAccount"
            }
            ActionId::SignOut => {
                "cl-userButtonPopoverActionButton cl-userButtonPopoverActionButton__signOut"
            }
            ActionId::AddAccount => {
                "cl-userButtonPopoverActionButton cl-userButtonPopoverActionButton__addAccount"
            }
            ActionId::SignOutAll => {
                "cl-userButtonPopoverActionButton cl-userButtonPopoverActionButton__signOutAll"
            }
            ActionId::Switch(_) => {
                "cl-userButtonPopoverActionButton cl-userButtonPopoverActionButton__switchSession"
            }
            ActionId::Custom(..) => {
                "cl-userButtonPopoverActionButton cl-userButtonPopoverCustomItemButton"
            }
        }
    }
}

#[derive(Clone, PartialEq)]
pub struct UserButtonActions {
    /// The action under way: every action is disabled meanwhile.
    pub busy: Option<ActionId>,
    /// The last failure, shown in the menu until the next action.
    pub error: Option<ClerkError>,
    pub run: Callback<ActionId>,
}

/// What a click needs: the props, the Clerk and state it was rendered
/// with, and how to close the menu.
#[derive(Clone)]
struct Context {
    props: UserButtonProps,
    clerk: Clerk,
    snapshot: Snapshot,
    close: Callback<bool>,
    open_profile: Callback<()>,
}

impl Context {
    /// Where an action navigates: the prop, then `load`'s option (when
    /// there is one), then the instance's display config.
    fn url(
        &self,
        prop: &Option<AttrValue>,
        load_option: Option<String>,
        display: impl FnOnce(&DisplayConfig) -> &str,
    ) -> String {
        let display_config = self
            .snapshot
            .environment
            .as_deref()
            .map(|e| &e.display_config);
        first_url([
            prop.as_deref(),
            load_option.as_deref(),
            display_config.map(display),
        ])
    }

    /// "Manage account" and "Add account" only navigate; as Clerk's, the
    /// menu closes first and focus goes back to the trigger. `false` for
    /// the actions that call the server.
    fn navigate_now(&self, action: &ActionId) -> bool {
        let target = match action {
            ActionId::ManageAccount if self.props.user_profile_mode == UserProfileMode::Modal => {
                // Focus goes back to the trigger first: the dialog returns
                // it there when it closes.
                self.close.emit(true);
                self.open_profile.emit(());
                return true;
            }
            ActionId::ManageAccount => {
                self.url(&self.props.user_profile_url, None, |d| &d.user_profile_url)
            }
            ActionId::AddAccount => self.url(
                &self.props.sign_in_url,
                self.clerk.options().sign_in_url,
                |d| &d.sign_in_url,
            ),
            ActionId::Custom(index, _) => {
                let items = self.props.custom_menu_items.items();
                match items.get(*index).map(|i| &i.action) {
                    Some(CustomAction::Link(href)) => href.to_string(),
                    Some(CustomAction::Callback(callback)) => {
                        self.close.emit(true);
                        callback.emit(());
                        return true;
                    }
                    _ => return false,
                }
            }
            _ => return false,
        };
        self.close.emit(true);
        self.clerk.navigate(&target);
        true
    }

    /// Runs the page's `onClick`: a throw, or a promise it returns that
    /// rejects, is the action's error (shown in the menu); else the menu
    /// closes.
    async fn run_custom(&self, index: usize) -> Result<(), ClerkError> {
        let items = self.props.custom_menu_items.items();
        let Some(CustomMenuItem {
            label,
            action: CustomAction::Js(on_click),
            ..
        }) = items.get(index)
        else {
            return Ok(());
        };
        // `clerk.js` wraps every onClick in a promise (a throw rejects it).
        let outcome = match on_click.call0(&JsValue::NULL) {
            Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
                .await
                .map(drop),
            Err(thrown) => Err(thrown),
        };
        match outcome {
            Ok(()) => {
                self.close.emit(true);
                Ok(())
            }
            Err(thrown) => {
                web_sys::console::error_2(
                    &"Clerk: a custom menu item's onClick failed:".into(),
                    &thrown,
                );
                let why = thrown
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| thrown.as_string())
                    .unwrap_or_default();
                let mut error = ClerkError::new("custom_action_failed", why.clone());
                error.long_message = Some(crate::localization::t_with(
                    "userButton.customActionFailed",
                    "{{label}} didn't work: {{reason}}",
                    &[("label", label), ("reason", &why)],
                ));
                Err(error)
            }
        }
    }

    /// Runs an action that calls the server.
    async fn run(self, action: ActionId) -> Result<(), ClerkError> {
        let sign_out = |session_id: Option<String>| SignOutOptions {
            session_id,
            // The core picks the target (one rule with Clerk.signOut());
            // the prop is the explicit one.
            redirect_url: self
                .props
                .after_sign_out_url
                .as_ref()
                .map(|u| u.to_string()),
            callback: None,
        };
        match &action {
            ActionId::SignOut => {
                // With other accounts signed in, only this one leaves.
                let others = self.snapshot.signed_in_sessions().len() > 1;
                let current = self.snapshot.session().map(|s| s.id.clone());
                let session_id = if others { current } else { None };
                self.clerk.sign_out(sign_out(session_id)).await
            }
            ActionId::SignOutAll => self.clerk.sign_out(sign_out(None)).await,
            ActionId::Switch(id) => {
                self.clerk.set_active(Some(id)).await?;
                self.close.emit(true);
                if let Some(url) = &self.props.after_switch_session_url {
                    self.clerk.navigate(url);
                }
                Ok(())
            }
            ActionId::Custom(index, _) => self.run_custom(*index).await,
            ActionId::ManageAccount | ActionId::AddAccount => Ok(()),
        }
    }
}

/// The UserButton's actions: `run` starts one (a second click while one
/// runs does nothing), `busy` and `error` say how it is going.
#[hook]
pub fn use_user_button_actions(
    props: &UserButtonProps,
    clerk: &Clerk,
    snapshot: &Snapshot,
    close: &Callback<bool>,
    open_profile: &Callback<()>,
) -> UserButtonActions {
    let busy = use_state(|| None::<ActionId>);
    let error = use_state(|| None::<ClerkError>);
    let context = Context {
        props: props.clone(),
        clerk: clerk.clone(),
        snapshot: snapshot.clone(),
        close: close.clone(),
        open_profile: open_profile.clone(),
    };
    let run = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |action: ActionId| {
            if busy.is_some() {
                return;
            }
            error.set(None);
            if context.navigate_now(&action) {
                return;
            }
            busy.set(Some(action.clone()));
            let (busy, error, context) = (busy.clone(), error.clone(), context.clone());
            spawn_local(async move {
                let result = context.run(action).await;
                busy.set(None);
                if let Err(e) = result {
                    error.set(Some(e));
                }
            });
        })
    };
    UserButtonActions {
        busy: (*busy).clone(),
        error: (*error).clone(),
        run,
    }
}
