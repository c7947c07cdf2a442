//! Yew components: one per file (the UserButton a folder of its own),
//! props beside them. Components use hooks; hooks never use components.

use yew::virtual_dom::{AttributeOrProperty, Attributes};
use yew::{AttrValue, Html};

mod avatar;
mod icons;
mod provider;
mod sign_in;
pub mod user_button;
pub mod user_profile;

pub use avatar::{initials, Avatar, AvatarProps, AvatarSize};
pub use provider::{ClerkProvider, ClerkProviderProps};
pub use sign_in::{SignIn, SignInProps};
pub use user_button::{
    UserButton, UserButtonPopover, UserButtonPopoverProps, UserButtonProps, UserProfileMode,
};
pub use user_profile::{UserProfile, UserProfileProps};

/// The widget's stylesheet: every rule is under a `cl-` class, and
/// `mountUserButton` puts it in a shadow root so that host pages and the
/// widget cannot restyle each other.
pub const STYLES: &str = include_str!("styles.css");

/// Gives an element built by `html!` its `class` list. `html!` sends every
/// `class` that is not a string literal through `yew::Classes` (an IndexSet:
/// about 3 KB of the gzipped wasm), while the widget's lists are fixed
/// strings chosen at run time. So the element is written with a literal
/// placeholder class and at least one dynamic attribute (which makes its
/// attributes `Attributes::Dynamic`), and this swaps the class value.
fn with_class(mut node: Html, class: &'static str) -> Html {
    // A node fresh from html! has no other owner, so get_mut succeeds.
    let slot = match &mut node {
        Html::VTag(tag) => std::rc::Rc::get_mut(tag).and_then(|tag| match &mut tag.attributes {
            Attributes::Dynamic { keys, values } => keys
                .iter()
                .position(|key| *key == "class")
                .map(|index| &mut values[index]),
            _ => None,
        }),
        _ => None,
    };
    // Debug builds (the browser tests) catch a call site that breaks the rule.
    debug_assert!(
        slot.is_some(),
        "with_class: no literal class among dynamic attributes"
    );
    if let Some(slot) = slot {
        *slot = Some(AttributeOrProperty::Attribute(AttrValue::Static(class)));
    }
    node
}
