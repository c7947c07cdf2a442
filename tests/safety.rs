//! Browser tests of the widget as a guest on someone else's page: where it
//! may navigate, what a failed load leaves, what mounting does to the host,
//! how the menu treats focus and Escape, and what other tabs learn. Each of
//! these was a defect found by a QA pass (issue 7), and fails without its fix.
#![cfg(target_arch = "wasm32")]

mod support;

use clerk_widget::components::UserButtonProps;
use clerk_widget::redirect::{check, AllowedOrigin, RedirectPolicy};
use clerk_widget::{Clerk, ClerkOptions, CurrentSession, SignOutOptions};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------- redirects

const PAGE: &str = "https://app.example.com/account/settings?tab=1";

fn allowed(target: &str, policy: &RedirectPolicy) -> Option<String> {
    check(target, PAGE, policy)
        .ok()
        .map(|u| u.as_str().to_string())
}

#[wasm_bindgen_test]
fn only_http_urls_on_allowed_origins_are_followed() {
    let none = RedirectPolicy::default();
    for bad in [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "//evil.example",
        "//evil.example/path",
        "https://evil.example",
        "https://evil.example/app.example.com",
        "http://app.example.com",
        "https://app.example.com.evil.example/",
        "https://app.example.com@evil.example/",
        "\\\\evil.example",
        "/\\evil.example",
        "ftp://app.example.com/file",
        "myapp://callback",
        "http://[not a host",
    ] {
        assert_eq!(allowed(bad, &none), None, "{bad:?} must not be followed");
    }
    for (good, resolved) in [
        ("/", "https://app.example.com/"),
        (
            "#signed-out",
            "https://app.example.com/account/settings?tab=1#signed-out",
        ),
        ("../home", "https://app.example.com/home"),
        (
            "?signed_out=1",
            "https://app.example.com/account/settings?signed_out=1",
        ),
        ("https://app.example.com/bye", "https://app.example.com/bye"),
        ("HTTPS://APP.EXAMPLE.COM/bye", "https://app.example.com/bye"),
        ("  /bye  ", "https://app.example.com/bye"),
    ] {
        assert_eq!(allowed(good, &none).as_deref(), Some(resolved), "{good:?}");
    }
}

#[wasm_bindgen_test]
fn allowed_origins_and_protocols_extend_the_page_s_own() {
    let policy = RedirectPolicy {
        allowed_origins: vec![
            AllowedOrigin::Glob("https://accounts.example.com/".into()),
            AllowedOrigin::Glob("https://*.partner.example".into()),
            AllowedOrigin::Pattern(js_sys::RegExp::new(r"^https://docs\d\.example\.org$", "")),
        ],
        allowed_protocols: vec!["myapp".into()],
    };
    for good in [
        "https://accounts.example.com/sign-in",
        "https://eu.partner.example/x",
        "https://docs2.example.org/",
        "myapp://callback",
        "MyApp://callback",
    ] {
        assert!(allowed(good, &policy).is_some(), "{good:?}");
    }
    for bad in [
        "https://accounts.example.com.evil.example/",
        "https://partner.example/",
        "https://eu.partner.example.evil.io/",
        "https://eu.partnerxexample/",
        "http://accounts.example.com/",
        "https://partner.example.evil.example/",
        "https://docs22.example.org/",
        "javascript:alert(1)",
        "data:text/html,x",
    ] {
        assert_eq!(allowed(bad, &policy), None, "{bad:?}");
    }
    // No list makes javascript: or data: allowed.
    let reckless = RedirectPolicy {
        allowed_origins: vec![AllowedOrigin::Glob("*".into())],
        allowed_protocols: vec!["javascript:".into(), "data".into()],
    };
    assert_eq!(allowed("javascript:alert(1)", &reckless), None);
    assert_eq!(allowed("data:text/html,x", &reckless), None);
    assert!(allowed("https://anywhere.example/", &reckless).is_some());
}

#[wasm_bindgen_test]
fn bad_redirect_options_are_type_errors() {
    use clerk_widget::surface;
    let options = |key: &str, value: JsValue| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &key.into(), &value).unwrap();
        JsValue::from(o)
    };
    let array = |items: &[JsValue]| JsValue::from(items.iter().collect::<js_sys::Array>());
    for bad in [
        options(
            "allowedRedirectOrigins",
            JsValue::from_str("https://a.example"),
        ),
        options("allowedRedirectOrigins", array(&[JsValue::from(3)])),
        options(
            "allowedRedirectProtocols",
            array(&[js_sys::RegExp::new("x", "").into()]),
        ),
    ] {
        let error = surface::parse_load_options(&bad).unwrap_err();
        assert!(is_type_error(&error));
    }
    let parsed = surface::parse_load_options(&options(
        "allowedRedirectOrigins",
        array(&[
            JsValue::from_str("https://a.example"),
            js_sys::RegExp::new("b", "").into(),
        ]),
    ))
    .unwrap();
    assert_eq!(parsed.redirect.allowed_origins.len(), 2);
}

