//! Hooks for Yew apps and for the bundled components.

mod use_clerk;
mod use_user_button;

pub use use_clerk::{use_clerk, use_snapshot};
pub use use_user_button::{use_user_button, ActionId, UserButtonActions};
