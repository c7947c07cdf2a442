//! Touch: switching accounts and focus refreshes.

use serde_json::Value;

use crate::support::*;

fn session<'a>(client: &'a Value, id: &str) -> &'a Value {
    client["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()
}

#[tokio::test]
async fn select_session_switches_the_active_account() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    let grace = browser.signed_in(GRACE).await;
    assert_eq!(browser.client().await["last_active_session_id"], grace);

    let reply = browser
        .post(
            &format!("/v1/client/sessions/{ada}/touch"),
            &[("intent", "select_session"), ("active_organization_id", "")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["response"]["id"], ada);
    assert_eq!(reply.body["client"]["last_active_session_id"], ada);
    assert_eq!(browser.client().await["last_active_session_id"], ada);
}

#[tokio::test]
async fn focus_refreshes_last_active_at_without_switching() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    let grace = browser.signed_in(GRACE).await;
    let before = browser.client().await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;

    let reply = browser
        .post(
            &format!("/v1/client/sessions/{ada}/touch"),
            &[("intent", "focus"), ("active_organization_id", "")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = &reply.body["client"];
    assert_eq!(after["last_active_session_id"], grace);
    assert!(
        session(after, &ada)["last_active_at"].as_i64()
            > session(&before, &ada)["last_active_at"].as_i64()
    );
    assert_eq!(
        session(after, &grace)["last_active_at"],
        session(&before, &grace)["last_active_at"]
    );
}

#[tokio::test]
async fn an_unknown_touch_intent_is_refused() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    let reply = browser
        .post(
            &format!("/v1/client/sessions/{ada}/touch"),
            &[("intent", "teleport")],
        )
        .await;
    assert_eq!(
        reply.assert_error(422, "form_param_value_invalid")["meta"]["param_name"],
        "intent"
    );
}
