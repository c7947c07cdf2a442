//! The user's own account from one browser, and what it does to the user's
//! other devices: names (`PATCH /v1/me`), the password (with and without
//! signing out everywhere else), signing out of every other device, and
//! where each session was last used.

use serde_json::{json, Value};

use crate::support::*;

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn change_password(browser: &Browser, current: &str, new: &str, others: &str) -> Reply {
    browser
        .post(
            "/v1/me/change_password",
            &[
                ("current_password", current),
                ("new_password", new),
                ("sign_out_of_other_sessions", others),
            ],
        )
        .await
}

/// Whether a fresh browser can sign in as `email` with `password`.
async fn can_sign_in(server: &TestServer, email: &str, password: &str) -> bool {
    let fresh = Browser::new(server);
    let reply = fresh
        .post(
            "/v1/client/sign_ins",
            &[
                ("identifier", email),
                ("password", password),
                ("strategy", "password"),
            ],
        )
        .await;
    reply.status == 200
}

#[tokio::test]
async fn names_change_for_the_user_everywhere_and_are_bounded() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let phone = Browser::new(&server);
    laptop.signed_in(ADA).await;
    phone.signed_in(ADA).await;

    let reply = laptop
        .post(
            "/v1/me?_method=PATCH",
            &[("first_name", " Augusta "), ("last_name", "King")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["response"]["first_name"], "Augusta");
    assert_eq!(reply.body["response"]["last_name"], "King");
    let piggybacked = &reply.body["client"]["sessions"][0];
    assert_eq!(piggybacked["user"]["first_name"], "Augusta");
    assert_eq!(piggybacked["public_user_data"]["first_name"], "Augusta");
    let on_phone = phone.client().await;
    assert_eq!(
        on_phone["sessions"][0]["user"]["last_name"], "King",
        "the other device sees the new name at its next request"
    );

    // Only the fields sent change; a blank one is cleared.
    let reply = laptop
        .post("/v1/me?_method=PATCH", &[("last_name", "  ")])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["response"]["first_name"], "Augusta");
    assert_eq!(reply.body["response"]["last_name"], Value::Null);

    for (key, bad) in [
        ("first_name", "x".repeat(257)),
        ("last_name", "a\u{7}b".into()),
    ] {
        let reply = laptop
            .post("/v1/me?_method=PATCH", &[(key, bad.as_str())])
            .await;
        reply.assert_error(422, "form_param_format_invalid");
        assert_eq!(reply.body["errors"][0]["meta"]["param_name"], key);
    }
    let me = laptop.get("/v1/me").await;
    assert_eq!(
        me.body["response"]["first_name"], "Augusta",
        "a refused change changes nothing"
    );

    Browser::new(&server)
        .post("/v1/me?_method=PATCH", &[("first_name", "Eve")])
        .await
        .assert_error(401, "authentication_invalid");
}

#[tokio::test]
async fn a_password_change_can_sign_out_every_other_device() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let phone = Browser::new(&server);
    let grace = Browser::new(&server);
    let laptop_session = laptop.signed_in(ADA).await;
    let phone_session = phone.signed_in(ADA).await;
    let grace_session = grace.signed_in(GRACE).await;

    let reply = change_password(&laptop, PASSWORD, NEW_PASSWORD, "true").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.body["response"]["id"],
        reply.body["client"]["sessions"][0]["user"]["id"]
    );
    assert_eq!(
        laptop.token(&laptop_session).await.status,
        200,
        "this device stays"
    );
    assert_ne!(
        phone.token(&phone_session).await.status,
        200,
        "the phone is signed out"
    );
    assert_eq!(phone.session_ids().await, Vec::<String>::new());
    assert_eq!(
        grace.token(&grace_session).await.status,
        200,
        "other users are untouched"
    );

    assert!(
        !can_sign_in(&server, ADA, PASSWORD).await,
        "the old password is gone"
    );
    assert!(can_sign_in(&server, ADA, NEW_PASSWORD).await);
}

#[tokio::test]
async fn a_password_change_without_the_box_keeps_other_devices() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let phone = Browser::new(&server);
    laptop.signed_in(ADA).await;
    let phone_session = phone.signed_in(ADA).await;
    let reply = change_password(&laptop, PASSWORD, NEW_PASSWORD, "false").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(phone.token(&phone_session).await.status, 200);
    // Without the field at all, the same.
    let reply = laptop
        .post(
            "/v1/me/change_password",
            &[
                ("current_password", NEW_PASSWORD),
                ("new_password", PASSWORD.repeat(2).as_str()),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(phone.token(&phone_session).await.status, 200);
}

#[tokio::test]
async fn a_wrong_or_weak_password_changes_nothing() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let phone = Browser::new(&server);
    laptop.signed_in(ADA).await;
    let phone_session = phone.signed_in(ADA).await;

    let reply = change_password(&laptop, "not my password", NEW_PASSWORD, "true").await;
    reply.assert_error(422, "form_password_incorrect");
    assert_eq!(
        reply.body["errors"][0]["meta"]["param_name"],
        "current_password"
    );
    for (new, code) in [
        ("short", "form_password_length_too_short"),
        ("password123", "form_password_pwned"),
        ("ada@example.com", "form_password_validation_failed"),
    ] {
        let reply = change_password(&laptop, PASSWORD, new, "true").await;
        reply.assert_error(422, code);
        assert_eq!(
            reply.body["errors"][0]["meta"]["param_name"],
            "new_password"
        );
    }
    let long = "x".repeat(300);
    change_password(&laptop, PASSWORD, &long, "true")
        .await
        .assert_error(422, "form_password_length_too_long");
    change_password(&laptop, PASSWORD, NEW_PASSWORD, "maybe")
        .await
        .assert_error(422, "form_param_value_invalid");
    laptop
        .post("/v1/me/change_password", &[("new_password", NEW_PASSWORD)])
        .await
        .assert_error(422, "form_param_missing");

    assert_eq!(
        phone.token(&phone_session).await.status,
        200,
        "nobody was signed out"
    );
    assert!(
        can_sign_in(&server, ADA, PASSWORD).await,
        "the password is unchanged"
    );
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    laptop.signed_in(ADA).await;
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(
            change_password(&laptop, "guess", NEW_PASSWORD, "true")
                .await
                .status
                .as_u16(),
        );
    }
    assert_eq!(statuses[..10], [422; 10]);
    let reply = change_password(&laptop, PASSWORD, NEW_PASSWORD, "true").await;
    reply.assert_error(429, "too_many_requests");
    assert!(reply.headers.get("retry-after").is_some());
    // The guesses count against the account wherever its password is
    // checked: a sign-in as Ada is refused too, while Grace's is not.
    let fresh = Browser::new(&server);
    fresh
        .sign_in(ADA)
        .await
        .assert_error(429, "too_many_requests");
    assert!(can_sign_in(&server, GRACE, PASSWORD).await);
}

