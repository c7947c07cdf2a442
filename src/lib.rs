//! The widget: Clerk's `UserButton` and `signOut()` in Rust/Yew, compiled
//! to WebAssembly, speaking Clerk's Frontend API ([`fapi_types`]).
//!
//! - Plain pages use `window.Clerk` (the loader `js/clerk.js` over the
//!   exports in [`js`]): `Clerk.mountUserButton(el)`, `await Clerk.signOut()`.
//! - Yew apps use the same pieces directly:
//!
//! ```no_run
//! use clerk_widget::{components::UserButton, hooks::use_clerk, SignOutOptions};
//! use yew::prelude::*;
//!
//! #[component]
//! fn Header() -> Html {
//!     let clerk = use_clerk();
//!     let sign_out = Callback::from(move |_| {
//!         let clerk = clerk.clone();
//!         yew::platform::spawn_local(async move {
//!             let _ = clerk.sign_out(SignOutOptions::default()).await;
//!         });
//!     });
//!     html! { <header><UserButton /><button onclick={sign_out}>{"Sign out"}</button></header> }
//! }
//! ```

pub mod browser;
pub mod clerk;
pub mod components;
pub mod error;
pub mod fapi;
pub mod hooks;
mod in_flight;
pub mod js_value;
pub mod localization;
pub mod options;
pub mod redirect;
pub mod resources;
#[cfg(feature = "split")]
pub mod split;
pub mod surface;

pub use clerk::{
    plan_sign_out, Clerk, CurrentSession, Listener, SignOutOptions, SignOutPlan, Snapshot,
};
pub use error::ClerkError;
pub use fapi_types as wire;
pub use options::ClerkOptions;

// Talc instead of dlmalloc: the same job in about 3 KB less of gzipped
// wasm (measured with scripts/size), and faster.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    static GLOBAL: Clerk = Clerk::new();
}

/// The page's Clerk: the one `window.Clerk` drives, and the default of
/// [`hooks::use_clerk`] outside a [`components::ClerkProvider`].
pub fn global() -> Clerk {
    GLOBAL.with(Clerk::clone)
}