// ---------------------------------------------------------------- loading

#[wasm_bindgen_test]
async fn a_failed_reload_leaves_the_good_state_in_use() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let good = clerk.options();
    let error = clerk
        .load(ClerkOptions {
            proxy_url: Some("not a url".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(error.code, "invalid_configuration");
    assert_eq!(clerk.options(), good, "the good options stay");
    assert!(clerk.snapshot().session().is_some(), "still signed in");
    assert!(
        clerk.get_token(true).await.unwrap().is_some(),
        "and working"
    );
    clerk.sign_out(staying()).await.unwrap();
    assert_eq!(clerk.snapshot().current, CurrentSession::SignedOut);
}

#[wasm_bindgen_test]
async fn a_load_with_other_options_during_a_load_applies_after_it() {
    reset().await;
    let clerk = Clerk::new();
    let through_proxy = ClerkOptions {
        frontend_api: Some(proxy_url().into()),
        ..Default::default()
    };
    let direct = ClerkOptions {
        frontend_api: Some(fapi_url().into()),
        ..Default::default()
    };
    let (first, second) = futures::join!(clerk.load(through_proxy), clerk.load(direct.clone()));
    first.unwrap();
    second.unwrap();
    assert_eq!(
        clerk.options(),
        direct,
        "the later options win, not ignored"
    );
}

// ---------------------------------------------------------------- mounts

#[wasm_bindgen_test]
async fn mount_unmount_mount_in_one_task_leaves_one_live_component() {
    use clerk_widget::surface;
    let global = signed_in_global().await;
    let before = surface::listener_count();
    let host = new_host();
    for _ in 0..50 {
        surface::mount_user_button(host.clone().into(), JsValue::UNDEFINED).unwrap();
        surface::unmount_user_button(host.clone().into()).unwrap();
    }
    surface::mount_user_button(host.clone().into(), JsValue::UNDEFINED).unwrap();
    tick().await;
    tick().await;
    assert_eq!(
        surface::listener_count(),
        before + 1,
        "one subscribed component"
    );
    assert_eq!(host.children().length(), 1, "one mount element");
    surface::unmount_user_button(host.clone().into()).unwrap();
    tick().await;
    assert_eq!(
        surface::listener_count(),
        before,
        "none after the last unmount"
    );
    assert_eq!(host.children().length(), 0);
    // A thousand cycles reuse the same few Yew apps (Yew never frees one).
    let apps = surface::mounted_app_count();
    for _ in 0..200 {
        surface::mount_user_button(host.clone().into(), JsValue::UNDEFINED).unwrap();
        tick().await;
        surface::unmount_user_button(host.clone().into()).unwrap();
    }
    assert!(surface::mounted_app_count() <= apps.max(1));
    host.remove();
    global.sign_out(staying()).await.unwrap();
}

#[wasm_bindgen_test]
async fn mounting_in_body_keeps_the_page_visible() {
    use clerk_widget::surface;
    let global = signed_in_global().await;
    let body = document().body().unwrap();
    let marker = new_host();
    marker.set_text_content(Some("page content"));
    let children = body.children().length();
    surface::mount_user_button(body.clone().into(), JsValue::UNDEFINED).unwrap();
    tick().await;
    assert!(
        marker.unchecked_ref::<HtmlElement>().offset_height() > 0,
        "still shown"
    );
    assert_eq!(body.children().length(), children + 1);
    surface::unmount_user_button(body.clone().into()).unwrap();
    assert_eq!(body.children().length(), children);
    marker.remove();
    global.sign_out(staying()).await.unwrap();
}

async fn signed_in_global() -> Clerk {
    let global = loaded_global().await;
    global.sign_in(ADA, PASSWORD).await.unwrap();
    global
}

// ---------------------------------------------------------------- the menu

fn escape_on(target: &web_sys::EventTarget) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn escape_closes_the_menu_wherever_focus_is_even_while_busy() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount_open(
        &clerk,
        UserButtonProps {
            after_sign_out_url: Some("#escaped".into()),
            ..Default::default()
        },
    )
    .await;
    set_fault("delay:400").await;
    let sign_out = ui.action("signOut").unwrap();
    sign_out.focus().unwrap();
    sign_out.click();
    tick().await;
    assert_eq!(sign_out.get_attribute("aria-busy").unwrap(), "true");
    let body = document().body().unwrap();
    body.focus().unwrap();
    escape_on(&body);
    tick().await;
    assert!(
        ui.dialog().is_none(),
        "Escape from the page's body closes it"
    );
    wait_for("the sign-out", || {
        clerk.snapshot().current == CurrentSession::SignedOut
    })
    .await;
    set_fault("pass").await;
    assert_eq!(location_hash(), "#escaped");
}

#[wasm_bindgen_test]
async fn manage_account_and_add_account_close_the_menu() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    for (action, url) in [("manageAccount", "#profile"), ("addAccount", "#add")] {
        let ui = mount_open(
            &clerk,
            UserButtonProps {
                user_profile_url: Some("#profile".into()),
                sign_in_url: Some("#add".into()),
                user_profile_mode: clerk_widget::components::UserProfileMode::Navigation,
                ..Default::default()
            },
        )
        .await;
        ui.action(action).unwrap().click();
        tick().await;
        assert!(ui.dialog().is_none(), "{action} closes the menu");
        assert_eq!(active_element().unwrap(), ui.trigger().into());
        assert_eq!(location_hash(), url);
    }
    clerk.sign_out(staying()).await.unwrap();
}

