//! Clerk's UserButton, laid out as Clerk's `UserButton/` folder: the
//! button and its state here, the trigger (`trigger.rs`), the popover
//! (`popover.rs`), its rows of actions and accounts (`session_actions.rs`)
//! and the one hook of what each action does (`use_actions.rs`).

use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

use super::STYLES;
use crate::clerk::{CurrentSession, Snapshot};
use crate::hooks::{use_clerk, use_dismiss, use_snapshot};
use crate::resources::Session;

mod popover;
mod session_actions;
mod trigger;
mod use_actions;

pub use popover::{UserButtonPopover, UserButtonPopoverProps};
pub use use_actions::{use_user_button_actions, ActionId, UserButtonActions};

#[derive(Properties, PartialEq, Clone, Default)]
pub struct UserButtonProps {
    /// Show the user's name beside the avatar.
    #[prop_or_default]
    pub show_name: bool,
    /// Open the menu on mount.
    #[prop_or_default]
    pub default_open: bool,
    #[prop_or_default]
    pub after_sign_out_url: Option<AttrValue>,
    #[prop_or_default]
    pub sign_in_url: Option<AttrValue>,
    #[prop_or_default]
    pub user_profile_url: Option<AttrValue>,
    #[prop_or_default]
    pub after_switch_session_url: Option<AttrValue>,
}

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// Clerk's UserButton: an avatar button opening the account menu. Renders
/// nothing while signed out, and comes back after a sign-in.
#[component]
pub fn UserButton(props: &UserButtonProps) -> Html {
    let clerk = use_clerk();
    let snapshot = use_snapshot();
    let open = use_state(|| props.default_open);
    // Open because of `defaultOpen`, not because someone asked: then the
    // menu does not take focus from the page (see `use_anchored`).
    let opened_by_default = use_mut_ref(|| props.default_open);
    let popover_id = use_memo((), |_| {
        let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        AttrValue::from(format!("cl-userButton-popover-{n}"))
    });
    let root = use_node_ref();
    let trigger = use_node_ref();
    let session = use_shown_session(&snapshot);
    let signed_in = session.is_some();

    let close = {
        let (open, trigger) = (open.clone(), trigger.clone());
        Callback::from(move |return_focus: bool| {
            open.set(false);
            if return_focus {
                if let Some(button) = trigger.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    let actions = use_user_button_actions(props, &clerk, &snapshot, &close);
    use_dismiss(*open && signed_in, root.clone(), close.reform(|()| true));
    // Signed out: the menu closes, and opens closed after the next sign-in.
    {
        let open = open.clone();
        use_effect_with(signed_in, move |signed_in| {
            if !signed_in {
                open.set(false);
            }
        });
    }

    let Some(session) = session else {
        return Html::default();
    };
    let toggle = {
        let (open, opened_by_default) = (open.clone(), opened_by_default.clone());
        Callback::from(move |_: MouseEvent| {
            *opened_by_default.borrow_mut() = false;
            open.set(!*open)
        })
    };
    html! {
        <div class="cl-rootBox cl-userButtonBox" ref={root}>
            <style>{ STYLES }</style>
            { trigger::view(&trigger, &session, props.show_name, open.then(|| (*popover_id).clone()), toggle) }
            if *open {
                <UserButtonPopover
                    id={(*popover_id).clone()}
                    anchor={trigger.clone()}
                    take_focus={!*opened_by_default.borrow()}
                    {session}
                    {snapshot}
                    {actions}
                    on_close={close}
                />
            }
        </div>
    }
}

/// The session the button shows: the current one; while a full sign-out
/// runs (the session reads as undefined), the last one shown, so the
/// account and the action's progress stay until the server has answered.
#[hook]
fn use_shown_session(snapshot: &Snapshot) -> Option<Session> {
    let last_shown = use_mut_ref(|| None::<Session>);
    let session = match (&snapshot.current, snapshot.session()) {
        (_, Some(current)) => Some(current.clone()),
        (CurrentSession::Undefined, None) => last_shown.borrow().clone(),
        _ => None,
    };
    *last_shown.borrow_mut() = session.clone();
    session
}
