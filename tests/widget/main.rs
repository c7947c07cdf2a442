//! Browser tests of the widget, in headless Chromium, against the real
//! fapi-server that `scripts/test` starts on 127.0.0.1 (`CLERK_TEST_FAPI`)
//! and the fault proxy in front of it (`CLERK_TEST_PROXY`), a module per
//! subject.
//!
//! The tests share one browser page and so one cookie jar: each starts by
//! deleting the browser's client on the server.
#![cfg(target_arch = "wasm32")]

#[path = "../support/mod.rs"]
mod support;

mod failures;
mod js_surface;
mod sign_out;
mod user_button;
mod user_profile;

pub use std::cell::RefCell;
pub use std::rc::Rc;

pub use support::*;

pub use clerk_widget::components::UserButtonProps;
pub use clerk_widget::{Clerk, ClerkOptions, CurrentSession, SignOutOptions};
pub use wasm_bindgen::{JsCast, JsValue};
pub use wasm_bindgen_futures::JsFuture;
pub use wasm_bindgen_test::*;
pub use web_sys::{Element, HtmlElement};
pub use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);
