//! A real server on 127.0.0.1 and browser-like HTTP clients with cookie jars.

use std::net::SocketAddr;
use std::sync::Arc;

use fapi_server::{app, seed, AppState, Config};
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use reqwest::StatusCode;
use serde_json::Value;

pub const ADA: &str = "ada@example.com";
pub const GRACE: &str = "grace@example.com";
pub const PASSWORD: &str = seed::DEMO_PASSWORD;

pub struct TestServer {
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts the server with the demo users on a free loopback port.
pub async fn start(config: Config) -> TestServer {
    let state = AppState::new(config).expect("server state");
    seed::seed_demo_users(&*state.store, fapi_server::now_ms()).expect("seed");
    start_with_state(state).await
}

pub async fn start_default() -> TestServer {
    start(Config::default()).await
}

pub async fn start_with_state(state: AppState) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, service).await.unwrap();
    });
    TestServer {
        base: format!("http://{addr}"),
        task,
    }
}

/// One browser (one computer): its own cookie jar, and an `Origin` header
/// on every request as a page served by the API's own origin would send.
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }

    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }

    /// Asserts Clerk's error envelope with exactly one error of `code`.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_clerk_error_envelope(&self.body);
        assert_eq!(self.body["errors"][0]["code"], code, "body: {}", self.body);
        &self.body["errors"][0]
    }
}

#[track_caller]
pub fn assert_clerk_error_envelope(body: &Value) {
    let object = body.as_object().expect("an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["clerk_trace_id", "errors"], "envelope keys: {body}");
    assert!(body["clerk_trace_id"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    let errors = body["errors"].as_array().expect("errors array");
    assert_eq!(errors.len(), 1);
    let mut error_keys: Vec<&str> = errors[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    error_keys.sort();
    assert_eq!(error_keys, ["code", "long_message", "message", "meta"]);
    for key in ["code", "message", "long_message"] {
        assert!(
            errors[0][key].as_str().is_some_and(|s| !s.is_empty()),
            "{key} must be a non-empty string: {body}"
        );
    }
    assert!(errors[0]["meta"].is_object());
}

impl Browser {
    pub fn new(server: &TestServer) -> Browser {
        Browser::with_origin(server, Some(&server.base.clone()))
    }

    pub fn with_origin(server: &TestServer, origin: Option<&str>) -> Browser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let mut headers = HeaderMap::new();
        if let Some(origin) = origin {
            headers.insert(ORIGIN, HeaderValue::from_str(origin).unwrap());
        }
        let http = reqwest::Client::builder()
            .cookie_provider(jar)
            .default_headers(headers)
            .user_agent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36")
            .build()
            .unwrap();
        Browser {
            http,
            base: server.base.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        // Real clients add these to every request; any date must be accepted.
        let sep = if path.contains('?') { '&' } else { '?' };
        format!(
            "{}{path}{sep}__clerk_api_version=2025-11-10&_clerk_js_version=5.127.0",
            self.base
        )
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request reaches the server");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                panic!("not JSON ({status}): {}", String::from_utf8_lossy(&bytes))
            })
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.http.get(self.url(path))).await
    }

    /// A POST with a form body, as browsers send every FAPI write.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        self.send(self.http.post(self.url(path)).form(form)).await
    }

    pub async fn sign_in(&self, email: &str) -> Reply {
        self.post(
            "/v1/client/sign_ins",
            &[
                ("identifier", email),
                ("password", PASSWORD),
                ("strategy", "password"),
            ],
        )
        .await
    }

    /// Signs in and returns the new session id.
    pub async fn signed_in(&self, email: &str) -> String {
        let reply = self.sign_in(email).await;
        assert_eq!(reply.status, 200, "sign-in failed: {}", reply.body);
        reply.body["response"]["created_session_id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn client(&self) -> Value {
        let reply = self.get("/v1/client").await;
        assert_eq!(reply.status, 200);
        reply.body["response"].clone()
    }

    pub async fn session_ids(&self) -> Vec<String> {
        let client = self.client().await;
        client["sessions"]
            .as_array()
            .map(|sessions| {
                sessions
                    .iter()
                    .map(|s| s["id"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub async fn token(&self, session_id: &str) -> Reply {
        self.post(&format!("/v1/client/sessions/{session_id}/tokens"), &[])
            .await
    }
}

/// The `__client` cookie value a browser holds, as the server set it.
pub fn client_token(reply: &Reply) -> String {
    let cookie = reply.set_cookie("__client").expect("__client cookie set");
    cookie["__client=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_string()
}
