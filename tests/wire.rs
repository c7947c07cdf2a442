//! Browser tests of how the widget reads the Frontend API's JSON: with the
//! browser's `JSON.parse` and [`clerk_widget::resources`], not serde. Each
//! reading is checked against the server's own serde types
//! ([`fapi_types`]) on the same text, so the two ends cannot drift apart.
#![cfg(target_arch = "wasm32")]

use clerk_widget::components::initials;
use clerk_widget::error::codes;
use clerk_widget::fapi::{parse_body, Fapi, FapiRequest, Verb};
use clerk_widget::resources::{Client, Environment, Session};
use clerk_widget::ClerkError;
use fapi_types::SessionStatus;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap()
}

/// Every field the widget reads, compared with serde's reading of the same text.
fn assert_same_client(text: &str) {
    let theirs: fapi_types::Client = serde_json::from_str(text).unwrap();
    let ours = Client::from_js(&parse(text)).unwrap();
    assert_eq!(ours.id, theirs.id);
    assert_eq!(ours.last_active_session_id, theirs.last_active_session_id);
    assert_eq!(ours.sessions.len(), theirs.sessions.len());
    for (ours, theirs) in ours.sessions.iter().zip(&theirs.sessions) {
        assert_eq!(ours.id, theirs.id);
        assert_eq!(ours.status, theirs.status);
        assert_eq!(
            ours.last_active_token.as_deref(),
            theirs.last_active_token.as_ref().map(|t| t.jwt.as_str())
        );
        assert_eq!(
            ours.public_user_data,
            theirs.public_user_data.clone().unwrap_or_default()
        );
        match (&ours.user, &theirs.user) {
            (None, None) => {}
            (Some(ours), Some(theirs)) => {
                assert_eq!(ours.id, theirs.id);
                assert_eq!(ours.first_name, theirs.first_name);
                assert_eq!(ours.last_name, theirs.last_name);
                assert_eq!(ours.username, theirs.username);
                assert_eq!(ours.image_url, theirs.image_url);
                assert_eq!(ours.has_image, theirs.has_image);
                assert_eq!(
                    ours.primary_email_address.as_deref(),
                    theirs
                        .primary_email_address()
                        .map(|e| e.email_address.as_str())
                );
                assert_eq!(ours.full_name(), theirs.full_name());
            }
            other => panic!("users differ: {other:?}"),
        }
    }
}

/// A client as Clerk's own Frontend API sends it: more fields than the
/// widget reads, nulls, a second email address listed first.
const CLERK_CLIENT: &str = r#"{
  "object": "client", "id": "client_2abc", "sign_in": null, "sign_up": null,
  "last_active_session_id": "sess_2", "cookie_expires_at": null, "captcha_bypass": false,
  "created_at": 1700000000000, "updated_at": 1700000000000,
  "sessions": [
    {"object": "session", "id": "sess_1", "status": "removed", "expire_at": 1, "abandon_at": 1,
     "last_active_at": 1, "last_active_token": null, "actor": null, "user": null,
     "public_user_data": null, "created_at": 1, "updated_at": 1},
    {"object": "session", "id": "sess_2", "status": "active", "expire_at": 1, "abandon_at": 1,
     "last_active_at": 1, "last_active_organization_id": null, "actor": null,
     "factor_verification_age": [0, -1], "tasks": null,
     "last_active_token": {"object": "token", "jwt": "a.b.c"},
     "public_user_data": {"first_name": "Élodie", "last_name": null, "image_url": "https://img/x",
       "has_image": true, "identifier": "elodie@example.com", "user_id": "user_1", "username": null},
     "user": {"object": "user", "id": "user_1", "username": null, "first_name": "Élodie",
       "last_name": null, "image_url": "https://img/x", "has_image": true,
       "primary_email_address_id": "idn_2", "primary_phone_number_id": null,
       "password_enabled": true, "two_factor_enabled": false,
       "email_addresses": [
         {"object": "email_address", "id": "idn_1", "email_address": "old@example.com",
          "reserved": false, "verification": null, "linked_to": [], "created_at": 1, "updated_at": 1},
         {"object": "email_address", "id": "idn_2", "email_address": "elodie@example.com",
          "reserved": false, "verification": {"status": "verified", "strategy": "email_code"},
          "linked_to": [], "created_at": 1, "updated_at": 1}],
       "phone_numbers": [], "public_metadata": {"plan": "pro"}, "unsafe_metadata": {},
       "last_sign_in_at": 1, "created_at": 1, "updated_at": 1}},
    {"object": "session", "id": "sess_3", "status": "a_status_from_the_future", "user": null}
  ]
}"#;