#[tokio::test]
async fn signing_out_of_every_other_device_keeps_this_one() {
    let server = start_default().await;
    let [a, b, c, grace] = [(); 4].map(|_| Browser::new(&server));
    let a_session = a.signed_in(ADA).await;
    let b_session = b.signed_in(ADA).await;
    let c_session = c.signed_in(ADA).await;
    let grace_session = grace.signed_in(GRACE).await;

    let reply = a.post("/v1/me/sessions/revoke_others", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let left: Vec<&str> = reply.body["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(left, [a_session.as_str()]);
    assert_eq!(a.token(&a_session).await.status, 200);
    for (browser, session) in [(&b, &b_session), (&c, &c_session)] {
        assert_ne!(browser.token(session).await.status, 200);
        assert_eq!(browser.session_ids().await, Vec::<String>::new());
    }
    assert_eq!(grace.token(&grace_session).await.status, 200);

    // Again: nothing left to revoke, still fine.
    let reply = a.post("/v1/me/sessions/revoke_others", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    Browser::new(&server)
        .post("/v1/me/sessions/revoke_others", &[])
        .await
        .assert_error(401, "authentication_invalid");
}

#[tokio::test]
async fn a_touch_records_where_the_session_was_last_used() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let session = laptop.signed_in(ADA).await;
    let active = laptop.get("/v1/me/sessions/active").await;
    assert_eq!(active.body[0]["latest_activity"]["browser_name"], "Chrome");

    let firefox =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0";
    let touched = laptop
        .send(
            laptop
                .http
                .post(laptop.url(&format!("/v1/client/sessions/{session}/touch")))
                .header("user-agent", firefox)
                .form(&[("intent", "focus")]),
        )
        .await;
    assert_eq!(touched.status, 200, "{}", touched.body);
    let active = laptop.get("/v1/me/sessions/active").await;
    let activity = &active.body[0]["latest_activity"];
    assert_eq!(activity["browser_name"], "Firefox");
    assert_eq!(activity["browser_version"], "140.0");
    assert_eq!(activity["ip_address"], "127.0.0.1");
    assert_eq!(activity["city"], json!(null));
}

#[tokio::test]
async fn account_calls_need_a_signed_in_session_of_this_browser() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let session = laptop.signed_in(ADA).await;
    // Signed out: the browser keeps its client, but no session is signed in.
    let reply = laptop.post("/v1/client/sessions?_method=DELETE", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let me = format!("?_clerk_session_id={session}");
    for (path, form) in [
        (
            format!("/v1/me{me}&_method=PATCH"),
            vec![("first_name", "Eve")],
        ),
        (
            format!("/v1/me/change_password{me}"),
            vec![
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        ),
        (format!("/v1/me/sessions/revoke_others{me}"), vec![]),
    ] {
        laptop
            .post(&path, &form)
            .await
            .assert_error(401, "authentication_invalid");
    }
    // Nothing changed: the name and the password are as they were.
    let fresh = Browser::new(&server);
    fresh.signed_in(ADA).await;
    assert_eq!(
        fresh.get("/v1/me").await.body["response"]["first_name"],
        "Ada"
    );

    // Another user's session id names nothing this browser may act for.
    let grace = Browser::new(&server);
    let grace_session = grace.signed_in(GRACE).await;
    fresh
        .post(
            &format!("/v1/me?_method=PATCH&_clerk_session_id={grace_session}"),
            &[("first_name", "Eve")],
        )
        .await
        .assert_error(401, "authentication_invalid");
    assert_eq!(
        grace.get("/v1/me").await.body["response"]["first_name"],
        "Grace"
    );
}

#[tokio::test]
async fn bad_bodies_are_form_errors() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    laptop.signed_in(ADA).await;
    let reply = laptop
        .send(
            laptop
                .http
                .post(laptop.url("/v1/me/change_password"))
                .header("content-type", "application/json")
                .body(r#"{"current_password":"x"}"#),
        )
        .await;
    reply.assert_error(415, "unsupported_media_type");
    let reply = laptop
        .send(
            laptop
                .http
                .post(laptop.url("/v1/me?_method=PATCH"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("first_name=%FF"),
        )
        .await;
    reply.assert_error(400, "form_param_format_invalid");
}
