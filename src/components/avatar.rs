use fapi_types::PublicUserData;
use yew::prelude::*;

/// Up to two letters from the first and last name; `None` without a name.
pub fn initials(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let letter = |name: Option<&str>| {
        name.and_then(|n| n.trim().chars().next())
            .map(|c| c.to_uppercase().to_string())
    };
    let text: String = [letter(first), letter(last)]
        .into_iter()
        .flatten()
        .collect();
    (!text.is_empty()).then_some(text)
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
    pub class: Classes,
}

impl AvatarProps {
    /// A user's avatar: their image when they have one, else their initials.
    pub fn of(user: &PublicUserData, class: &'static str) -> AvatarProps {
        AvatarProps {
            image_url: user
                .has_image
                .then(|| AttrValue::from(user.image_url.clone())),
            initials: initials(user.first_name.as_deref(), user.last_name.as_deref())
                .map(AttrValue::from),
            alt: AttrValue::default(),
            class: classes!(class),
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
    html! {
        <span class={classes!("cl-avatarBox", props.class.clone())}>
            if let Some(src) = image {
                <img class="cl-avatarImage cl-userButtonAvatarImage" {src} alt={props.alt.clone()} {onerror} />
            } else {
                <span class="cl-avatarInitials" aria-hidden="true">
                    { props.initials.clone().unwrap_or_else(|| AttrValue::from("?")) }
                </span>
            }
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_come_from_the_names_present() {
        assert_eq!(
            initials(Some("ada"), Some("Lovelace")).as_deref(),
            Some("AL")
        );
        assert_eq!(initials(None, Some("Hopper")).as_deref(), Some("H"));
        assert_eq!(initials(Some("  "), None), None);
        assert_eq!(initials(Some("élodie"), None).as_deref(), Some("É"));
    }
}
