//! Browser tests of the widget, in headless Chromium, against the real
//! fapi-server that `scripts/test` starts on 127.0.0.1 (`CLERK_TEST_FAPI`)
//! and the fault proxy in front of it (`CLERK_TEST_PROXY`).
//!
//! The tests share one browser page and so one cookie jar: each starts by
//! deleting the browser's client on the server.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use clerk_widget::components::{ClerkProvider, UserButton, UserButtonProps};
use clerk_widget::fapi::{Fapi, FapiRequest, Verb};
use clerk_widget::{ActiveSession, Clerk, ClerkOptions, SignOutOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const ADA: &str = "ada@example.com";
const GRACE: &str = "grace@example.com";
const PASSWORD: &str = "demo-password-123";

fn fapi_url() -> &'static str {
    option_env!("CLERK_TEST_FAPI").unwrap_or("http://127.0.0.1:3000")
}

fn proxy_url() -> &'static str {
    option_env!("CLERK_TEST_PROXY").unwrap_or("http://127.0.0.1:3001")
}

fn raw(base: &str) -> Fapi {
    Fapi {
        base: base.to_string(),
        timeout_ms: 10_000,
        development: false,
    }
}

/// Forgets this browser's client on the server: every test starts signed out.
async fn reset() {
    let _ = raw(fapi_url())
        .send(&FapiRequest::new(Verb::Delete, "/v1/client"))
        .await;
    set_fault("pass").await;
    clear_log().await;
}

async fn post_text(url: &str, body: &str) {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let request = web_sys::Request::new_with_str_and_init(url, &init).unwrap();
    let window = web_sys::window().unwrap();
    wasm_bindgen_futures::JsFuture::from(window.fetch_with_request(&request))
        .await
        .unwrap();
}

async fn set_fault(mode: &str) {
    post_text(&format!("{}/__fault/mode", proxy_url()), mode).await;
}

async fn clear_log() {
    post_text(&format!("{}/__fault/clear", proxy_url()), "").await;
}

