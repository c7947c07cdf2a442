//! The account panel the trigger opens: who is signed in, what they can
//! do, and the other accounts of this browser.

use yew::prelude::*;

use super::custom_items::use_page_icons;
use super::session_actions::{custom_row, labelled, other_account};
use super::{entries, use_user_button_actions, ActionId, Entry, UserButtonProps};
use crate::clerk::Snapshot;
use crate::components::icons::Icon;
use crate::components::{Avatar, AvatarProps, AvatarSize};
use crate::hooks::{use_anchored, use_clerk, use_focus_trap};
use crate::localization::t;
use crate::resources::Session;

#[derive(Properties, PartialEq, Clone)]
pub struct UserButtonPopoverProps {
    pub id: AttrValue,
    /// The trigger: the card is placed against it.
    pub anchor: NodeRef,
    /// Opened by the person (not by `defaultOpen`): focus moves into the
    /// card. Opened by `defaultOpen`, it does only when nothing else on the
    /// page has focus, never away from a field someone is typing in.
    pub take_focus: bool,
    pub session: Session,
    pub snapshot: Snapshot,
    /// The button's props: where its actions go.
    pub button: UserButtonProps,
    /// Asks to close; `true` returns focus to the trigger.
    pub on_close: Callback<bool>,
    /// Opens the account panel (the button keeps it: it outlives the menu).
    pub on_open_profile: Callback<()>,
}

#[component]
pub fn UserButtonPopover(props: &UserButtonPopoverProps) -> Html {
    let card = use_node_ref();
    use_anchored(card.clone(), props.anchor.clone(), props.take_focus);
    let onkeydown = use_focus_trap(card.clone());
    let clerk = use_clerk();
    // The actions live with the menu, so their code loads with it; an
    // action under way goes on in the core if the menu closes meanwhile.
    let actions = &use_user_button_actions(
        &props.button,
        &clerk,
        &props.snapshot,
        &props.on_close,
        &props.on_open_profile,
    );
    let busy = actions.busy.is_some();
    let data = &props.session.public_user_data;
    let (title, subtitle) = data.title_and_subtitle();
    let others: Vec<&Session> = props
        .snapshot
        .signed_in_sessions()
        .into_iter()
        .filter(|s| s.id != props.session.id)
        .collect();
    let multi = props.snapshot.multi_session();
    let items = &props.button.custom_menu_items.items();
    use_page_icons(card.clone(), items.clone());

    html! {
        <div
            ref={card}
            id={props.id.clone()}
            class="cl-userButtonPopoverCard"
            role="dialog"
            aria-modal="true"
            aria-label={t("userButton.popoverLabel", "Account panel")}
            aria-busy={if busy { "true" } else { "false" }}
            {onkeydown}
        >
            <div class="cl-userPreview cl-userButtonPopoverMain">
                <Avatar ..AvatarProps::of(data, AvatarSize::Preview) />
                <div class="cl-userPreviewTextContainer">
                    <p class="cl-userPreviewMainIdentifier" title={title.clone()}>{ title }</p>
                    if let Some(subtitle) = subtitle {
                        <p class="cl-userPreviewSecondaryIdentifier" title={subtitle.clone()}>{ subtitle }</p>
                    }
                </div>
            </div>
            <div class="cl-userButtonPopoverActions" role="group" aria-label={t("userButton.actionsLabel", "Account actions")}>
                { for entries(items).into_iter().map(|entry| match entry {
                    Entry::ManageAccount => labelled(actions, ActionId::ManageAccount, t("userButton.action__manageAccount", "Manage account"), Icon::Gear),
                    Entry::SignOut => labelled(actions, ActionId::SignOut, t("userButton.action__signOut", "Sign out"), Icon::SignOut),
                    Entry::Custom(index) => custom_row(actions, index, &items[index]),
                }) }
            </div>
            if multi {
                <div class="cl-userButtonPopoverActions cl-userButtonPopoverActions__multiSession" role="group" aria-label={t("userButton.switchLabel", "Switch account")}>
                    { for others.iter().map(|session| other_account(actions, session)) }
                    { labelled(actions, ActionId::AddAccount, t("userButton.action__addAccount", "Add account"), Icon::Plus) }
                </div>
            }
            if let Some(error) = &actions.error {
                <p class="cl-userButtonPopoverError" role="alert">{ error.user_message().to_string() }</p>
            }
            if multi && !others.is_empty() {
                <div class="cl-userButtonPopoverFooter">
                    { labelled(actions, ActionId::SignOutAll, t("userButton.action__signOutAll", "Sign out of all accounts"), Icon::SignOut) }
                </div>
            }
        </div>
    }
}
