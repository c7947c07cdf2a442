//! The seed page's promise: signing out ends this browser's session(s) only.

use fapi_server::Config;
use serde_json::Value;

use crate::support::*;

#[tokio::test]
async fn sign_out_on_one_computer_leaves_the_other_signed_in() {
    let server = start_default().await;
    let laptop = Browser::new(&server);
    let desktop = Browser::new(&server);
    let laptop_session = laptop.signed_in(ADA).await;
    let desktop_session = desktop.signed_in(ADA).await;
    assert_ne!(laptop_session, desktop_session);

    let reply = laptop.post("/v1/client/sessions?_method=DELETE", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["response"]["sessions"], serde_json::json!([]));
    assert_eq!(reply.body["client"]["sessions"], serde_json::json!([]));
    assert_eq!(reply.body["client"]["last_active_session_id"], Value::Null);
    assert!(reply
        .set_cookie("__client_uat")
        .unwrap()
        .starts_with("__client_uat=0;"));
    assert!(
        reply.set_cookie("__client").is_none(),
        "the default sign-out keeps the __client cookie"
    );

    // The laptop keeps its client, without sessions, and its token is refused.
    let laptop_client = laptop.client().await;
    assert_eq!(laptop_client["id"], reply.body["client"]["id"]);
    assert_eq!(laptop_client["sessions"], serde_json::json!([]));
    laptop
        .token(&laptop_session)
        .await
        .assert_error(401, "authentication_invalid");

    // The desktop is untouched and still mints tokens.
    assert_eq!(desktop.session_ids().await, vec![desktop_session.clone()]);
    let token = desktop.token(&desktop_session).await;
    assert_eq!(token.status, 200);
    assert_eq!(token.body["object"], "token");
}

#[tokio::test]
async fn removing_one_of_two_accounts_keeps_the_other_active() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    let grace = browser.signed_in(GRACE).await;

    let reply = browser
        .post(&format!("/v1/client/sessions/{grace}/remove"), &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["response"]["object"], "session");
    assert_eq!(reply.body["response"]["id"], grace);
    assert_eq!(reply.body["response"]["status"], "removed");
    assert_eq!(reply.body["response"]["last_active_token"], Value::Null);
    let client = &reply.body["client"];
    assert_eq!(client["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(client["sessions"][0]["id"], ada);
    assert_eq!(client["sessions"][0]["status"], "active");
    // The removed session was the active one: no session is active now,
    // and clients fall back to the first signed-in one.
    assert_eq!(client["last_active_session_id"], Value::Null);

    assert_eq!(browser.token(&ada).await.status, 200);
    browser
        .token(&grace)
        .await
        .assert_error(401, "authentication_invalid");
}

#[tokio::test]
async fn ending_a_session_twice_is_a_clear_error() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;

    let ended = browser
        .post(&format!("/v1/client/sessions/{ada}/end"), &[])
        .await;
    assert_eq!(ended.status, 200, "{}", ended.body);
    assert_eq!(ended.body["response"]["status"], "ended");

    for action in ["end", "remove", "touch"] {
        let again = browser
            .post(&format!("/v1/client/sessions/{ada}/{action}"), &[])
            .await;
        let error = again.assert_error(400, "session_not_active");
        assert_eq!(error["meta"]["status"], "ended", "{action}");
    }
    // Still readable, with its final status.
    let read = browser.get(&format!("/v1/client/sessions/{ada}")).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.body["response"]["status"], "ended");
}

#[tokio::test]
async fn a_session_of_another_client_is_not_found() {
    let server = start_default().await;
    let owner = Browser::new(&server);
    let stranger = Browser::new(&server);
    let session = owner.signed_in(ADA).await;
    stranger.signed_in(GRACE).await;
    let anonymous = Browser::new(&server);

    for browser in [&stranger, &anonymous] {
        for action in ["remove", "end", "touch", "tokens"] {
            browser
                .post(&format!("/v1/client/sessions/{session}/{action}"), &[])
                .await
                .assert_error(404, "session_not_found");
        }
        browser
            .get(&format!("/v1/client/sessions/{session}"))
            .await
            .assert_error(404, "session_not_found");
    }
    assert_eq!(owner.session_ids().await, vec![session]);
}

#[tokio::test]
async fn deleting_the_client_ends_everything_and_drops_the_cookie() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let other = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    browser.signed_in(GRACE).await;
    let elsewhere = other.signed_in(ADA).await;

    let reply = browser.post("/v1/client?_method=DELETE", &[]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["client"], Value::Null);
    assert_eq!(reply.body["response"]["object"], "client");
    assert_eq!(reply.body["response"]["sessions"], serde_json::json!([]));
    let cleared = reply.set_cookie("__client").unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(reply
        .set_cookie("__client_uat")
        .unwrap()
        .starts_with("__client_uat=0;"));

    assert_eq!(
        browser.get("/v1/client").await.body,
        serde_json::json!({"response": null, "client": null})
    );
    browser
        .token(&ada)
        .await
        .assert_error(404, "session_not_found");
    browser
        .post("/v1/client?_method=DELETE", &[])
        .await
        .assert_error(404, "client_not_found");
    assert_eq!(other.session_ids().await, vec![elsewhere]);
}

#[tokio::test]
async fn signing_out_without_a_client_is_a_clear_error() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    browser
        .post("/v1/client/sessions?_method=DELETE", &[])
        .await
        .assert_error(404, "client_not_found");
}

#[tokio::test]
async fn real_delete_verbs_work_like_the_override() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    browser.signed_in(ADA).await;
    let reply = browser
        .send(browser.http.delete(browser.url("/v1/client/sessions")))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(browser.session_ids().await, Vec::<String>::new());

    browser.signed_in(ADA).await;
    let reply = browser
        .send(browser.http.delete(browser.url("/v1/client")))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(browser.get("/v1/client").await.body["client"], Value::Null);
}

#[tokio::test]
async fn an_expired_session_is_signed_out_and_cannot_mint_tokens() {
    let server = start(Config {
        session_lifetime: std::time::Duration::from_millis(400),
        ..Config::default()
    })
    .await;
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;
    assert_eq!(browser.token(&session).await.status, 200);

    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(browser.session_ids().await, Vec::<String>::new());
    browser
        .token(&session)
        .await
        .assert_error(401, "authentication_invalid");
    let remove = browser
        .post(&format!("/v1/client/sessions/{session}/remove"), &[])
        .await;
    assert_eq!(
        remove.assert_error(400, "session_not_active")["meta"]["status"],
        "expired"
    );
    // And one can sign in again.
    browser.signed_in(ADA).await;
}
