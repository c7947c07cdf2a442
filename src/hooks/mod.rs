//! Generic hooks: the Clerk handle and its state for any Yew app, and the
//! behaviour of floating panels (placement, dismissal, focus). The
//! UserButton's own hook of actions lives with it in
//! `components/user_button/`. Hooks never import components.

mod use_anchored;
mod use_clerk;
mod use_dismiss;
mod use_focus_trap;
mod use_lazy;

pub use use_anchored::{placement, use_anchored};
pub use use_clerk::{use_clerk, use_snapshot};
pub use use_dismiss::use_dismiss;
pub use use_focus_trap::{active_element, focus_is_nowhere, focusable, use_focus_trap};
pub use use_lazy::{use_lazy, Cache, Lazy, LoadFailed, Loader, Render};