/// What reached the fault proxy: (method, path with query, body).
async fn proxy_log() -> Vec<(String, String, String)> {
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
async fn requests_since_load() -> Vec<String> {
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
async fn clerk_via_proxy() -> Clerk {
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

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

async fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Sign-out options whose callback replaces navigation, so the test page stays.
fn staying() -> SignOutOptions {
    SignOutOptions {
        callback: Some(Rc::new(|| {})),
        ..Default::default()
    }
}

fn active_id(clerk: &Clerk) -> Option<String> {
    match clerk.snapshot().active {
        ActiveSession::Id(id) => Some(id),
        _ => None,
    }
}

fn cookies() -> String {
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .unwrap()
        .cookie()
        .unwrap()
}

fn location_hash() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

fn set_hash(hash: &str) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
}

// ---------------------------------------------------------------- sign-out table

#[wasm_bindgen_test]
async fn without_sessions_sign_out_sends_nothing() {
    let clerk = clerk_via_proxy().await;
    clear_log().await;
    clerk.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(requests_since_load().await, Vec::<String>::new());
    assert_eq!(clerk.snapshot().active, ActiveSession::SignedOut);
}

#[wasm_bindgen_test]
async fn default_sign_out_removes_all_sessions_and_runs_the_callback() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let jwt = clerk
        .snapshot()
        .session()
        .unwrap()
        .last_active_token
        .clone()
        .unwrap();
    assert!(
        cookies().contains(&format!("__session={jwt}")),
        "__session holds the session JWT while signed in"
    );
    let seen: Rc<RefCell<Vec<ActiveSession>>> = Rc::default();
    let _listener = {
        let seen = seen.clone();
        clerk.add_listener(move |s| seen.borrow_mut().push(s.active.clone()))
    };
    seen.borrow_mut().clear();
    clear_log().await;
    let called = Rc::new(RefCell::new(false));
    let flag = called.clone();
    clerk
        .sign_out(SignOutOptions {
            callback: Some(Rc::new(move || *flag.borrow_mut() = true)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(*called.borrow(), "the callback replaces navigation");
    assert_eq!(
        requests_since_load().await,
        vec!["POST /v1/client/sessions?_method=DELETE []".to_string()]
    );
    assert_eq!(
        *seen.borrow(),
        vec![ActiveSession::Undefined, ActiveSession::SignedOut],
        "listeners see the transitional state, then signed out"
    );
    assert!(clerk.snapshot().signed_in_sessions().is_empty());
    assert!(!cookies().contains("__session="), "__session is removed");
    // The server agrees.
    assert_eq!(
        raw(fapi_url())
            .client()
            .await
            .unwrap()
            .unwrap()
            .sessions
            .len(),
        0
    );
}

#[wasm_bindgen_test]
async fn full_sign_out_navigates_to_redirect_url_then_after_sign_out_url() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    set_hash("start");
    clerk
        .sign_out(SignOutOptions {
            redirect_url: Some("#redirected".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(location_hash(), "#redirected");

    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    clerk.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(
        location_hash(),
        "#signed-out",
        "the load option afterSignOutUrl"
    );
}

/// Ada then Grace signed in through the proxy (Grace active), the log cleared.
async fn ada_and_grace() -> (Clerk, String, String) {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ada = active_id(&clerk).unwrap();
    clerk.sign_in(GRACE, PASSWORD).await.unwrap();
    let grace = active_id(&clerk).unwrap();
    clear_log().await;
    (clerk, ada, grace)
}

/// `signOut({ sessionId })` with a callback; returns whether the callback ran.
async fn sign_out_session(clerk: &Clerk, session_id: &str) -> bool {
    let called = Rc::new(RefCell::new(false));
    let flag = called.clone();
    clerk
        .sign_out(SignOutOptions {
            session_id: Some(session_id.to_string()),
            callback: Some(Rc::new(move || *flag.borrow_mut() = true)),
            ..Default::default()
        })
        .await
        .unwrap();
    let ran = *called.borrow();
    ran
}

#[wasm_bindgen_test]
async fn signing_out_the_current_of_two_sessions_removes_it_and_signs_out() {
    let (clerk, _ada, grace) = ada_and_grace().await;
    let called = sign_out_session(&clerk, &grace).await;
    assert_eq!(
        requests_since_load().await,
        vec![format!("POST /v1/client/sessions/{grace}/remove []")]
    );
    assert!(called, "the callback runs for a full sign-out");
    assert_eq!(clerk.snapshot().active, ActiveSession::SignedOut);
    assert_eq!(
        clerk.snapshot().signed_in_sessions().len(),
        1,
        "Ada stays signed in"
    );
}

#[wasm_bindgen_test]
async fn signing_out_another_session_keeps_the_current_one() {
    let (clerk, ada, grace) = ada_and_grace().await;
    set_hash("before");
    let called = sign_out_session(&clerk, &ada).await;
    assert_eq!(
        requests_since_load().await,
        vec![format!("POST /v1/client/sessions/{ada}/remove []")]
    );
    assert!(!called, "no callback for another session");
    assert_eq!(location_hash(), "#before", "no navigation");
    assert_eq!(active_id(&clerk), Some(grace));
    assert_eq!(clerk.snapshot().signed_in_sessions().len(), 1);
}

#[wasm_bindgen_test]
async fn an_unknown_session_id_sends_nothing() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    clear_log().await;
    clerk
        .sign_out(SignOutOptions {
            session_id: Some("sess_unknown".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(requests_since_load().await, Vec::<String>::new());
    assert!(active_id(&clerk).is_some());
}

#[wasm_bindgen_test]
async fn two_sign_outs_at_once_send_one_request() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    clear_log().await;
    let (a, b) = futures::join!(clerk.sign_out(staying()), clerk.sign_out(staying()));
    a.unwrap();
    b.unwrap();
    assert_eq!(requests_since_load().await.len(), 1);
}

#[wasm_bindgen_test]
async fn two_loads_at_once_share_one_set_of_requests() {
    reset().await;
    let clerk = Clerk::new();
    let options = ClerkOptions {
        frontend_api: Some(proxy_url().into()),
        ..Default::default()
    };
    let (a, b) = futures::join!(clerk.load(options.clone()), clerk.load(options.clone()));
    a.unwrap();
    b.unwrap();
    assert!(clerk.snapshot().loaded);
    let paths = |log: Vec<(String, String, String)>| -> Vec<String> {
        log.into_iter()
            .map(|(method, url, _)| format!("{method} {}", url.split('?').next().unwrap()))
            .collect()
    };
    let mut sent = paths(proxy_log().await);
    sent.sort();
    assert_eq!(sent, ["GET /v1/client", "GET /v1/environment"]);
    // Loaded with the same options: nothing more is sent.
    clerk.load(options).await.unwrap();
    assert_eq!(proxy_log().await.len(), 2);
}

#[wasm_bindgen_test]
async fn get_token_uses_the_held_token_and_renews_it_on_request() {
    let clerk = clerk_via_proxy().await;
    assert_eq!(
        clerk.get_token(false).await.unwrap(),
        None,
        "signed out: no token"
    );
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let session = active_id(&clerk).unwrap();
    clear_log().await;
    let held = clerk.get_token(false).await.unwrap().unwrap();
    assert_eq!(
        requests_since_load().await,
        Vec::<String>::new(),
        "a fresh held token needs no request"
    );
    // Tokens carry whole seconds: make sure the renewed one differs.
    gloo_timers::future::TimeoutFuture::new(1_100).await;
    let renewed = clerk.get_token(true).await.unwrap().unwrap();
    assert_ne!(renewed, held);
    assert_eq!(
        requests_since_load().await,
        vec![format!("POST /v1/client/sessions/{session}/tokens []")]
    );
    assert!(
        cookies().contains(&format!("__session={renewed}")),
        "__session follows the renewal"
    );
    assert_eq!(
        clerk
            .snapshot()
            .session()
            .unwrap()
            .last_active_token
            .as_deref()
            .unwrap(),
        renewed
    );
    // JavaScript's view of the session (the object the server sent) has it too.
    let session_js = clerk.snapshot().session().unwrap().js.clone();
    let token_js = js_sys::Reflect::get(&session_js, &"last_active_token".into()).unwrap();
    let jwt_js = js_sys::Reflect::get(&token_js, &"jwt".into()).unwrap();
    assert_eq!(jwt_js.as_string().as_deref(), Some(renewed.as_str()));
    clerk.sign_out(staying()).await.unwrap();
}

#[wasm_bindgen_test]
async fn window_focus_touches_the_session_at_most_every_few_seconds() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let session = active_id(&clerk).unwrap();
    clear_log().await;
    let focus = || {
        let event = web_sys::Event::new("focus").unwrap();
        web_sys::window().unwrap().dispatch_event(&event).unwrap();
    };
    focus();
    focus();
    // Both events were handled synchronously; wait until the touch arrived.
    let mut touches: Vec<String> = Vec::new();
    for _ in 0..100 {
        touches = requests_since_load()
            .await
            .into_iter()
            .filter(|r| r.contains("/touch"))
            .collect();
        if !touches.is_empty() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    assert_eq!(
        touches,
        vec![format!(
            "POST /v1/client/sessions/{session}/touch [active_organization_id=&intent=focus]"
        )],
        "one touch for two focus events in a row"
    );
    assert_eq!(active_id(&clerk), Some(session));
}

// ---------------------------------------------------------------- failures

#[wasm_bindgen_test]
async fn a_stopped_server_rejects_with_network_error_and_keeps_the_session() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let session = active_id(&clerk).unwrap();
    set_fault("down").await;
    let error = clerk.sign_out(staying()).await.unwrap_err();
    assert_eq!(error.code, "network_error");
    assert_eq!(error.status, None);
    assert_eq!(
        active_id(&clerk),
        Some(session.clone()),
        "still signed in, as the server says"
    );

    set_fault("pass").await;
    assert!(
        raw(fapi_url()).token(&session).await.is_ok(),
        "the session is alive"
    );
    clerk.sign_out(staying()).await.expect("a retry succeeds");
    assert_eq!(clerk.snapshot().active, ActiveSession::SignedOut);
}

#[wasm_bindgen_test]
async fn a_server_error_rejects_with_its_code_and_status() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    set_fault("status:500").await;
    let error = clerk.sign_out(SignOutOptions::default()).await.unwrap_err();
    assert_eq!(error.code, "internal_clerk_error");
    assert_eq!(error.status, Some(500));
    assert!(active_id(&clerk).is_some());
}

#[wasm_bindgen_test]
async fn a_stalled_server_times_out_instead_of_hanging() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    set_fault("delay:5000").await;
    let started = js_sys::Date::now();
    let error = clerk.sign_out(SignOutOptions::default()).await.unwrap_err();
    let waited = js_sys::Date::now() - started;
    set_fault("pass").await;
    assert_eq!(error.code, "network_error");
    assert!(error.message.contains("1500 ms"), "{}", error.message);
    assert!(waited < 4_000.0, "rejected after {waited} ms");
    assert!(active_id(&clerk).is_some());
}

// ---------------------------------------------------------------- the JS surface

fn is_type_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::TypeError>()
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn new_host() -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn bad_arguments_are_type_errors_not_panics() {
    use clerk_widget::js;
    for bad in [
        js::parse_sign_out_args(
            &object(&[("sessionId", JsValue::from(42))]),
            &JsValue::UNDEFINED,
        ),
        js::parse_sign_out_args(&JsValue::from_str("x"), &JsValue::UNDEFINED),
        js::parse_sign_out_args(&JsValue::from(1), &JsValue::UNDEFINED),
        js::parse_sign_out_args(&object(&[]), &object(&[])),
        js::parse_sign_out_args(&JsValue::UNDEFINED, &JsValue::from_str("x")),
    ] {
        assert!(is_type_error(&bad.err().expect("refused")));
    }
    let detached = document().create_element("div").unwrap();
    for bad in [
        JsValue::NULL,
        JsValue::from_str("#user-button"),
        detached.clone().into(),
    ] {
        let error = js::mount_user_button(bad, JsValue::UNDEFINED).unwrap_err();
        assert!(is_type_error(&error));
    }
    let message = js_sys::Error::from(
        js::mount_user_button(detached.into(), JsValue::UNDEFINED).unwrap_err(),
    )
    .message();
    assert!(String::from(message).contains("not in the document"));
    let host = new_host();
    assert!(is_type_error(
        &js::unmount_user_button(host.clone().into()).unwrap_err()
    ));
    assert!(is_type_error(
        &js::mount_user_button(
            host.clone().into(),
            object(&[("showName", JsValue::from_str("yes"))])
        )
        .unwrap_err()
    ));
    assert!(is_type_error(
        &js::add_listener(JsValue::from(3)).unwrap_err()
    ));
    assert!(is_type_error(
        &js::parse_load_options(&JsValue::from_str("x")).unwrap_err()
    ));
    // The rejected promise from the export itself is a TypeError too.
    let rejected = JsFuture::from(js::sign_out(JsValue::from_str("x"), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert!(is_type_error(&rejected));
    host.remove();
}

/// Runs the garbage collector (Chromium runs with --expose-gc, see
/// webdriver.json) and lets finalizers run.
async fn collect_garbage() {
    let gc: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("gc"))
        .unwrap()
        .dyn_into()
        .expect("Chromium runs with --js-flags=--expose-gc");
    for _ in 0..3 {
        gc.call0(&JsValue::NULL).unwrap();
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

#[wasm_bindgen_test]
async fn js_listeners_live_until_unsubscribed_even_when_the_function_is_dropped() {
    use clerk_widget::js;
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
    let calls = Rc::new(RefCell::new(0));
    let counter = calls.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| {
        *counter.borrow_mut() += 1;
    });
    let kept = js::add_listener(listener.as_ref().clone()).unwrap();
    // The page ignores what addListener returns: it may be collected.
    drop(js::add_listener(listener.as_ref().clone()).unwrap());
    collect_garbage().await;
    *calls.borrow_mut() = 0;
    global.sign_in(ADA, PASSWORD).await.unwrap();
    assert_eq!(*calls.borrow(), 2, "both listeners still run");

    kept.call0(&JsValue::NULL).unwrap();
    global.refresh_client().await.unwrap();
    assert_eq!(*calls.borrow(), 3, "only the unsubscribed one stopped");
    global.sign_out(staying()).await.unwrap();
}

#[wasm_bindgen_test]
async fn mount_renders_in_a_shadow_root_and_unmount_leaves_no_listener() {
    use clerk_widget::js;
    reset().await;
    let global = clerk_widget::global();
    global
        .load(ClerkOptions {
            frontend_api: Some(fapi_url().into()),
            after_sign_out_url: Some("#signed-out".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    global.refresh_client().await.unwrap();
    let before = js::listener_count();
    let host = new_host();
    js::mount_user_button(host.clone().into(), JsValue::UNDEFINED).unwrap();
    let second = new_host();
    js::mount_user_button(
        second.clone().into(),
        object(&[("showName", JsValue::TRUE)]),
    )
    .unwrap();
    tick().await;
    let shadow = host
        .shadow_root()
        .expect("a shadow root isolates the styles");
    assert!(
        shadow
            .query_selector(".cl-userButtonTrigger")
            .unwrap()
            .is_none(),
        "signed out: nothing"
    );

    global.sign_in(ADA, PASSWORD).await.unwrap();
    tick().await;
    for h in [&host, &second] {
        let trigger = h
            .shadow_root()
            .unwrap()
            .query_selector(".cl-userButtonTrigger")
            .unwrap();
        assert!(trigger.is_some(), "both mounts follow the sign-in");
    }
    let name = second
        .shadow_root()
        .unwrap()
        .query_selector(".cl-userButtonOuterIdentifier")
        .unwrap()
        .unwrap();
    assert_eq!(name.text_content().unwrap(), "Ada Lovelace");

    js::unmount_user_button(host.clone().into()).unwrap();
    js::unmount_user_button(second.clone().into()).unwrap();
    tick().await;
    assert_eq!(
        js::listener_count(),
        before,
        "unmount removes the listeners"
    );
    assert!(host
        .shadow_root()
        .unwrap()
        .query_selector(".cl-userButtonTrigger")
        .unwrap()
        .is_none());
    host.remove();
    second.remove();
}

// ---------------------------------------------------------------- the UserButton

struct Mounted {
    host: Element,
    app: Option<yew::AppHandle<Harness>>,
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
    fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.host
            .query_selector(selector)
            .unwrap()
            .map(|e| e.unchecked_into())
    }

    fn trigger(&self) -> HtmlElement {
        self.find(".cl-userButtonTrigger").expect("the trigger")
    }

    fn dialog(&self) -> Option<HtmlElement> {
        self.find("[role=dialog]")
    }

    fn action(&self, id: &str) -> Option<HtmlElement> {
        self.find(&format!(".cl-userButtonPopoverActionButton__{id}"))
    }
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    clerk: Clerk,
    props: UserButtonProps,
}

#[component]
fn Harness(p: &HarnessProps) -> Html {
    html! {
        <ClerkProvider clerk={p.clerk.clone()}>
            <UserButton ..p.props.clone() />
        </ClerkProvider>
    }
}

async fn mount(clerk: &Clerk, props: UserButtonProps) -> Mounted {
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
async fn mount_open(clerk: &Clerk, props: UserButtonProps) -> Mounted {
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

fn active_element() -> Option<Element> {
    document().active_element()
}

fn key(target: &HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_trigger_opens_an_accessible_panel_and_escape_closes_it() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount(&clerk, UserButtonProps::default()).await;
    let trigger = ui.trigger();
    assert_eq!(
        trigger.get_attribute("aria-label").unwrap(),
        "Open user menu"
    );
    assert_eq!(trigger.get_attribute("aria-expanded").unwrap(), "false");
    assert_eq!(trigger.get_attribute("aria-haspopup").unwrap(), "dialog");
    assert!(trigger.get_attribute("aria-controls").is_none());
    assert_eq!(
        ui.find(".cl-avatarInitials")
            .unwrap()
            .text_content()
            .unwrap(),
        "AL"
    );
    assert!(ui.dialog().is_none(), "closed: not in the DOM");

    trigger.click();
    tick().await;
    let dialog = ui.dialog().expect("open");
    assert_eq!(dialog.get_attribute("aria-label").unwrap(), "Account panel");
    assert_eq!(trigger.get_attribute("aria-expanded").unwrap(), "true");
    assert_eq!(
        trigger.get_attribute("aria-label").unwrap(),
        "Close user menu"
    );
    assert_eq!(trigger.get_attribute("aria-controls").unwrap(), dialog.id());
    assert_eq!(
        ui.find(".cl-userPreviewMainIdentifier")
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Lovelace"
    );
    assert_eq!(
        ui.find(".cl-userPreviewSecondaryIdentifier")
            .unwrap()
            .text_content()
            .unwrap(),
        ADA
    );
    let group = ui.find(".cl-userButtonPopoverActions").unwrap();
    assert_eq!(
        group.get_attribute("aria-label").unwrap(),
        "Account actions"
    );
    let manage = ui.action("manageAccount").unwrap();
    assert_eq!(
        active_element().unwrap(),
        manage.clone().into(),
        "focus moves into the panel"
    );
    // One account: no "Sign out of all accounts".
    assert!(ui.action("signOutAll").is_none());
    assert!(
        ui.action("addAccount").is_some(),
        "multi-session mode offers Add account"
    );

    key(&manage, "Escape", false);
    tick().await;
    assert!(ui.dialog().is_none());
    assert_eq!(
        active_element().unwrap(),
        trigger.clone().into(),
        "focus returns to the trigger"
    );
}

#[wasm_bindgen_test]
async fn tab_is_trapped_and_a_click_outside_closes() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount_open(&clerk, UserButtonProps::default()).await;
    let dialog = ui.dialog().expect("defaultOpen opens it");
    let buttons = dialog.query_selector_all("button").unwrap();
    let first: HtmlElement = buttons.item(0).unwrap().unchecked_into();
    let last: HtmlElement = buttons.item(buttons.length() - 1).unwrap().unchecked_into();
    last.focus().unwrap();
    key(&last, "Tab", false);
    assert_eq!(
        active_element().unwrap(),
        first.clone().into(),
        "Tab wraps to the first"
    );
    key(&first, "Tab", true);
    assert_eq!(
        active_element().unwrap(),
        last.clone().into(),
        "Shift+Tab wraps to the last"
    );

    let outside = new_host();
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = web_sys::PointerEvent::new_with_event_init_dict("pointerdown", &init).unwrap();
    outside.dispatch_event(&event).unwrap();
    tick().await;
    assert!(ui.dialog().is_none(), "a click outside closes");
    assert_eq!(active_element().unwrap(), ui.trigger().into());
    outside.remove();
}

#[wasm_bindgen_test]
async fn other_accounts_are_listed_and_a_click_switches() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ada = active_id(&clerk).unwrap();
    clerk.sign_in(GRACE, PASSWORD).await.unwrap();
    let ui = mount_open(&clerk, UserButtonProps::default()).await;
    let groups = ui.host.query_selector_all("[role=group]").unwrap();
    let labels: Vec<String> = (0..groups.length())
        .map(|i| {
            groups
                .item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("aria-label")
                .unwrap()
        })
        .collect();
    assert_eq!(labels, ["Account actions", "Active sessions"]);
    assert!(
        ui.action("signOutAll").is_some(),
        "other sessions: sign out of all"
    );
    let switch = ui
        .find(".cl-userButtonPopoverActionButton__switchSession")
        .unwrap();
    assert_eq!(
        switch.get_attribute("aria-label").unwrap(),
        "Switch to Ada Lovelace"
    );
    clear_log().await;
    switch.click();
    wait_for("the switch", || {
        active_id(&clerk).as_deref() == Some(ada.as_str())
    })
    .await;
    let requests = requests_since_load().await;
    assert_eq!(requests.len(), 1);
    assert!(requests[0].starts_with(&format!("POST /v1/client/sessions/{ada}/touch [")));
    assert!(requests[0].contains("intent=select_session"));
    tick().await;
    assert_eq!(
        ui.find(".cl-userPreviewMainIdentifier")
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Lovelace"
    );
}

/// Ada signed in through the proxy, her menu open, full sign-outs going to `after`.
async fn ada_with_open_menu(after: &str) -> (Clerk, Mounted) {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount_open(
        &clerk,
        UserButtonProps {
            after_sign_out_url: Some(after.to_string().into()),
            ..Default::default()
        },
    )
    .await;
    (clerk, ui)
}

#[wasm_bindgen_test]
async fn sign_out_from_the_menu_shows_progress_then_navigates() {
    let (clerk, ui) = ada_with_open_menu("#menu-signed-out").await;
    clear_log().await;
    set_fault("delay:300").await;
    ui.action("signOut").unwrap().click();
    tick().await;
    let sign_out = ui.action("signOut").unwrap();
    assert_eq!(sign_out.get_attribute("aria-busy").unwrap(), "true");
    assert!(sign_out.find_spinner());
    assert!(
        ui.action("manageAccount")
            .unwrap()
            .has_attribute("disabled"),
        "all actions disabled"
    );
    sign_out.click(); // a second click does nothing
    wait_for("the sign-out", || {
        clerk.snapshot().active == ActiveSession::SignedOut
    })
    .await;
    set_fault("pass").await;
    assert_eq!(location_hash(), "#menu-signed-out");
    tick().await;
    assert!(
        ui.find(".cl-userButtonTrigger").is_none(),
        "signed out: the button is gone"
    );
    let removes = requests_since_load().await;
    assert_eq!(
        removes,
        vec!["POST /v1/client/sessions?_method=DELETE []".to_string()]
    );
}

#[wasm_bindgen_test]
async fn a_failed_sign_out_shows_the_error_and_can_be_retried() {
    let (clerk, ui) = ada_with_open_menu("#retried").await;
    set_fault("down").await;
    ui.action("signOut").unwrap().click();
    wait_for("the error", || ui.find("[role=alert]").is_some()).await;
    let alert = ui.find("[role=alert]").unwrap().text_content().unwrap();
    assert!(alert.contains("could not be reached"), "{alert}");
    let sign_out = ui.action("signOut").unwrap();
    assert!(!sign_out.has_attribute("disabled"), "re-enabled");
    assert!(ui.trigger().is_connected(), "still signed in: the UI stays");

    set_fault("pass").await;
    sign_out.click();
    wait_for("the retry", || {
        clerk.snapshot().active == ActiveSession::SignedOut
    })
    .await;
    assert_eq!(location_hash(), "#retried");
}

trait FindSpinner {
    fn find_spinner(&self) -> bool;
}

impl FindSpinner for HtmlElement {
    fn find_spinner(&self) -> bool {
        self.query_selector(".cl-spinner").unwrap().is_some()
    }
}

#[derive(Properties, PartialEq)]
struct AvatarHarnessProps {
    image_url: Option<AttrValue>,
}

#[component]
fn AvatarHarness(p: &AvatarHarnessProps) -> Html {
    html! { <clerk_widget::components::Avatar image_url={p.image_url.clone()} initials={Some(AttrValue::from("AL"))} /> }
}

async fn render_avatar(image_url: Option<&str>) -> (Element, yew::AppHandle<AvatarHarness>) {
    let host = new_host();
    let app = yew::Renderer::<AvatarHarness>::with_root_and_props(
        host.clone(),
        AvatarHarnessProps {
            image_url: image_url.map(|u| AttrValue::from(u.to_string())),
        },
    )
    .render();
    tick().await;
    (host, app)
}

#[wasm_bindgen_test]
async fn the_avatar_shows_the_image_or_initials_when_it_fails() {
    // A 1x1 PNG that loads.
    let ok = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    let (host, app) = render_avatar(Some(ok)).await;
    gloo_timers::future::TimeoutFuture::new(100).await;
    assert!(host.query_selector("img.cl-avatarImage").unwrap().is_some());
    assert!(host.query_selector(".cl-avatarInitials").unwrap().is_none());
    app.destroy();
    host.remove();

    // Nothing listens on port 9 of this machine: the image fails, initials show.
    let (host, app) = render_avatar(Some("http://127.0.0.1:9/avatar.png")).await;
    wait_for("the image to fail", || {
        host.query_selector(".cl-avatarInitials").unwrap().is_some()
    })
    .await;
    assert_eq!(
        host.query_selector(".cl-avatarInitials")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "AL"
    );
    assert!(host.query_selector("img").unwrap().is_none());
    app.destroy();
    host.remove();

    let (host, app) = render_avatar(None).await;
    assert!(
        host.query_selector(".cl-avatarInitials").unwrap().is_some(),
        "no image: initials"
    );
    app.destroy();
    host.remove();
}