#[wasm_bindgen_test]
fn a_clerk_client_reads_like_the_server_types_read_it() {
    assert_same_client(CLERK_CLIENT);
    let client = Client::from_js(&parse(CLERK_CLIENT)).unwrap();
    assert_eq!(client.sessions[2].status, SessionStatus::Unknown);
    assert_eq!(client.current_session().unwrap().id, "sess_2");
    let user = client.sessions[1].user.as_ref().unwrap();
    assert_eq!(
        user.primary_email_address.as_deref(),
        Some("elodie@example.com")
    );
    // The object JavaScript sees is the one the server sent, every field kept.
    let metadata = get(&get(&user.js, "public_metadata"), "plan");
    assert_eq!(metadata.as_string().as_deref(), Some("pro"));
}

#[wasm_bindgen_test]
fn the_current_session_falls_back_to_the_first_signed_in() {
    let client = Client::from_js(&parse(
        r#"{"id": "client_1", "last_active_session_id": "sess_a", "sessions": [
            {"id": "sess_a", "status": "ended"}, {"id": "sess_b", "status": "pending"}]}"#,
    ))
    .unwrap();
    assert_eq!(client.current_session().unwrap().id, "sess_b");
    let none = Client::from_js(&parse(
        r#"{"id": "client_1", "sessions": [{"id": "sess_a", "status": "expired"}]}"#,
    ))
    .unwrap();
    assert!(none.current_session().is_none());
}

