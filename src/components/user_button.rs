use std::sync::atomic::{AtomicU32, Ordering};

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::resources::Session;

use super::{Avatar, AvatarProps, AvatarSize, UserButtonPopover, STYLES};
use crate::clerk::CurrentSession;
use crate::hooks::{use_clerk, use_snapshot, use_user_button};

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
    // menu does not take focus from the page (see the popover's take_focus).
    let opened_by_default = use_mut_ref(|| props.default_open);
    let popover_id = use_memo((), |_| {
        format!(
            "cl-userButton-popover-{}",
            NEXT_ID.fetch_add(1, Ordering::Relaxed)
        )
    });
    let root = use_node_ref();
    let trigger = use_node_ref();
    // While a sign-out runs the session reads as undefined: keep showing the
    // account (with the action's progress) until the server has answered.
    let last_session = use_mut_ref(|| None::<Session>);
    let session = match (&snapshot.current, snapshot.session()) {
        (_, Some(current)) => Some(current.clone()),
        (CurrentSession::Undefined, None) => last_session.borrow().clone(),
        _ => None,
    };
    *last_session.borrow_mut() = session.clone();
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
    let actions = use_user_button(props, &clerk, &snapshot, &close);

    // While the menu is open: a press outside the button and its menu
    // closes it, and so does Escape, wherever focus is on the page (an
    // action under way or a failure must not leave it stuck open).
    {
        let (root, close) = (root.clone(), close.clone());
        use_effect_with(*open && signed_in, move |listening| {
            let document = listening
                .then(|| web_sys::window().and_then(|w| w.document()))
                .flatten();
            let listeners = document.map(|document| {
                let pointer = {
                    let close = close.clone();
                    EventListener::new(&document, "pointerdown", move |event| {
                        let Some(root) = root.get() else { return };
                        let root: &wasm_bindgen::JsValue = root.as_ref();
                        let inside = event.composed_path().iter().any(|target| &target == root);
                        if !inside {
                            close.emit(true);
                        }
                    })
                };
                let escape = EventListener::new(&document, "keydown", move |event| {
                    let escape = event
                        .dyn_ref::<KeyboardEvent>()
                        .is_some_and(|e| e.key() == "Escape");
                    if escape {
                        event.prevent_default();
                        close.emit(true);
                    }
                });
                (pointer, escape)
            });
            move || drop(listeners)
        });
    }
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
    let data = session.public_user_data.clone();
    let full_name = fapi_types::full_name(data.first_name.as_deref(), data.last_name.as_deref());
    let toggle = {
        let (open, opened_by_default) = (open.clone(), opened_by_default.clone());
        Callback::from(move |_: MouseEvent| {
            *opened_by_default.borrow_mut() = false;
            open.set(!*open)
        })
    };
    let who = full_name.unwrap_or_else(|| data.identifier.clone());
    // The button is named by its text: whose menu it is (the visible name
    // with showName, else hidden text), then ", user menu". No aria-label,
    // so the name always starts with what is shown (WCAG 2.5.3);
    // aria-expanded tells whether the menu is open.
    html! {
        <div class="cl-rootBox cl-userButtonBox" ref={root.clone()}>
            <style>{ STYLES }</style>
            <button
                ref={trigger.clone()}
                type="button"
                class="cl-userButtonTrigger"
                aria-expanded={if *open { "true" } else { "false" }}
                aria-haspopup="dialog"
                aria-controls={open.then(|| AttrValue::from((*popover_id).clone()))}
                onclick={toggle}
            >
                <Avatar ..AvatarProps::of(&data, AvatarSize::Trigger) />
                if props.show_name {
                    <span class="cl-userButtonOuterIdentifier" title={who.clone()}>{ who.clone() }</span>
                    <span class="cl-visuallyHidden">{ ", user menu" }</span>
                } else {
                    <span class="cl-visuallyHidden">{ format!("{who}, user menu") }</span>
                }
            </button>
            if *open {
                <UserButtonPopover
                    id={(*popover_id).clone()}
                    anchor={trigger.clone()}
                    take_focus={!*opened_by_default.borrow()}
                    session={session.clone()}
                    snapshot={snapshot.clone()}
                    actions={actions.clone()}
                    on_close={close.clone()}
                />
            }
        </div>
    }
}
