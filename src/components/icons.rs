//! The menu's icons, as inline SVG like Clerk's: the same on every system,
//! whatever fonts the page has, and drawn in the text's colour.

use yew::prelude::*;

/// Which icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Gear,
    SignOut,
    Plus,
}

/// A 16 px icon, hidden from screen readers (the button's text names it).
pub fn icon(which: Icon) -> Html {
    let path = match which {
        // A cog: a ring with eight teeth.
        Icon::Gear => {
            "M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Zm5.3 3.7.9.7-1.2 2.1-1.1-.4a4.6 4.6 0 0 \
             1-1.3.8L10.4 13.6H8.1l-.2-1.2a4.6 4.6 0 0 1-1.3-.8l-1.1.4-1.2-2.1.9-.7a4.8 4.8 0 0 \
             1 0-1.5l-.9-.7 1.2-2.1 1.1.4a4.6 4.6 0 0 1 1.3-.8l.2-1.2h2.3l.2 1.2a4.6 4.6 0 0 1 \
             1.3.8l1.1-.4 1.2 2.1-.9.7a4.8 4.8 0 0 1 0 1.5Z"
        }
        // An arrow leaving a door frame.
        Icon::SignOut => "M6 2.5H3.5v11H6M10.5 11 13.5 8l-3-3M13.5 8H6",
        Icon::Plus => "M8 3v10M3 8h10",
    };
    html! {
        <svg class="cl-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" aria-hidden="true"
            focusable="false">
            <path d={path} stroke="currentColor" stroke-width="1.4" stroke-linecap="round"
                stroke-linejoin="round" />
        </svg>
    }
}
