//! The JavaScript surface, over the typed Rust API.
//!
//! `js/clerk.js` turns the exports into `window.Clerk`. Every argument is
//! checked here: a wrong one is a `TypeError` with a clear message, and a
//! failure is a rejected `ClerkError` (an `Error` with `code`, `status`,
//! `longMessage`), never a Rust panic, which would kill the widget for the
//! whole page.
//!
//! - `args`: the readers of JS values (strings, booleans, objects, lists,
//!   host elements) and their `TypeError`s;
//! - `parse`: each call's arguments, read with those;
//! - `convert`: errors and state as the JS objects clerk-js code expects;
//! - `exports`: the `#[wasm_bindgen]` functions themselves;
//! - `mounts`: where mounted components live on the host page.

mod args;
mod convert;
mod exports;
pub mod mounts;
mod parse;

pub use convert::clerk_error_to_js;
pub use exports::*;
pub use parse::{
    parse_load_options, parse_set_active, parse_sign_in_props, parse_sign_out_args,
    parse_user_button_props, parse_user_profile_props,
};
