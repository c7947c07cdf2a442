//! A stopped, failing or stalled server: coded errors, and the session stays.

use crate::*;

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
    assert_eq!(clerk.snapshot().current, CurrentSession::SignedOut);
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

/// Replaces the page's `fetch` with `wrapper` (JS source of a function of
/// the original fetch) until the returned guard drops.
struct PageFetch(JsValue);

impl PageFetch {
    fn wrap(wrapper: &str) -> PageFetch {
        let window: JsValue = web_sys::window().unwrap().into();
        let original = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        let make: js_sys::Function = js_sys::eval(wrapper).unwrap().unchecked_into();
        let wrapped = make.call1(&JsValue::NULL, &original).unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &wrapped).unwrap();
        PageFetch(original)
    }
}

impl Drop for PageFetch {
    fn drop(&mut self) {
        let window: JsValue = web_sys::window().unwrap().into();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.0).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_page_fetch_wrapper_that_rejects_oddly_is_a_network_error_not_a_panic() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let session = active_id(&clerk).unwrap();
    for wrapper in [
        // Rejects with a string, not an Error.
        "(function (original) { return function () { return Promise.reject('offline'); }; })",
        // Resolves to something that is not a Response.
        "(function (original) { return function () { return Promise.resolve({ status: 200 }); }; })",
    ] {
        let guard = PageFetch::wrap(wrapper);
        let error = clerk.sign_out(staying()).await.unwrap_err();
        drop(guard);
        assert_eq!(error.code, "network_error", "{wrapper}: {}", error.message);
        assert_eq!(active_id(&clerk), Some(session.clone()), "{wrapper}");
    }
    clerk
        .sign_out(staying())
        .await
        .expect("the widget still works once the page's fetch behaves");
    assert_eq!(clerk.snapshot().current, CurrentSession::SignedOut);
}