#[wasm_bindgen_test]
async fn default_open_leaves_focus_in_the_field_being_typed_in() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let field_host = new_host();
    field_host.set_inner_html("<input id=typing>");
    let field: HtmlElement = field_host
        .query_selector("#typing")
        .unwrap()
        .unwrap()
        .unchecked_into();
    field.focus().unwrap();
    let ui = mount_open(&clerk, UserButtonProps::default()).await;
    assert!(ui.dialog().is_some(), "open");
    assert_eq!(
        active_element().unwrap(),
        field.clone().into(),
        "focus stays"
    );
    drop(ui);
    field_host.remove();
    clerk.sign_out(staying()).await.unwrap();
}

// ---------------------------------------------------------------- other tabs

/// A second Clerk on the same page is another tab: same cookie jar, its
/// own BroadcastChannel.
async fn second_tab() -> Clerk {
    let tab = Clerk::new();
    tab.load(ClerkOptions {
        frontend_api: Some(proxy_url().into()),
        after_sign_out_url: Some("#signed-out".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    tab
}

fn signed_in_count(clerk: &Clerk) -> usize {
    clerk.snapshot().signed_in_sessions().len()
}

#[wasm_bindgen_test]
async fn sign_ins_and_partial_sign_outs_reach_the_other_tabs() {
    let a = clerk_via_proxy().await;
    let b = second_tab().await;
    a.sign_in(ADA, PASSWORD).await.unwrap();
    wait_for("tab B to see Ada", || b.snapshot().session().is_some()).await;
    a.sign_in(GRACE, PASSWORD).await.unwrap();
    wait_for("tab B to see Grace", || signed_in_count(&b) == 2).await;
    let grace = active_id(&a).unwrap();
    let ada = a
        .snapshot()
        .signed_in_sessions()
        .into_iter()
        .find(|s| s.id != grace)
        .unwrap()
        .id
        .clone();
    // Tab A signs Ada out (not its current account): tab B drops her too.
    a.sign_out(SignOutOptions {
        session_id: Some(ada),
        ..staying()
    })
    .await
    .unwrap();
    wait_for("tab B to drop Ada", || signed_in_count(&b) == 1).await;
    a.sign_out(staying()).await.unwrap();
}

#[wasm_bindgen_test]
async fn switching_to_a_session_ended_elsewhere_refreshes_the_list() {
    let a = clerk_via_proxy().await;
    a.sign_in(ADA, PASSWORD).await.unwrap();
    let ada = active_id(&a).unwrap();
    a.sign_in(GRACE, PASSWORD).await.unwrap();
    // Another browser window ends Ada's session behind this Clerk's back,
    // straight on the server (no message on the channel).
    let ended = raw(fapi_url())
        .send(&clerk_widget::fapi::FapiRequest::new(
            clerk_widget::fapi::Verb::Post,
            format!("/v1/client/sessions/{ada}/remove"),
        ))
        .await;
    assert_eq!(ended.unwrap().0, 200);
    assert_eq!(signed_in_count(&a), 2, "this Clerk does not know yet");
    let error = a.set_active(Some(&ada)).await.unwrap_err();
    assert_eq!(error.status.map(|s| s / 100), Some(4));
    assert_eq!(signed_in_count(&a), 1, "the stale account is gone");
    assert_eq!(
        error.user_message(),
        "This account is no longer signed in here; the list has been updated."
    );
    a.sign_out(staying()).await.unwrap();
}
