//! The UserButton's trigger: the avatar (and, with `showName`, the name)
//! that opens and closes the popover.

use yew::prelude::*;

use crate::components::{Avatar, AvatarProps, AvatarSize};
use crate::localization::t;
use crate::resources::Session;

/// The button is named by its text: whose menu it is (the visible name
/// with `showName`, else hidden text), then ", user menu". No aria-label,
/// so the name always starts with what is shown (WCAG 2.5.3);
/// `aria-expanded` tells whether the menu is open, `aria-controls` which
/// popover it opened.
pub fn view(
    node: &NodeRef,
    session: &Session,
    show_name: bool,
    open_popover: Option<AttrValue>,
    onclick: Callback<MouseEvent>,
) -> Html {
    let data = &session.public_user_data;
    let (who, _) = data.title_and_subtitle();
    let open = open_popover.is_some();
    let suffix = t("userButton.triggerSuffix", ", user menu");
    html! {
        <button
            ref={node.clone()}
            type="button"
            class="cl-userButtonTrigger"
            aria-expanded={if open { "true" } else { "false" }}
            aria-haspopup="dialog"
            aria-controls={open_popover}
            {onclick}
        >
            <Avatar ..AvatarProps::of(data, AvatarSize::Trigger) />
            if show_name {
                <span class="cl-userButtonOuterIdentifier" title={who.clone()}>{ who }</span>
                <span class="cl-visuallyHidden">{ suffix }</span>
            } else {
                <span class="cl-visuallyHidden">{ format!("{who}{suffix}") }</span>
            }
        </button>
    }
}
