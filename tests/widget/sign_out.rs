//! Every branch of the sign-out table with the exact requests sent, loads,
//! tokens and window focus.

use crate::*;

#[wasm_bindgen_test]
async fn without_sessions_sign_out_sends_nothing() {
    let clerk = clerk_via_proxy().await;
    clear_log().await;
    clerk.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(requests_since_load().await, Vec::<String>::new());
    assert_eq!(clerk.snapshot().current, CurrentSession::SignedOut);
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
    let seen: Rc<RefCell<Vec<CurrentSession>>> = Rc::default();
    let _listener = {
        let seen = seen.clone();
        clerk.add_listener(move |s| seen.borrow_mut().push(s.current.clone()))
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
        vec![CurrentSession::Undefined, CurrentSession::SignedOut],
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
    assert_eq!(clerk.snapshot().current, CurrentSession::SignedOut);
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
