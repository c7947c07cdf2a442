use fapi_types::PublicUserData;
use yew::prelude::*;

/// Up to two letters from the first and last name, upper-cased; `None`
/// without a name. The browser upper-cases (`toUpperCase`): Rust's
/// `char::to_uppercase` would bring its Unicode tables into the download.
pub fn initials(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let letter = |name: Option<&str>| name.and_then(|n| n.trim().chars().next());
    let text: String = [letter(first), letter(last)]
        .into_iter()
        .flatten()
        .collect();
    (!text.is_empty()).then(|| js_sys::JsString::from(text).to_upper_case().into())
}

#[derive(Properties, PartialEq)]
pub struct AvatarProps {
    #[prop_or_default]
    pub image_url: Option<AttrValue>,
    #[prop_or_default]
    pub initials: Option<AttrValue>,
    /// Accessible name of the image; empty when the button already names it.
    #[prop_or_default]
    pub alt: AttrValue,
    #[prop_or_default]
    pub size: AvatarSize,
}

/// Where the avatar sits, which sets its size and `cl-*` classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AvatarSize {
    /// In the UserButton's trigger (`cl-userButtonAvatarBox`).
    #[default]
    Trigger,
    /// The signed-in user in the popover (`cl-userPreviewAvatarBox`).
    Preview,
    /// Another account in the popover's list.
    Small,
}

impl AvatarProps {
    /// A user's avatar: their image when they have one, else their initials.
    pub fn of(user: &PublicUserData, size: AvatarSize) -> AvatarProps {
        AvatarProps {
            image_url: user
                .has_image
                .then(|| AttrValue::from(user.image_url.clone())),
            initials: initials(user.first_name.as_deref(), user.last_name.as_deref())
                .map(AttrValue::from),
            alt: AttrValue::default(),
            size,
        }
    }
}

/// A round avatar: the image, or initials when there is none or it fails to load.
#[component]
pub fn Avatar(props: &AvatarProps) -> Html {
    let failed = use_state(|| false);
    {
        // A new image gets a new chance to load.
        let failed = failed.clone();
        use_effect_with(props.image_url.clone(), move |_| failed.set(false));
    }
    let image = props
        .image_url
        .clone()
        .filter(|u| !u.is_empty() && !*failed);
    let onerror = {
        let failed = failed.clone();
        Callback::from(move |_: Event| failed.set(true))
    };
    let picture = html! {
        if let Some(src) = image {
            <img class="cl-avatarImage cl-userButtonAvatarImage" {src} alt={props.alt.clone()} {onerror} />
        } else {
            <span class="cl-avatarInitials" aria-hidden="true">
                { props.initials.clone().unwrap_or_else(|| AttrValue::from("?")) }
            </span>
        }
    };
    // Literal classes: html! sends any other `class` value through
    // yew::Classes (an IndexSet), about 3 KB of the gzipped wasm.
    match props.size {
        AvatarSize::Trigger => html! {
            <span class="cl-avatarBox cl-userButtonAvatarBox">{ picture }</span>
        },
        AvatarSize::Preview => html! {
            <span class="cl-avatarBox cl-userPreviewAvatarBox">{ picture }</span>
        },
        AvatarSize::Small => html! {
            <span class="cl-avatarBox cl-userPreviewAvatarBox cl-userPreviewAvatarBox__small">
                { picture }
            </span>
        },
    }
}
