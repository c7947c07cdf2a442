//! `/v1/me`: the user's sessions on every device, and revoking one of them.

use serde_json::Value;

use crate::support::*;

#[tokio::test]
async fn active_sessions_lists_every_device_of_the_user_only() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let phone = Browser::new(&server);
    let laptop_session = laptop.signed_in(ADA).await;
    let phone_session = phone.signed_in(ADA).await;
    laptop.signed_in(GRACE).await;

    let reply = laptop
        .get(&format!(
            "/v1/me/sessions/active?_clerk_session_id={laptop_session}"
        ))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let sessions = reply.body.as_array().expect("a bare array");
    let mut ids: Vec<&str> = sessions.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort();
    let mut expected = vec![laptop_session.as_str(), phone_session.as_str()];
    expected.sort();
    assert_eq!(ids, expected, "Grace's session is not Ada's business");
    for session in sessions {
        assert_eq!(session["status"], "active");
        assert_eq!(session["last_active_token"], Value::Null);
        let activity = &session["latest_activity"];
        assert_eq!(activity["browser_name"], "Chrome");
        assert_eq!(activity["is_mobile"], false);
        assert_eq!(activity["ip_address"], "127.0.0.1");
    }
    let _: Vec<fapi_types::ActiveSession> = serde_json::from_value(reply.body).unwrap();

    let me = laptop
        .get(&format!("/v1/me?_clerk_session_id={laptop_session}"))
        .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["response"]["first_name"], "Ada");
}

#[tokio::test]
async fn revoking_another_device_signs_that_device_out_only() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let phone = Browser::new(&server);
    let laptop_session = laptop.signed_in(ADA).await;
    let phone_session = phone.signed_in(ADA).await;

    let reply = laptop
        .post(
            &format!("/v1/me/sessions/{phone_session}/revoke?_clerk_session_id={laptop_session}"),
            &[],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["response"]["id"], phone_session);
    assert_eq!(reply.body["response"]["status"], "revoked");
    assert_eq!(reply.body["client"]["sessions"][0]["id"], laptop_session);

    assert_eq!(phone.session_ids().await, Vec::<String>::new());
    phone
        .token(&phone_session)
        .await
        .assert_error(401, "authentication_invalid");
    assert_eq!(laptop.token(&laptop_session).await.status, 200);

    let again = laptop
        .post(&format!("/v1/me/sessions/{phone_session}/revoke"), &[])
        .await;
    assert_eq!(
        again.assert_error(400, "session_not_active")["meta"]["status"],
        "revoked"
    );
}

#[tokio::test]
async fn another_users_session_cannot_be_revoked() {
    let server = start_default().await;
    let ada = Browser::new(&server);
    let grace = Browser::new(&server);
    ada.signed_in(ADA).await;
    let grace_session = grace.signed_in(GRACE).await;
    ada.post(&format!("/v1/me/sessions/{grace_session}/revoke"), &[])
        .await
        .assert_error(404, "session_not_found");
    assert_eq!(grace.session_ids().await, vec![grace_session]);
}

#[tokio::test]
async fn me_requires_a_signed_in_session() {
    let server = start_default().await;
    let anonymous = Browser::new(&server);
    anonymous
        .get("/v1/me/sessions/active")
        .await
        .assert_error(401, "authentication_invalid");
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;
    browser
        .post(&format!("/v1/client/sessions/{session}/remove"), &[])
        .await;
    browser
        .get(&format!(
            "/v1/me/sessions/active?_clerk_session_id={session}"
        ))
        .await
        .assert_error(401, "authentication_invalid");
}
