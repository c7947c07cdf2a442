//! The rows of the popover: its action buttons, and the other signed-in
//! accounts (Clerk's `SessionActions`).

use yew::prelude::*;

use super::{custom_items, ActionId, CustomMenuItem, UserButtonActions};
use crate::components::icons::{icon, Icon};
use crate::components::{with_class, Avatar, AvatarProps, AvatarSize};
use crate::localization::t;
use crate::resources::Session;

/// Every action is this button: its `__<action>` class, disabled while any
/// action runs, a spinner on the running one. Keyed by the action, so the
/// button that has focus keeps it while the list around it changes.
pub fn action_button(actions: &UserButtonActions, action: ActionId, content: Html) -> Html {
    let busy = actions.busy.is_some();
    let running = actions.busy.as_ref() == Some(&action);
    let key = action.key();
    let session_id = match &action {
        ActionId::Switch(id) => Some(id.clone()),
        _ => None,
    };
    let classes = action.classes();
    let run = actions.run.clone();
    let onclick = Callback::from(move |_: MouseEvent| run.emit(action.clone()));
    with_class(
        html! {
            <button
                {key}
                type="button"
                class="cl-userButtonPopoverActionButton"
                data-session-id={session_id}
                aria-disabled={if busy { "true" } else { "false" }}
                aria-busy={if running { "true" } else { "false" }}
                {onclick}
            >
                { content }
                if running {
                    <span class="cl-spinner" role="status" aria-label={t("userButton.busy", "Working")}></span>
                }
            </button>
        },
        classes,
    )
}

/// An action with an icon and a label ("Manage account", "Sign out", ...).
pub fn labelled(
    actions: &UserButtonActions,
    action: ActionId,
    label: AttrValue,
    which: Icon,
) -> Html {
    action_button(
        actions,
        action,
        html! {
            <>
                <span class="cl-userButtonPopoverActionButtonIconBox">{ icon(which) }</span>
                <span class="cl-userButtonPopoverActionButtonText">{ label }</span>
            </>
        },
    )
}

/// One of the page's `customMenuItems`.
pub fn custom_row(actions: &UserButtonActions, index: usize, item: &CustomMenuItem) -> Html {
    action_button(
        actions,
        ActionId::Custom(index, item.label.clone()),
        html! {
            <>
                <span class="cl-userButtonPopoverActionButtonIconBox cl-userButtonPopoverCustomItemButtonIconBox">
                    { custom_items::icon(&item.icon) }
                </span>
                <span class="cl-userButtonPopoverActionButtonText">{ item.label.clone() }</span>
            </>
        },
    )
}

/// Another signed-in account: a click makes it the current one. Named by
/// its visible text (the group says what a click does), so voice control
/// users can say it.
pub fn other_account(actions: &UserButtonActions, session: &Session) -> Html {
    let data = &session.public_user_data;
    let (name, identifier) = data.title_and_subtitle();
    action_button(
        actions,
        ActionId::Switch(session.id.clone()),
        html! {
            <>
                <span class="cl-userButtonPopoverActionButtonIconBox">
                    <Avatar ..AvatarProps::of(data, AvatarSize::Small) />
                </span>
                <span class="cl-userPreviewTextContainer">
                    <span class="cl-userPreviewMainIdentifier" title={name.clone()}>{ name }</span>
                    if let Some(identifier) = identifier {
                        <span class="cl-userPreviewSecondaryIdentifier" title={identifier.clone()}>
                            { identifier }
                        </span>
                    }
                </span>
            </>
        },
    )
}