#[wasm_bindgen_test]
fn json_that_is_not_the_resource_is_an_unexpected_response() {
    for (text, names) in [
        (r#"{"sessions": []}"#, "client.id"),
        (r#"{"id": "client_1", "sessions": {}}"#, "client.sessions"),
        (
            r#"{"id": "client_1", "sessions": [{"id": 7}]}"#,
            "session.status",
        ),
        (
            r#"{"id": "client_1", "sessions": [{"status": "active"}]}"#,
            "session.id",
        ),
        (r#"[]"#, "client.id"),
    ] {
        let error = Client::from_js(&parse(text)).unwrap_err();
        assert_eq!(error.code, codes::UNEXPECTED_RESPONSE, "{text}");
        assert!(error.message.contains(names), "{text}: {}", error.message);
    }
    assert!(Client::from_js_or_null(&JsValue::NULL).unwrap().is_none());
    let error = Session::from_js(&parse(
        r#"{"id": "sess_1", "status": "active", "user": {"first_name": "No id"}}"#,
    ))
    .unwrap_err();
    assert!(error.message.contains("user.id"), "{}", error.message);
}

#[wasm_bindgen_test]
fn the_environment_reads_like_the_server_types_read_it() {
    let text = json!({
        "auth_config": {"object": "auth_config", "id": "aac_1", "single_session_mode": true},
        "display_config": {
            "object": "display_config", "id": "display_config_1",
            "instance_environment_type": "development", "application_name": "Demo",
            "home_url": "https://h", "sign_in_url": "https://s", "sign_up_url": "https://u",
            "user_profile_url": "https://p", "after_sign_in_url": "https://a",
            "after_sign_up_url": "https://b", "after_sign_out_one_url": "https://o",
            "after_sign_out_all_url": "https://all", "after_switch_session_url": "https://sw",
            "branded": true
        },
        "user_settings": {}, "organization_settings": {}, "maintenance_mode": false
    })
    .to_string();
    let theirs: fapi_types::Environment = serde_json::from_str(&text).unwrap();
    let ours = Environment::from_js(&parse(&text)).unwrap();
    assert_eq!(
        ours.single_session_mode,
        theirs.auth_config.single_session_mode
    );
    let (o, t) = (&ours.display_config, &theirs.display_config);
    assert_eq!(
        [
            &o.application_name,
            &o.home_url,
            &o.sign_in_url,
            &o.sign_up_url,
            &o.user_profile_url,
            &o.after_sign_in_url,
            &o.after_sign_up_url,
            &o.after_sign_out_one_url,
            &o.after_sign_out_all_url,
            &o.after_switch_session_url,
        ],
        [
            &t.application_name,
            &t.home_url,
            &t.sign_in_url,
            &t.sign_up_url,
            &t.user_profile_url,
            &t.after_sign_in_url,
            &t.after_sign_up_url,
            &t.after_sign_out_one_url,
            &t.after_sign_out_all_url,
            &t.after_switch_session_url,
        ]
    );
    assert_eq!(
        Environment::from_js(&parse("{}")).unwrap_err().code,
        codes::UNEXPECTED_RESPONSE
    );
}

#[wasm_bindgen_test]
fn bodies_map_to_json_or_to_the_error_they_carry() {
    let ok = parse_body(200, r#"{"object":"token","jwt":"a.b.c"}"#).unwrap();
    assert_eq!(get(&ok, "jwt").as_string().as_deref(), Some("a.b.c"));
    let not_json = parse_body(200, "<html>").unwrap_err();
    assert_eq!(not_json.code, codes::UNEXPECTED_RESPONSE);
    assert_eq!(not_json.status, Some(200));
    let error = parse_body(
        404,
        r#"{"errors":[{"code":"session_not_found","message":"Session not found","long_message":"No such session.","meta":{}}],"clerk_trace_id":"x"}"#,
    )
    .unwrap_err();
    assert_eq!(error.code, "session_not_found");
    assert_eq!(error.status, Some(404));
    assert_eq!(error.long_message.as_deref(), Some("No such session."));
    assert_eq!(
        error.user_message(),
        "This account is no longer signed in here; the list has been updated."
    );
    // The server's other errors are written for people: shown as sent.
    let wrong = ClerkError::from_response(
        422,
        r#"{"errors":[{"code":"form_password_incorrect","message":"Password is incorrect.","long_message":"Password is incorrect. Try again, or use another method."}]}"#,
    );
    assert_eq!(
        wrong.user_message(),
        "Password is incorrect. Try again, or use another method."
    );
    for body in [
        "<html>Bad gateway</html>",
        r#"{"errors":[]}"#,
        r#"{"errors":[{}]}"#,
    ] {
        let e = ClerkError::from_response(502, body);
        assert_eq!(e.code, codes::UNEXPECTED_RESPONSE, "{body}");
        assert_eq!(e.status, Some(502));
        // People see what happened and what to do; the detail stays in `message`.
        assert_eq!(
            e.user_message(),
            "Something went wrong on our side. Please try again in a moment."
        );
        assert!(e.message.contains("502"));
    }
    let offline = ClerkError::network("The Frontend API could not be reached: Failed to fetch");
    assert!(offline
        .user_message()
        .starts_with("We couldn't reach the sign-in service."));
}

#[wasm_bindgen_test]
fn initials_come_from_the_names_present() {
    assert_eq!(
        initials(Some("ada"), Some("Lovelace")).as_deref(),
        Some("AL")
    );
    assert_eq!(initials(None, Some("hopper")).as_deref(), Some("H"));
    assert_eq!(initials(Some("  "), None), None);
    assert_eq!(initials(Some("élodie"), None).as_deref(), Some("É"));
}

fn test_server() -> Fapi {
    Fapi {
        base: option_env!("CLERK_TEST_FAPI")
            .unwrap_or("http://127.0.0.1:3000")
            .into(),
        timeout_ms: 10_000,
        development: false,
    }
}

/// The real server's answers, read both ways: after a sign-in (user, token,
/// public data) and after a sign-out (ended sessions).
#[wasm_bindgen_test]
async fn the_servers_own_client_reads_the_same_both_ways() {
    let fapi = test_server();
    let _ = fapi
        .send(&FapiRequest::new(Verb::Delete, "/v1/client"))
        .await;
    fapi.sign_in("ada@example.com", "demo-password-123")
        .await
        .unwrap();
    let client_text = |fapi: Fapi| async move {
        let (status, body) = fapi
            .send(&FapiRequest::new(Verb::Get, "/v1/client"))
            .await
            .unwrap();
        assert_eq!(status, 200);
        let envelope: serde_json::Value = serde_json::from_str(&body).unwrap();
        envelope["response"].to_string()
    };
    let signed_in = client_text(test_server()).await;
    assert_same_client(&signed_in);
    let client = Client::from_js(&parse(&signed_in)).unwrap();
    let session = client.current_session().unwrap();
    assert!(session.last_active_token.is_some());
    assert_eq!(session.public_user_data.identifier, "ada@example.com");
    assert_eq!(
        session
            .user
            .as_ref()
            .unwrap()
            .primary_email_address
            .as_deref(),
        Some("ada@example.com")
    );

    fapi.remove_all_sessions().await.unwrap();
    let signed_out = client_text(test_server()).await;
    assert_same_client(&signed_out);
    assert!(Client::from_js(&parse(&signed_out))
        .unwrap()
        .current_session()
        .is_none());
}
