use fapi_server::Config;
use serde_json::Value;

use crate::support::*;

#[tokio::test]
async fn environment_is_bare_and_the_same_for_get_and_patch_override() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let get = browser.get("/v1/environment").await;
    assert_eq!(get.status, 200);
    assert_eq!(get.headers["cache-control"], "no-store");
    let env = &get.body;
    assert!(
        env.get("response").is_none(),
        "environment is not enveloped"
    );
    assert_eq!(env["auth_config"]["single_session_mode"], false);
    let display = &env["display_config"];
    for key in [
        "application_name",
        "sign_in_url",
        "after_sign_out_one_url",
        "after_sign_out_all_url",
        "after_switch_session_url",
        "user_profile_url",
        "home_url",
    ] {
        assert!(
            display[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key}"
        );
    }
    assert_eq!(display["home_url"], format!("{}/", server.base));
    assert!(env["user_settings"].is_object());
    assert!(env["organization_settings"].is_object());

    let patch = browser.post("/v1/environment?_method=PATCH", &[]).await;
    assert_eq!(patch.status, 200);
    assert_eq!(patch.body, get.body);
    let _: fapi_types::Environment = serde_json::from_value(get.body).unwrap();
}

#[tokio::test]
async fn environment_reports_single_session_mode_when_configured() {
    let server = start(Config {
        single_session_mode: true,
        ..Config::default()
    })
    .await;
    let env = Browser::new(&server).get("/v1/environment").await.body;
    assert_eq!(env["auth_config"]["single_session_mode"], true);
}

#[tokio::test]
async fn without_a_cookie_there_is_no_client() {
    let server = start_default().await;
    let reply = Browser::new(&server).get("/v1/client").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        serde_json::json!({"response": null, "client": null})
    );
}

#[tokio::test]
async fn password_sign_in_creates_the_client_and_an_active_session() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let reply = browser.sign_in(ADA).await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    let cookie = reply.set_cookie("__client").unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Secure"), "plain http must not set Secure");
    let token = client_token(&reply);
    assert!(token.len() >= 22, "at least 128 bits of base64url");
    let uat = reply.set_cookie("__client_uat").unwrap();
    assert!(!uat.starts_with("__client_uat=0;"), "{uat}");
    assert!(!uat.contains("HttpOnly"));

    let sign_in = &reply.body["response"];
    assert_eq!(sign_in["object"], "sign_in_attempt");
    assert_eq!(sign_in["status"], "complete");
    assert_eq!(sign_in["identifier"], ADA);
    let session_id = sign_in["created_session_id"].as_str().unwrap();
    assert!(session_id.starts_with("sess_"));

    let client = &reply.body["client"];
    assert_eq!(client["object"], "client");
    assert_eq!(client["last_active_session_id"], session_id);
    let session = &client["sessions"][0];
    assert_eq!(session["id"], session_id);
    assert_eq!(session["status"], "active");
    assert_eq!(session["user"]["first_name"], "Ada");
    assert_eq!(session["user"]["last_name"], "Lovelace");
    assert_eq!(session["public_user_data"]["identifier"], ADA);
    assert_eq!(session["user"]["email_addresses"][0]["email_address"], ADA);
    // Millisecond timestamps.
    let created = session["created_at"].as_i64().unwrap();
    assert!(created > 1_600_000_000_000, "{created} is not in ms");
    assert!(session["expire_at"].as_i64().unwrap() > created);

    // The next request with the cookie sees the same client.
    let again = browser.client().await;
    assert_eq!(again["id"], client["id"]);
    assert_eq!(again["sessions"][0]["id"], session_id);
    let _: fapi_types::Client = serde_json::from_value(again).unwrap();
}

#[tokio::test]
async fn the_cookie_is_secure_behind_a_trusted_https_proxy_only() {
    let sign_in_via_https_proxy = |server: &TestServer| {
        let browser = Browser::new(server);
        let request = browser
            .http
            .post(browser.url("/v1/client/sign_ins"))
            .header("x-forwarded-proto", "https")
            .header("origin", server.base.replace("http://", "https://"))
            .form(&[("identifier", ADA), ("password", PASSWORD)]);
        async move { browser.send(request).await }
    };
    let behind_proxy = start(fapi_server::Config {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    })
    .await;
    let reply = sign_in_via_https_proxy(&behind_proxy).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.set_cookie("__client").unwrap().contains("; Secure"));

    // From a peer that is not a configured proxy the header is the
    // client's word: ignored (so its https Origin is not this server's).
    let direct = start_default().await;
    sign_in_via_https_proxy(&direct)
        .await
        .assert_error(403, "origin_invalid");
}

#[tokio::test]
async fn wrong_password_and_unknown_identifier_are_form_errors() {
    let server = start_default().await;
    let browser = Browser::new(&server);

    let wrong = browser
        .post(
            "/v1/client/sign_ins",
            &[
                ("identifier", ADA),
                ("password", "nope"),
                ("strategy", "password"),
            ],
        )
        .await;
    let error = wrong.assert_error(422, "form_password_incorrect");
    assert_eq!(error["meta"]["param_name"], "password");
    assert!(
        wrong.set_cookie("__client").is_none(),
        "no client on failure"
    );

    let unknown = browser
        .post(
            "/v1/client/sign_ins",
            &[("identifier", "nobody@example.com"), ("password", PASSWORD)],
        )
        .await;
    let error = unknown.assert_error(422, "form_identifier_not_found");
    assert_eq!(error["meta"]["param_name"], "identifier");

    let missing = browser
        .post("/v1/client/sign_ins", &[("password", PASSWORD)])
        .await;
    missing.assert_error(422, "form_param_missing");
    let no_password = browser
        .post("/v1/client/sign_ins", &[("identifier", ADA)])
        .await;
    assert_eq!(
        no_password.assert_error(422, "form_param_missing")["meta"]["param_name"],
        "password"
    );
    let strategy = browser
        .post(
            "/v1/client/sign_ins",
            &[
                ("identifier", ADA),
                ("password", PASSWORD),
                ("strategy", "oauth_google"),
            ],
        )
        .await;
    strategy.assert_error(422, "form_param_value_invalid");

    // None of that created a client.
    assert_eq!(
        browser.get("/v1/client").await.body["response"],
        Value::Null
    );
}

#[tokio::test]
async fn identifiers_match_case_insensitively() {
    let server = start_default().await;
    let reply = Browser::new(&server).sign_in("  Ada@Example.COM ").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn single_session_mode_refuses_a_second_sign_in() {
    let server = start(Config {
        single_session_mode: true,
        ..Config::default()
    })
    .await;
    let browser = Browser::new(&server);
    let first = browser.signed_in(ADA).await;
    browser
        .sign_in(GRACE)
        .await
        .assert_error(400, "session_exists");
    assert_eq!(browser.session_ids().await, vec![first]);
}

#[tokio::test]
async fn multi_session_mode_adds_accounts_but_not_the_same_one_twice() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let ada = browser.signed_in(ADA).await;
    let grace = browser.signed_in(GRACE).await;
    let client = browser.client().await;
    assert_eq!(client["last_active_session_id"], grace);
    assert_eq!(
        browser.session_ids().await,
        vec![ada.clone(), grace.clone()]
    );
    browser
        .sign_in(ADA)
        .await
        .assert_error(400, "identifier_already_signed_in");
    assert_eq!(browser.session_ids().await, vec![ada, grace]);
}
