//! Clerk's UserButton, laid out as Clerk's `UserButton/` folder: the
//! button and its state here, the trigger (`trigger.rs`), the popover
//! (`popover.rs`), its rows of actions and accounts (`session_actions.rs`)
//! and the one hook of what each action does (`use_actions.rs`).

use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};

use yew::prelude::*;

use super::{UserProfile, STYLES};
use crate::clerk::{CurrentSession, Snapshot};
use crate::hooks::{use_dismiss, use_lazy, use_snapshot, Lazy, LoadFailed, Render};
use crate::localization::t;
use crate::resources::Session;

mod custom_items;
mod popover;
mod session_actions;
mod trigger;
mod use_actions;

pub use custom_items::{entries, CustomAction, CustomMenuItem, CustomMenuItems, Entry, MenuIcon};
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
    /// What "Manage account" does: open the account panel (the default),
    /// or go to `user_profile_url`.
    #[prop_or_default]
    pub user_profile_mode: UserProfileMode,
    /// The page's own rows (Clerk's `customMenuItems`), and where the
    /// built-in ones go among them.
    #[prop_or_default]
    pub custom_menu_items: CustomMenuItems,
}

/// Clerk's `userProfileMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserProfileMode {
    /// The account panel opens as a modal dialog over the page.
    #[default]
    Modal,
    /// The page goes to `userProfileUrl` (or the instance's profile URL).
    Navigation,
}

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// The menu's split point: its code is in a wasm file of its own, fetched
/// as soon as a button mounts (so it is here by the first click) and not
/// part of what the page loads before the button shows.
#[cfg(feature = "split")]
#[wasm_split_macros::wasm_split(
    user_button_menu,
    fallible,
    preload(preload_menu),
    wasm_split_path = crate::split
)]
pub fn menu_renderer() -> Result<Render<UserButtonPopoverProps>, LoadFailed> {
    Ok(render_menu)
}

#[cfg(not(feature = "split"))]
async fn menu_renderer() -> Result<Render<UserButtonPopoverProps>, LoadFailed> {
    Ok(render_menu)
}

fn render_menu(props: &UserButtonPopoverProps) -> Html {
    html! { <UserButtonPopover ..props.clone() /> }
}

thread_local! {
    static MENU: Cell<Option<Render<UserButtonPopoverProps>>> = const { Cell::new(None) };
}

/// The open menu, or what stands for it while its code is on the way.
fn menu(code: Lazy<UserButtonPopoverProps>, props: &UserButtonPopoverProps) -> Html {
    match code {
        Lazy::Here(render) => render(props),
        Lazy::Loading => html! {
            <span class="cl-visuallyHidden" role="status">{ t("userButton.menuLoading", "Loading the menu…") }</span>
        },
        Lazy::Failed => html! {
            <p class="cl-userButtonPopoverError" role="alert">
                { t("userButton.menuLoadFailed", "We couldn't load the menu. Check your connection and try again.") }
            </p>
        },
    }
}

/// Whether the menu is open, and why: `defaultOpen` opens it without
/// taking focus from the page (see `use_anchored`).
struct Opening {
    open: UseStateHandle<bool>,
    by_default: std::rc::Rc<std::cell::RefCell<bool>>,
    /// Closes; `true` gives focus back to the trigger.
    close: Callback<bool>,
    toggle: Callback<MouseEvent>,
}

#[hook]
fn use_opening(default_open: bool, trigger: &NodeRef, retry: &UseStateHandle<u32>) -> Opening {
    let open = use_state(|| default_open);
    let by_default = use_mut_ref(|| default_open);
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
    let toggle = {
        let (open, by_default, retry) = (open.clone(), by_default.clone(), retry.clone());
        Callback::from(move |_: MouseEvent| {
            *by_default.borrow_mut() = false;
            if !*open && MENU.get().is_none() {
                // The menu's code did not come (or not yet): ask again.
                retry.set(*retry + 1);
            }
            open.set(!*open)
        })
    };
    Opening {
        open,
        by_default,
        close,
        toggle,
    }
}

/// Clerk's UserButton: an avatar button opening the account menu. Renders
/// nothing while signed out, and comes back after a sign-in; an empty box
/// of the trigger's size before the client is loaded.
#[component]
pub fn UserButton(props: &UserButtonProps) -> Html {
    let snapshot = use_snapshot();
    let popover_id = use_memo((), |_| {
        let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        AttrValue::from(format!("cl-userButton-popover-{n}"))
    });
    let (root, trigger) = (use_node_ref(), use_node_ref());
    let retry = use_state(|| 0u32);
    let code = use_lazy(&MENU, || Box::pin(menu_renderer()), *retry);
    let Opening {
        open,
        by_default,
        close,
        toggle,
    } = use_opening(props.default_open, &trigger, &retry);
    let session = use_shown_session(&snapshot);
    let signed_in = session.is_some();
    let profile_open = use_state(|| false);
    let open_profile = {
        let profile_open = profile_open.clone();
        Callback::from(move |()| profile_open.set(true))
    };
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
        // Until the client is here, the trigger's place is kept: the
        // page's header does not jump when the button appears.
        return if snapshot.loaded {
            Html::default()
        } else {
            html! {
                <div class="cl-rootBox cl-userButtonBox" dir={crate::localization::dir()} lang={crate::localization::locale()}>
                    <style>{ STYLES }</style>
                    <span class="cl-userButtonPlaceholder"></span>
                </div>
            }
        };
    };
    let popover = UserButtonPopoverProps {
        id: (*popover_id).clone(),
        anchor: trigger.clone(),
        take_focus: !*by_default.borrow(),
        session: session.clone(),
        snapshot,
        button: props.clone(),
        on_close: close,
        on_open_profile: open_profile,
    };
    html! {
        <div class="cl-rootBox cl-userButtonBox" ref={root} dir={crate::localization::dir()} lang={crate::localization::locale()}>
            <style>{ STYLES }</style>
            { trigger::view(&trigger, &session, props.show_name, open.then(|| (*popover_id).clone()), toggle) }
            if *open {
                { menu(code, &popover) }
            }
            if *profile_open {
                <UserProfile modal_on_close={let p = profile_open.clone(); Callback::from(move |()| p.set(false))} />
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
