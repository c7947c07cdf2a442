//! The widget: Clerk's `UserButton` and `signOut()` in Rust/Yew, compiled to
//! WebAssembly. It speaks the wire format in [`fapi_types`].
//!
//! This crate is a placeholder until the widget issue lands; the server
//! (`crates/fapi-server`) it will talk to is complete.

pub use fapi_types as wire;
