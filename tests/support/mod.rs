//! What the browser test crates share: the real server and the fault
//! proxy (`scripts/with-test-server`), waiting, and a UserButton harness.
#![allow(dead_code)]

use std::rc::Rc;

use clerk_widget::components::{ClerkProvider, UserButton, UserButtonProps};
use clerk_widget::fapi::{Fapi, FapiRequest, Verb};
use clerk_widget::{Clerk, ClerkOptions, CurrentSession, SignOutOptions};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

pub const ADA: &str = "ada@example.com";
pub const GRACE: &str = "grace@example.com";
pub const PASSWORD: &str = "demo-password-123";

pub fn fapi_url() -> &'static str {
    option_env!("CLERK_TEST_FAPI").unwrap_or("http://127.0.0.1:3000")
}

pub fn proxy_url() -> &'static str {
    option_env!("CLERK_TEST_PROXY").unwrap_or("http://127.0.0.1:3001")
}

pub fn raw(base: &str) -> Fapi {
    Fapi {
        base: base.to_string(),
        timeout_ms: 10_000,
        development: false,
    }
}

/// Forgets this browser's client on the server: every test starts signed out.
pub async fn reset() {
    let _ = raw(fapi_url())
        .send(&FapiRequest::new(Verb::Delete, "/v1/client"))
        .await;
    set_fault("pass").await;
    clear_log().await;
}

pub async fn post_text(url: &str, body: &str) {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let request = web_sys::Request::new_with_str_and_init(url, &init).unwrap();
    let window = web_sys::window().unwrap();
    wasm_bindgen_futures::JsFuture::from(window.fetch_with_request(&request))
        .await
        .unwrap();
}

pub async fn set_fault(mode: &str) {
    post_text(&format!("{}/__fault/mode", proxy_url()), mode).await;
}

pub async fn clear_log() {
    post_text(&format!("{}/__fault/clear", proxy_url()), "").await;
}

/// What reached the fault proxy: (method, path with query, body).
pub async fn proxy_log() -> Vec<(String, String, String)> {
    let window = web_sys::window().unwrap();
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(
        window.fetch_with_str(&format!("{}/__fault/log", proxy_url())),
    )
    .await
    .unwrap()
    .unchecked_into();
    let text = wasm_bindgen_futures::JsFuture::from(response.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    entries
        .into_iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap().to_string(),
                e["url"].as_str().unwrap().to_string(),
                e["body"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Requests after load, without the version query parameters.
pub async fn requests_since_load() -> Vec<String> {
    proxy_log()
        .await
        .into_iter()
        .filter(|(_, url, _)| {
            !url.starts_with("/v1/environment") && !url.starts_with("/v1/client?")
        })
        .map(|(method, url, body)| {
            let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| !p.is_empty())
                .filter(|p| {
                    !p.starts_with("__clerk_api_version=") && !p.starts_with("_clerk_js_version=")
                })
                .collect();
            if kept.is_empty() {
                format!("{method} {path} [{body}]")
            } else {
                format!("{method} {path}?{} [{body}]", kept.join("&"))
            }
        })
        .collect()
}

/// A Clerk talking through the fault proxy, loaded, after a reset.
pub async fn clerk_via_proxy() -> Clerk {
    reset().await;
    let clerk = Clerk::new();
    clerk
        .load(ClerkOptions {
            frontend_api: Some(proxy_url().into()),
            after_sign_out_url: Some("#signed-out".into()),
            request_timeout_ms: Some(1_500),
            ..Default::default()
        })
        .await
        .expect("loads through the proxy");
    clerk
}

/// Lets Yew render and run its effects: a re-render's effects (the
/// menu's page listeners) run a macrotask after the render itself.
pub async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

pub async fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Sign-out options whose callback replaces navigation, so the test page stays.
pub fn staying() -> SignOutOptions {
    SignOutOptions {
        callback: Some(Rc::new(|| {})),
        ..Default::default()
    }
}

pub fn active_id(clerk: &Clerk) -> Option<String> {
    match clerk.snapshot().current {
        CurrentSession::Id(id) => Some(id),
        _ => None,
    }
}

pub fn cookies() -> String {
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .unwrap()
        .cookie()
        .unwrap()
}

pub fn location_hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

pub fn set_hash(hash: &str) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
}

pub fn is_type_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::TypeError>()
}

pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn new_host() -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Runs the garbage collector (Chromium runs with --expose-gc, see
/// webdriver.json) and lets finalizers run.
pub async fn collect_garbage() {
    let gc: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("gc"))
        .unwrap()
        .dyn_into()
        .expect("Chromium runs with --js-flags=--expose-gc");
    for _ in 0..3 {
        gc.call0(&JsValue::NULL).unwrap();
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

pub struct Mounted {
    pub host: Element,
    pub app: Option<yew::AppHandle<Harness>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }
}

impl Mounted {
    pub fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.host
            .query_selector(selector)
            .unwrap()
            .map(|e| e.unchecked_into())
    }

    pub fn trigger(&self) -> HtmlElement {
        self.find(".cl-userButtonTrigger").expect("the trigger")
    }

    pub fn dialog(&self) -> Option<HtmlElement> {
        self.find("[role=dialog]")
    }

    pub fn action(&self, id: &str) -> Option<HtmlElement> {
        self.find(&format!(".cl-userButtonPopoverActionButton__{id}"))
    }
}

#[derive(Properties, PartialEq)]
pub struct HarnessProps {
    pub clerk: Clerk,
    pub props: UserButtonProps,
}

#[component]
pub fn Harness(p: &HarnessProps) -> Html {
    html! {
        <ClerkProvider clerk={p.clerk.clone()}>
            <UserButton ..p.props.clone() />
        </ClerkProvider>
    }
}

pub async fn mount(clerk: &Clerk, props: UserButtonProps) -> Mounted {
    let host = new_host();
    let app = yew::Renderer::<Harness>::with_root_and_props(
        host.clone(),
        HarnessProps {
            clerk: clerk.clone(),
            props,
        },
    )
    .render();
    tick().await;
    Mounted {
        host,
        app: Some(app),
    }
}

/// Mounts with the menu open (`defaultOpen`), rendered.
pub async fn mount_open(clerk: &Clerk, props: UserButtonProps) -> Mounted {
    let ui = mount(
        clerk,
        UserButtonProps {
            default_open: true,
            ..props
        },
    )
    .await;
    tick().await;
    ui
}

pub fn active_element() -> Option<Element> {
    document().active_element()
}

pub fn key(target: &HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub trait FindSpinner {
    fn find_spinner(&self) -> bool;
}

impl FindSpinner for HtmlElement {
    fn find_spinner(&self) -> bool {
        self.query_selector(".cl-spinner").unwrap().is_some()
    }
}

/// The page's global Clerk (the one `window.Clerk` drives), loaded from the
/// server directly, after a reset.
pub async fn loaded_global() -> Clerk {
    reset().await;
    let global = clerk_widget::global();
    global
        .load(ClerkOptions {
            frontend_api: Some(fapi_url().into()),
            ..Default::default()
        })
        .await
        .unwrap();
    global.refresh_client().await.unwrap();
    global
}
