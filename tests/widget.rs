//! Browser tests of the widget, in headless Chromium, against the real
//! fapi-server that `scripts/test` starts on 127.0.0.1 (`CLERK_TEST_FAPI`)
//! and the fault proxy in front of it (`CLERK_TEST_PROXY`).
//!
//! The tests share one browser page and so one cookie jar: each starts by
//! deleting the browser's client on the server.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use support::*;

use clerk_widget::components::UserButtonProps;
use clerk_widget::{ActiveSession, Clerk, ClerkOptions, SignOutOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    // Unmounting what is not mounted does nothing, as in clerk-js.
    assert!(js::unmount_user_button(host.clone().into()).is_ok());
    assert!(js::unmount_sign_in(host.clone().into()).is_ok());
    assert!(is_type_error(
        &js::unmount_user_button(JsValue::from_str("#x")).unwrap_err()
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

#[wasm_bindgen_test]
async fn js_listeners_live_until_unsubscribed_even_when_the_function_is_dropped() {
    use clerk_widget::js;
    let global = loaded_global().await;
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
    // The host's own content stays, before and after the mount.
    host.set_inner_html("<p id=\"own\">The page's own content</p>");
    let original = host.inner_html();
    js::mount_user_button(host.clone().into(), JsValue::UNDEFINED).unwrap();
    let second = new_host();
    js::mount_user_button(
        second.clone().into(),
        object(&[("showName", JsValue::TRUE)]),
    )
    .unwrap();
    tick().await;
    assert!(
        host.shadow_root().is_none(),
        "the host itself is not taken over"
    );
    let own = host.query_selector("#own").unwrap().expect("still there");
    assert!(
        own.unchecked_ref::<HtmlElement>().offset_height() > 0,
        "and shown"
    );
    let shadow = frame(&host)
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
        let trigger = frame(h)
            .shadow_root()
            .unwrap()
            .query_selector(".cl-userButtonTrigger")
            .unwrap();
        assert!(trigger.is_some(), "both mounts follow the sign-in");
    }
    let name = frame(&second)
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
    assert_eq!(
        host.inner_html(),
        original,
        "unmount restores the host exactly"
    );
    host.remove();
    second.remove();
}

// ---------------------------------------------------------------- the UserButton

/// The element a `Clerk.mount*` call added to `host`.
fn frame(host: &Element) -> Element {
    host.query_selector(clerk_widget::mounts::FRAME_TAG)
        .unwrap()
        .expect("the mount's own element")
}

#[wasm_bindgen_test]
async fn the_trigger_opens_an_accessible_panel_and_escape_closes_it() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount(&clerk, UserButtonProps::default()).await;
    let trigger = ui.trigger();
    // Named by its text, whose menu it is; aria-expanded says whether it is open.
    assert!(trigger.get_attribute("aria-label").is_none());
    assert_eq!(
        ui.find(".cl-userButtonTrigger .cl-visuallyHidden")
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Lovelace, user menu"
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
    assert_eq!(dialog.get_attribute("aria-modal").unwrap(), "true");
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
    assert_eq!(labels, ["Account actions", "Switch account"]);
    assert!(
        ui.action("signOutAll").is_some(),
        "other sessions: sign out of all"
    );
    let switch = ui
        .find(".cl-userButtonPopoverActionButton__switchSession")
        .unwrap();
    // Named by what it shows (no aria-label to contradict the text).
    assert!(switch.get_attribute("aria-label").is_none());
    let text = switch
        .query_selector(".cl-userPreviewTextContainer")
        .unwrap()
        .unwrap();
    assert_eq!(text.text_content().unwrap(), format!("Ada Lovelace{ADA}"));
    clear_log().await;
    switch.focus().unwrap();
    switch.click();
    wait_for("the switch", || {
        active_id(&clerk).as_deref() == Some(ada.as_str())
    })
    .await;
    tick().await;
    assert!(ui.dialog().is_none(), "the menu closes after a switch");
    assert_eq!(
        active_element().unwrap(),
        ui.trigger().into(),
        "and focus goes back to the trigger"
    );
    let requests = requests_since_load().await;
    assert_eq!(requests.len(), 1);
    assert!(requests[0].starts_with(&format!("POST /v1/client/sessions/{ada}/touch [")));
    assert!(requests[0].contains("intent=select_session"));
    ui.trigger().click();
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
    let sign_out = ui.action("signOut").unwrap();
    sign_out.focus().unwrap();
    sign_out.click();
    tick().await;
    assert_eq!(ui.action("signOut").unwrap(), sign_out, "the same button");
    assert_eq!(sign_out.get_attribute("aria-busy").unwrap(), "true");
    assert!(sign_out.find_spinner());
    assert_eq!(
        ui.action("manageAccount")
            .unwrap()
            .get_attribute("aria-disabled")
            .unwrap(),
        "true",
        "all actions disabled"
    );
    assert_eq!(
        active_element().unwrap(),
        sign_out.clone().into(),
        "the busy item keeps focus"
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
    ui.action("signOut").unwrap().focus().unwrap();
    ui.action("signOut").unwrap().click();
    wait_for("the error", || ui.find("[role=alert]").is_some()).await;
    let alert = ui.find("[role=alert]").unwrap().text_content().unwrap();
    assert_eq!(
        alert,
        "We couldn't reach the sign-in service. Check your connection and try again."
    );
    let sign_out = ui.action("signOut").unwrap();
    assert_eq!(
        sign_out.get_attribute("aria-disabled").unwrap(),
        "false",
        "re-enabled"
    );
    assert_eq!(
        active_element().unwrap(),
        sign_out.clone().into(),
        "focus stays on the item after the error"
    );
    assert!(ui.trigger().is_connected(), "still signed in: the UI stays");

    set_fault("pass").await;
    sign_out.click();
    wait_for("the retry", || {
        clerk.snapshot().active == ActiveSession::SignedOut
    })
    .await;
    assert_eq!(location_hash(), "#retried");
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
