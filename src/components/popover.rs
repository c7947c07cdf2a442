use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::anchored::{position, show_in_top_layer};
use super::icons::{icon, Icon};
use super::{with_class, Avatar, AvatarProps, AvatarSize};
use crate::clerk::Snapshot;
use crate::hooks::{ActionId, UserButtonActions};
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
    pub actions: UserButtonActions,
    /// Asks to close; `true` returns focus to the trigger.
    pub on_close: Callback<bool>,
}

/// The buttons inside `container`, in tab order. Busy actions are only
/// `aria-disabled`, so they keep focus and stay in the cycle.
fn focusable(container: &Element) -> Vec<HtmlElement> {
    let Ok(nodes) = container.query_selector_all("button:not([disabled]), a[href], input") else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The focused element, looking inside a shadow root when there is one.
fn active_element(within: &Element) -> Option<Element> {
    let root = within.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()?.document()?.active_element(),
    }
}

/// Whether nothing on the page has focus.
fn focus_is_nowhere() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    match document.active_element() {
        None => true,
        Some(active) => document.body().is_some_and(|body| {
            let body: &Element = body.as_ref();
            *body == active
        }),
    }
}

fn session_label(session: &Session) -> (String, Option<String>) {
    let data = session.public_user_data.clone();
    match fapi_types::full_name(data.first_name.as_deref(), data.last_name.as_deref()) {
        Some(name) => (name, Some(data.identifier).filter(|i| !i.is_empty())),
        None => (data.identifier, None),
    }
}

/// The account panel: who is signed in, what they can do, and the other
/// accounts of this browser.
#[component]
pub fn UserButtonPopover(props: &UserButtonPopoverProps) -> Html {
    let card = use_node_ref();

    // On opening: the card goes to the top layer at fixed coordinates and
    // follows its trigger when the page scrolls or the window is resized;
    // focus moves into it (see `take_focus`).
    {
        let (card, anchor, take_focus) = (card.clone(), props.anchor.clone(), props.take_focus);
        use_effect_with((), move |_| {
            let card = card.cast::<HtmlElement>();
            let anchor = anchor.cast::<Element>();
            let listeners = card.zip(anchor).map(|(card, anchor)| {
                show_in_top_layer(&card);
                if take_focus || focus_is_nowhere() {
                    if let Some(first) = focusable(&card).into_iter().next() {
                        let _ = first.focus();
                    }
                }
                let reposition = Rc::new(move || position(&card, &anchor));
                reposition();
                let window = web_sys::window().expect("a window");
                let options = EventListenerOptions {
                    phase: EventListenerPhase::Capture,
                    passive: true,
                };
                let on_scroll = reposition.clone();
                (
                    EventListener::new_with_options(&window, "scroll", options, move |_| {
                        on_scroll()
                    }),
                    EventListener::new(&window, "resize", move |_| reposition()),
                )
            });
            move || drop(listeners)
        });
    }

    // Tab and Shift+Tab cycle inside the panel.
    let onkeydown = {
        let card = card.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() != "Tab" {
                return;
            }
            let Some(container) = card.cast::<Element>() else {
                return;
            };
            let items = focusable(&container);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                event.prevent_default();
                return;
            };
            let current = active_element(&container);
            let at = |el: &HtmlElement| {
                current
                    .as_ref()
                    .is_some_and(|c| c == el.unchecked_ref::<Element>())
            };
            let outside = !items.iter().any(at);
            if event.shift_key() && (at(first) || outside) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && (at(last) || outside) {
                event.prevent_default();
                let _ = first.focus();
            }
        })
    };

    let actions = &props.actions;
    let busy = actions.busy.is_some();
    // Every action is this button: its `__<action>` class, disabled while
    // any action runs, a spinner on the running one.
    let action_button = |action: ActionId, content: Html| {
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
                        <span class="cl-spinner" role="status" aria-label="Working"></span>
                    }
                </button>
            },
            classes,
        )
    };
    let button = |action: ActionId, label: &str, which: Icon| {
        action_button(
            action,
            html! {
                <>
                    <span class="cl-userButtonPopoverActionButtonIconBox">{ icon(which) }</span>
                    <span class="cl-userButtonPopoverActionButtonText">{ label.to_string() }</span>
                </>
            },
        )
    };

    let (title, subtitle) = session_label(&props.session);
    let data = props.session.public_user_data.clone();
    let others: Vec<Session> = props
        .snapshot
        .signed_in_sessions()
        .into_iter()
        .filter(|s| s.id != props.session.id)
        .cloned()
        .collect();
    let multi = props.snapshot.multi_session();

    html! {
        <div
            ref={card}
            id={props.id.clone()}
            class="cl-userButtonPopoverCard"
            role="dialog"
            aria-modal="true"
            aria-label="Account panel"
            aria-busy={if busy { "true" } else { "false" }}
            {onkeydown}
        >
            <div class="cl-userPreview cl-userButtonPopoverMain">
                <Avatar ..AvatarProps::of(&data, AvatarSize::Preview) />
                <div class="cl-userPreviewTextContainer">
                    <p class="cl-userPreviewMainIdentifier" title={title.clone()}>{ title }</p>
                    if let Some(subtitle) = subtitle {
                        <p class="cl-userPreviewSecondaryIdentifier" title={subtitle.clone()}>{ subtitle }</p>
                    }
                </div>
            </div>
            <div class="cl-userButtonPopoverActions" role="group" aria-label="Account actions">
                { button(ActionId::ManageAccount, "Manage account", Icon::Gear) }
                { button(ActionId::SignOut, "Sign out", Icon::SignOut) }
            </div>
            if multi {
                <div class="cl-userButtonPopoverActions cl-userButtonPopoverActions__multiSession" role="group" aria-label="Switch account">
                    { for others.iter().map(|session| {
                        let (name, identifier) = session_label(session);
                        let other = session.public_user_data.clone();
                        // Named by its visible text (the group says what a
                        // click does), so voice control users can say it.
                        action_button(
                            ActionId::Switch(session.id.clone()),
                            html! {
                                <>
                                    <span class="cl-userButtonPopoverActionButtonIconBox">
                                        <Avatar ..AvatarProps::of(&other, AvatarSize::Small) />
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
                    }) }
                    { button(ActionId::AddAccount, "Add account", Icon::Plus) }
                </div>
            }
            if let Some(error) = &actions.error {
                <p class="cl-userButtonPopoverError" role="alert">{ error.user_message().to_string() }</p>
            }
            if multi && !others.is_empty() {
                <div class="cl-userButtonPopoverFooter">
                    { button(ActionId::SignOutAll, "Sign out of all accounts", Icon::SignOut) }
                </div>
            }
        </div>
    }
}
