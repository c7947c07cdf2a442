//! The exports as JavaScript calls them: TypeErrors, listeners, mounts.

use crate::*;

#[wasm_bindgen_test]
async fn bad_arguments_are_type_errors_not_panics() {
    use clerk_widget::surface;
    for bad in [
        surface::parse_sign_out_args(
            &object(&[("sessionId", JsValue::from(42))]),
            &JsValue::UNDEFINED,
        ),
        surface::parse_sign_out_args(&JsValue::from_str("x"), &JsValue::UNDEFINED),
        surface::parse_sign_out_args(&JsValue::from(1), &JsValue::UNDEFINED),
        surface::parse_sign_out_args(&object(&[]), &object(&[])),
        surface::parse_sign_out_args(&JsValue::UNDEFINED, &JsValue::from_str("x")),
    ] {
        assert!(is_type_error(&bad.err().expect("refused")));
    }
    let detached = document().create_element("div").unwrap();
    for bad in [
        JsValue::NULL,
        JsValue::from_str("#user-button"),
        detached.clone().into(),
    ] {
        let error = surface::mount_user_button(bad, JsValue::UNDEFINED).unwrap_err();
        assert!(is_type_error(&error));
    }
    let message = js_sys::Error::from(
        surface::mount_user_button(detached.into(), JsValue::UNDEFINED).unwrap_err(),
    )
    .message();
    assert!(String::from(message).contains("not in the document"));
    let host = new_host();
    // Unmounting what is not mounted does nothing, as in clerk-js.
    assert!(surface::unmount_user_button(host.clone().into()).is_ok());
    assert!(surface::unmount_sign_in(host.clone().into()).is_ok());
    assert!(is_type_error(
        &surface::unmount_user_button(JsValue::from_str("#x")).unwrap_err()
    ));
    // Props that are not an object are refused here; each prop's type is
    // checked by clerk.js, the only caller (e2e/guest-page.test.mjs).
    assert!(is_type_error(
        &surface::mount_user_button(host.clone().into(), JsValue::from_str("props")).unwrap_err()
    ));
    assert!(is_type_error(
        &surface::add_listener(JsValue::from(3)).unwrap_err()
    ));
    assert!(is_type_error(
        &surface::parse_load_options(&JsValue::from_str("x")).unwrap_err()
    ));
    // The rejected promise from the export itself is a TypeError too.
    let rejected = JsFuture::from(surface::sign_out(
        JsValue::from_str("x"),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap_err();
    assert!(is_type_error(&rejected));
    host.remove();
}

#[wasm_bindgen_test]
async fn js_listeners_live_until_unsubscribed_even_when_the_function_is_dropped() {
    use clerk_widget::surface;
    let global = loaded_global().await;
    let calls = Rc::new(RefCell::new(0));
    let counter = calls.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| {
        *counter.borrow_mut() += 1;
    });
    let kept = surface::add_listener(listener.as_ref().clone()).unwrap();
    // The page ignores what addListener returns: it may be collected.
    drop(surface::add_listener(listener.as_ref().clone()).unwrap());
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
    use clerk_widget::surface;
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
    let before = surface::listener_count();
    let host = new_host();
    // The host's own content stays, before and after the mount.
    host.set_inner_html("<p id=\"own\">The page's own content</p>");
    let original = host.inner_html();
    surface::mount_user_button(host.clone().into(), JsValue::UNDEFINED).unwrap();
    let second = new_host();
    surface::mount_user_button(
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

    surface::unmount_user_button(host.clone().into()).unwrap();
    surface::unmount_user_button(second.clone().into()).unwrap();
    tick().await;
    assert_eq!(
        surface::listener_count(),
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

/// The element a `Clerk.mount*` call added to `host`.
fn frame(host: &Element) -> Element {
    host.query_selector(clerk_widget::surface::mounts::FRAME_TAG)
        .unwrap()
        .expect("the mount's own element")
}
