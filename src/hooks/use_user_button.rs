//! The UserButton's handlers in one place (Clerk's `useUserButtonActions`):
//! which action runs, its error, and what each button does.

use fapi_types::DisplayConfig;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::clerk::{Clerk, SignOutOptions, Snapshot};
use crate::components::UserButtonProps;
use crate::error::ClerkError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionId {
    ManageAccount,
    SignOut,
    AddAccount,
    SignOutAll,
    Switch(String),
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

/// Where an action navigates: the first non-empty of the UserButton prop,
/// `Clerk.load`'s option and the instance's display config; else `/`.
fn resolve_url(
    prop: Option<&AttrValue>,
    load_option: Option<String>,
    snapshot: &Snapshot,
    display: impl FnOnce(&DisplayConfig) -> &str,
) -> String {
    let from_display = snapshot
        .environment
        .as_deref()
        .map(|e| display(&e.display_config).to_string());
    [prop.map(|u| u.to_string()), load_option, from_display]
        .into_iter()
        .flatten()
        .find(|u| !u.is_empty())
        .unwrap_or_else(|| "/".into())
}

#[hook]
pub fn use_user_button(
    props: &UserButtonProps,
    clerk: &Clerk,
    snapshot: &Snapshot,
    close: &Callback<bool>,
) -> UserButtonActions {
    let busy = use_state(|| None::<ActionId>);
    let error = use_state(|| None::<ClerkError>);
    let run = {
        let (busy, error) = (busy.clone(), error.clone());
        let (props, clerk, snapshot, close) = (
            props.clone(),
            clerk.clone(),
            snapshot.clone(),
            close.clone(),
        );
        Callback::from(move |action: ActionId| {
            // A second click while an action runs does nothing.
            if busy.is_some() {
                return;
            }
            error.set(None);
            let current = snapshot.session().map(|s| s.id.clone());
            match &action {
                // As Clerk's, the menu closes after "Manage account", "Add
                // account" and a switch, and focus goes back to the trigger.
                ActionId::ManageAccount => {
                    close.emit(true);
                    clerk.navigate(&resolve_url(
                        props.user_profile_url.as_ref(),
                        None,
                        &snapshot,
                        |d| &d.user_profile_url,
                    ));
                    return;
                }
                ActionId::AddAccount => {
                    close.emit(true);
                    clerk.navigate(&resolve_url(
                        props.sign_in_url.as_ref(),
                        clerk.options().sign_in_url,
                        &snapshot,
                        |d| &d.sign_in_url,
                    ));
                    return;
                }
                _ => {}
            }
            busy.set(Some(action.clone()));
            let (busy, error, props, clerk, snapshot, close) = (
                busy.clone(),
                error.clone(),
                props.clone(),
                clerk.clone(),
                snapshot.clone(),
                close.clone(),
            );
            spawn_local(async move {
                let others = snapshot.signed_in_sessions().len() > 1;
                let result = match &action {
                    ActionId::SignOut => {
                        clerk
                            .sign_out(SignOutOptions {
                                // With other accounts signed in, only this one leaves.
                                session_id: if others { current } else { None },
                                // The core picks the target (one rule with
                                // Clerk.signOut()); the prop is the explicit one.
                                redirect_url: props
                                    .after_sign_out_url
                                    .as_ref()
                                    .map(|u| u.to_string()),
                                callback: None,
                            })
                            .await
                    }
                    ActionId::SignOutAll => {
                        clerk
                            .sign_out(SignOutOptions {
                                session_id: None,
                                redirect_url: props
                                    .after_sign_out_url
                                    .as_ref()
                                    .map(|u| u.to_string()),
                                callback: None,
                            })
                            .await
                    }
                    ActionId::Switch(id) => {
                        let switched = clerk.set_active(Some(id)).await;
                        if switched.is_ok() {
                            close.emit(true);
                            if let Some(url) = &props.after_switch_session_url {
                                clerk.navigate(url);
                            }
                        }
                        switched
                    }
                    ActionId::ManageAccount | ActionId::AddAccount => Ok(()),
                };
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
