//! `customMenuItems`: the page's own rows in the menu ("Billing", "Help"),
//! and where the built-in "Manage account" and "Sign out" go among them.
//! The types live with the button's props; the rows are drawn by the menu
//! (its wasm piece), with the rest of its actions.

use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::js_value::field;

/// The button's `customMenuItems`. Kept as the page gave them until the
/// menu reads them (in its own wasm piece): the first load only compares
/// them, by identity.
#[derive(Clone, Default)]
pub enum CustomMenuItems {
    #[default]
    None,
    /// `mountUserButton`'s array, as `clerk.js` checked it.
    Js(JsValue),
    /// A Yew app's.
    Rust(Rc<[CustomMenuItem]>),
}

impl PartialEq for CustomMenuItems {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (CustomMenuItems::None, CustomMenuItems::None) => true,
            (CustomMenuItems::Js(a), CustomMenuItems::Js(b)) => a == b,
            (CustomMenuItems::Rust(a), CustomMenuItems::Rust(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl CustomMenuItems {
    pub fn items(&self) -> Rc<[CustomMenuItem]> {
        match self {
            CustomMenuItems::None => Rc::new([]),
            CustomMenuItems::Js(list) => from_js(list).into(),
            CustomMenuItems::Rust(items) => items.clone(),
        }
    }
}

/// The built-in labels place the built-in rows; else `href` makes a link,
/// `onClick` an action (`clerk.js` refused anything else).
fn from_js(list: &JsValue) -> Vec<CustomMenuItem> {
    if !js_sys::Array::is_array(list) {
        return Vec::new();
    }
    js_sys::Array::from(list)
        .iter()
        .filter_map(|item| {
            let label = field(&item, "label").as_string()?;
            let function = |key| field(&item, key).dyn_into::<Function>().ok();
            let action = match label.as_str() {
                "manageAccount" => CustomAction::ManageAccount,
                "signOut" => CustomAction::SignOut,
                _ => match (field(&item, "href").as_string(), function("onClick")) {
                    (Some(href), _) => CustomAction::Link(href.into()),
                    (None, Some(on_click)) => CustomAction::Js(on_click),
                    (None, None) => return None,
                },
            };
            let icon = match function("mountIcon") {
                Some(mount) => MenuIcon::Js {
                    mount,
                    unmount: function("unmountIcon"),
                },
                None => MenuIcon::None,
            };
            Some(CustomMenuItem {
                label: label.into(),
                action,
                icon,
            })
        })
        .collect()
}

/// One entry of `customMenuItems`.
#[derive(Clone)]
pub struct CustomMenuItem {
    pub label: AttrValue,
    pub action: CustomAction,
    pub icon: MenuIcon,
}

/// What a row does.
#[derive(Clone)]
pub enum CustomAction {
    /// `{ label: "manageAccount" }`: the built-in row, placed here.
    ManageAccount,
    /// `{ label: "signOut" }`: the built-in row, placed here.
    SignOut,
    /// `href`: goes there, under the redirect rules.
    Link(AttrValue),
    /// `onClick`, from JavaScript: a throw or a rejected promise is shown
    /// in the menu, which then stays open.
    Js(Function),
    /// A Yew app's action.
    Callback(Callback<()>),
}

/// The row's icon.
#[derive(Clone, Default)]
pub enum MenuIcon {
    #[default]
    None,
    /// A Yew app's icon. (A function rather than `Html`: comparing props
    /// holding `Html` would bring the whole virtual DOM's equality into the
    /// first load.)
    Render(fn() -> Html),
    /// `mountIcon(el)` when the row appears, `unmountIcon(el)` when it goes.
    Js {
        mount: Function,
        unmount: Option<Function>,
    },
}

/// A row of the menu's action group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    ManageAccount,
    SignOut,
    /// The custom item at this index.
    Custom(usize),
}

/// The action group's rows, by clerk-js's rule: the items in the order
/// given (the built-in ones where the list names them), then the built-in
/// rows it does not name; "Manage account" goes first unless the list
/// places it.
pub fn entries(items: &[CustomMenuItem]) -> Vec<Entry> {
    let placed = |action: fn(&CustomAction) -> bool| items.iter().any(|i| action(&i.action));
    let manage_placed = placed(|a| matches!(a, CustomAction::ManageAccount));
    let sign_out_placed = placed(|a| matches!(a, CustomAction::SignOut));
    let mut rows = Vec::with_capacity(items.len() + 2);
    if !manage_placed {
        rows.push(Entry::ManageAccount);
    }
    rows.extend(items.iter().enumerate().map(|(i, item)| match item.action {
        CustomAction::ManageAccount => Entry::ManageAccount,
        CustomAction::SignOut => Entry::SignOut,
        _ => Entry::Custom(i),
    }));
    if !sign_out_placed {
        rows.push(Entry::SignOut);
    }
    rows
}

/// A custom row's icon: a Yew app's, or the box the page's `mountIcon(el)`
/// fills (see [`use_page_icons`]).
pub fn icon(icon: &MenuIcon) -> Html {
    match icon {
        MenuIcon::Render(render) => render(),
        _ => html! { <span class="cl-userButtonPopoverCustomItemIcon"></span> },
    }
}

/// Calls the page's `mountIcon(el)` for each custom row once the menu is
/// drawn, and `unmountIcon(el)` when it closes. (One effect for the menu:
/// a component per icon would cost the menu's wasm 2 KB.)
#[hook]
pub fn use_page_icons(card: NodeRef, items: Rc<[CustomMenuItem]>) {
    use_effect_with((), move |_| {
        let mut mounted = Vec::new();
        if let Some(card) = card.cast::<web_sys::Element>() {
            let boxes = card
                .query_selector_all(".cl-userButtonPopoverCustomItemIcon")
                .ok();
            let pairs = items
                .iter()
                .filter(|i| {
                    !matches!(
                        i.action,
                        CustomAction::ManageAccount | CustomAction::SignOut
                    )
                })
                .zip((0..).map_while(|n| boxes.as_ref()?.get(n)));
            for (item, el) in pairs {
                if let MenuIcon::Js { mount, unmount } = &item.icon {
                    if let Err(error) = mount.call1(&JsValue::NULL, &el) {
                        web_sys::console::error_2(&"Clerk: mountIcon threw:".into(), &error);
                    }
                    mounted.push((unmount.clone(), el));
                }
            }
        }
        move || {
            for (unmount, el) in mounted {
                if let Some(unmount) = unmount {
                    let _ = unmount.call1(&JsValue::NULL, &el);
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(action: CustomAction) -> CustomMenuItem {
        CustomMenuItem {
            label: "x".into(),
            action,
            icon: MenuIcon::None,
        }
    }
    fn link() -> CustomMenuItem {
        item(CustomAction::Link("/billing".into()))
    }

    #[test]
    fn the_built_in_rows_go_where_clerk_puts_them() {
        use Entry::*;
        assert_eq!(entries(&[]), [ManageAccount, SignOut]);
        // Custom rows alone: after "Manage account", before "Sign out".
        assert_eq!(
            entries(&[link(), link()]),
            [ManageAccount, Custom(0), Custom(1), SignOut]
        );
        // Sign out placed first: "Manage account" still leads.
        assert_eq!(
            entries(&[item(CustomAction::SignOut), link()]),
            [ManageAccount, SignOut, Custom(1)]
        );
        // Both placed: exactly the list's order.
        assert_eq!(
            entries(&[
                item(CustomAction::SignOut),
                link(),
                item(CustomAction::ManageAccount)
            ]),
            [SignOut, Custom(1), ManageAccount]
        );
        // Manage account placed last, sign out not named: it ends the list.
        assert_eq!(
            entries(&[link(), item(CustomAction::ManageAccount)]),
            [Custom(0), ManageAccount, SignOut]
        );
    }
}
