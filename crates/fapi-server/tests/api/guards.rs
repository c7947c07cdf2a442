//! `_method`, Origin/CSRF, CORS, caching and the error envelope for bad requests.

use fapi_server::Config;
use reqwest::Method;

use crate::support::*;

#[tokio::test]
async fn method_override_accepts_known_verbs_only() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    browser.signed_in(ADA).await;
    let bad = browser.post("/v1/client/sessions?_method=GET", &[]).await;
    assert_eq!(
        bad.assert_error(400, "form_param_value_invalid")["meta"]["param_name"],
        "_method"
    );
    // A POST without the override is not a DELETE.
    browser
        .post("/v1/client", &[])
        .await
        .assert_error(405, "request_method_not_allowed");
    assert_eq!(browser.session_ids().await.len(), 1);
    // Lower case works too.
    let ok = browser
        .post("/v1/client/sessions?_method=delete", &[])
        .await;
    assert_eq!(ok.status, 200);
    assert!(browser.session_ids().await.is_empty());
}

#[tokio::test]
async fn a_foreign_origin_cannot_change_state() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;
    // Same cookie jar, but the request comes from another site's page.
    let evil = "https://evil.example";
    for (method, path) in [
        (
            Method::POST,
            "/v1/client/sessions?_method=DELETE".to_string(),
        ),
        (Method::POST, "/v1/client?_method=DELETE".to_string()),
        (
            Method::POST,
            format!("/v1/client/sessions/{session}/remove"),
        ),
        (Method::DELETE, "/v1/client/sessions".to_string()),
        (Method::POST, "/v1/client/sign_ins".to_string()),
    ] {
        let reply = browser
            .send(
                browser
                    .http
                    .request(method.clone(), browser.url(&path))
                    .header("origin", evil),
            )
            .await;
        let error = reply.assert_error(403, "origin_invalid");
        assert_eq!(error["meta"]["origin"], evil, "{method} {path}");
        assert!(reply.headers.get("access-control-allow-origin").is_none());
    }
    // A cross-site request without Origin is refused too.
    let reply = browser
        .send(
            browser
                .http
                .post(browser.url("/v1/client/sessions?_method=DELETE"))
                .header("origin", "null")
                .header("sec-fetch-site", "cross-site"),
        )
        .await;
    reply.assert_error(403, "origin_invalid");
    assert_eq!(browser.session_ids().await, vec![session]);
}

#[tokio::test]
async fn allowed_origins_get_exact_cors_headers_with_credentials() {
    let server = start(Config {
        allowed_origins: vec!["https://app.example.com".into()],
        ..Config::default()
    })
    .await;
    let app = Browser::with_origin(&server, Some("https://app.example.com"));
    let reply = app.sign_in(ADA).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.headers["access-control-allow-origin"],
        "https://app.example.com"
    );
    assert_eq!(reply.headers["access-control-allow-credentials"], "true");
    assert!(reply.headers.get_all("vary").iter().any(|v| v == "Origin"));

    // Local dev origins need the dev flag.
    let local = Browser::with_origin(&server, Some("http://127.0.0.1:9"));
    local
        .sign_in(GRACE)
        .await
        .assert_error(403, "origin_invalid");
    let get = local.get("/v1/environment").await;
    assert_eq!(get.status, 200, "reads are not refused");
    assert!(get.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_dev_flag_allows_any_loopback_origin() {
    let server = start(Config {
        allow_local_origins: true,
        ..Config::default()
    })
    .await;
    let test_runner = Browser::with_origin(&server, Some("http://127.0.0.1:45678"));
    let reply = test_runner.sign_in(ADA).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.headers["access-control-allow-origin"],
        "http://127.0.0.1:45678"
    );
    let remote = Browser::with_origin(&server, Some("http://192.0.2.1:45678"));
    remote
        .sign_in(GRACE)
        .await
        .assert_error(403, "origin_invalid");
}

#[tokio::test]
async fn preflight_answers_allowed_origins_only() {
    let server = start(Config {
        allow_local_origins: true,
        ..Config::default()
    })
    .await;
    let browser = Browser::with_origin(&server, None);
    let ok = browser
        .send(
            browser
                .http
                .request(Method::OPTIONS, browser.url("/v1/client/sessions"))
                .header("origin", "http://localhost:8080")
                .header("access-control-request-method", "DELETE")
                .header("access-control-request-headers", "content-type"),
        )
        .await;
    assert_eq!(ok.status, 204);
    assert_eq!(
        ok.headers["access-control-allow-origin"],
        "http://localhost:8080"
    );
    assert_eq!(ok.headers["access-control-allow-credentials"], "true");
    assert!(ok.headers["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("DELETE"));
    assert_eq!(ok.headers["access-control-allow-headers"], "content-type");

    let refused = browser
        .send(
            browser
                .http
                .request(Method::OPTIONS, browser.url("/v1/client/sessions"))
                .header("origin", "https://evil.example")
                .header("access-control-request-method", "DELETE"),
        )
        .await;
    refused.assert_error(403, "origin_invalid");
    assert!(refused.headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn bad_requests_get_the_envelope_not_a_crash() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;

    let unknown = browser.get("/v1/no/such/thing").await;
    unknown.assert_error(404, "resource_not_found");
    assert_eq!(unknown.headers["cache-control"], "no-store");
    browser
        .get("/somewhere/else")
        .await
        .assert_error(404, "resource_not_found");
    browser
        .send(browser.http.put(browser.url("/v1/client/sign_ins")))
        .await
        .assert_error(405, "request_method_not_allowed");

    let raw = |body: &'static [u8], content_type: &'static str| {
        browser
            .http
            .post(browser.url("/v1/client/sign_ins"))
            .header("content-type", content_type)
            .body(body)
    };
    browser
        .send(raw(
            b"identifier=%FF%FE&password=x",
            "application/x-www-form-urlencoded",
        ))
        .await
        .assert_error(400, "form_param_format_invalid");
    browser
        .send(raw(
            br#"{"identifier":"ada@example.com"}"#,
            "application/json",
        ))
        .await
        .assert_error(415, "unsupported_media_type");
    browser
        .send(
            browser
                .http
                .post(browser.url("/v1/client/sign_ins"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(vec![b'a'; 100 * 1024]),
        )
        .await
        .assert_error(413, "request_body_too_large");
    browser
        .send(
            browser
                .http
                .post(browser.url(&format!("/v1/client/sessions/{session}/touch")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("intent=%zz"),
        )
        .await
        .assert_error(422, "form_param_value_invalid");
    // A broken percent-escape in a path segment.
    browser
        .post("/v1/client/sessions/%FF/remove", &[])
        .await
        .assert_error(404, "resource_not_found");

    assert_eq!(browser.session_ids().await, vec![session]);
}

#[tokio::test]
async fn every_api_version_date_is_accepted() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    for date in ["2025-11-10", "2026-08-20", "2030-01-01", "not-a-date"] {
        let reply = browser
            .send(browser.http.get(format!(
                "{}/v1/client?__clerk_api_version={date}&_clerk_js_version=6.40.0",
                server.base
            )))
            .await;
        assert_eq!(reply.status, 200, "{date}");
    }
}
