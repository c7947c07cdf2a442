//! Property test: arbitrary methods, paths, queries, bodies, cookies and
//! origins never produce a 5xx and never change any stored state.
//!
//! Two browsers are signed in (A: Ada, B: Grace). Requests carry A's cookie,
//! B's cookie, a made-up cookie or none, and may name A's real session ids.
//! The generator never knows a password and never aims a valid cookie at its
//! own sessions or at a whole-client sign-out, so no request it makes is a
//! legitimate state change: the database must stay byte-for-byte the same.

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use reqwest::Method;

use crate::support::*;

#[derive(Debug, Clone)]
enum CookieChoice {
    None,
    ClientA,
    ClientB,
    Garbage(String),
}

#[derive(Debug, Clone)]
enum Body {
    Bytes(Vec<u8>),
    Form(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
struct FuzzRequest {
    method: Method,
    path: String,
    /// Whether `path` names one of A's real session ids.
    names_a_session: bool,
    query: Vec<(String, String)>,
    body: Body,
    content_type: Option<&'static str>,
    cookie: CookieChoice,
    origin: Option<&'static str>,
}

fn segment() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_%.~-]{0,24}"
}

fn path(a_sessions: Vec<String>) -> impl Strategy<Value = (String, bool)> {
    let id = prop_oneof![
        segment().prop_map(|s| (s, false)),
        proptest::sample::select(a_sessions).prop_map(|s| (s, true)),
    ];
    let action = proptest::sample::select(vec!["", "/remove", "/end", "/touch", "/tokens", "/x"]);
    prop_oneof![
        1 => proptest::sample::select(vec![
            "/v1/environment",
            "/v1/client",
            "/v1/client/sign_ins",
            "/v1/client/sessions",
            "/v1/me",
            "/v1/me/sessions/active",
            "/.well-known/jwks.json",
            "/v1/jwks",
            "/",
            "/v1",
        ])
        .prop_map(|p| (p.to_string(), false)),
        3 => (id.clone(), action).prop_map(|((id, real), action)| (
            format!("/v1/client/sessions/{id}{action}"),
            real
        )),
        1 => id.prop_map(|(id, real)| (format!("/v1/me/sessions/{id}/revoke"), real)),
        1 => proptest::collection::vec(segment(), 0..5)
            .prop_map(|segs| (format!("/v1/{}", segs.join("/")), false)),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9@.]{0,12}",
        Just("ada@example.com".to_string()),
        Just("grace@example.com".to_string()),
        proptest::sample::select(vec![
            "password",
            "select_session",
            "focus",
            "DELETE",
            "PATCH",
            "GET",
            "",
        ])
        .prop_map(String::from),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        proptest::sample::select(vec![
            "identifier",
            "password",
            "strategy",
            "intent",
            "_method",
            "active_organization_id",
            "_clerk_session_id",
            "organization_id",
        ])
        .prop_map(String::from),
        "[a-z_]{1,10}",
    ];
    proptest::collection::vec((key, value()), 0..5)
}

fn request(a_sessions: Vec<String>) -> impl Strategy<Value = FuzzRequest> {
    let method = proptest::sample::select(vec![
        Method::GET,
        Method::POST,
        Method::POST,
        Method::POST,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::OPTIONS,
        Method::HEAD,
    ]);
    let body = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..256).prop_map(Body::Bytes),
        2 => pairs().prop_map(Body::Form),
    ];
    let content_type = proptest::sample::select(vec![
        None,
        None,
        Some("application/x-www-form-urlencoded"),
        Some("application/x-www-form-urlencoded"),
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        Some("application/json"),
        Some("text/plain"),
        Some("multipart/form-data; boundary=x"),
    ]);
    let cookie = prop_oneof![
        Just(CookieChoice::None),
        Just(CookieChoice::ClientA),
        Just(CookieChoice::ClientB),
        "[A-Za-z0-9_-]{0,43}".prop_map(CookieChoice::Garbage),
    ];
    let origin = proptest::sample::select(vec![None, Some("own"), Some("https://evil.example")]);
    (
        method,
        path(a_sessions),
        pairs(),
        body,
        content_type,
        cookie,
        origin,
    )
        .prop_map(
            |(method, (path, names_a_session), query, body, content_type, cookie, origin)| {
                FuzzRequest {
                    method,
                    path,
                    names_a_session,
                    query,
                    body,
                    content_type,
                    cookie,
                    origin,
                }
            },
        )
}

/// Everything that could change: sessions, clients, users, email addresses.
fn snapshot(db: &str) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    for sql in [
        "SELECT id || client_id || user_id || status || updated_at || last_active_at || expire_at FROM sessions ORDER BY id",
        "SELECT id || coalesce(last_active_session_id, '-') || updated_at || hex(token_hash) FROM clients ORDER BY id",
        "SELECT id || updated_at || coalesce(last_sign_in_at, '-') FROM users ORDER BY id",
        "SELECT id || user_id || email_address FROM email_addresses ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
        out.push_str("--\n");
    }
    out
}

/// A server with two signed-in browsers, and the check every request must pass.
struct Harness {
    runtime: tokio::runtime::Runtime,
    server: TestServer,
    db: String,
    token_a: String,
    token_b: String,
    a_sessions: Vec<String>,
    before: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Harness {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fuzz.sqlite").to_str().unwrap().to_string();
        let server = runtime.block_on(start(fapi_server::Config {
            db_path: db.clone(),
            ..Default::default()
        }));
        let (token_a, token_b, a_sessions) = runtime.block_on(async {
            let reply_a = Browser::new(&server).sign_in(ADA).await;
            let reply_b = Browser::new(&server).sign_in(GRACE).await;
            (
                client_token(&reply_a),
                client_token(&reply_b),
                vec![reply_a.body["response"]["created_session_id"]
                    .as_str()
                    .unwrap()
                    .to_string()],
            )
        });
        Harness {
            before: snapshot(&db),
            runtime,
            server,
            db,
            token_a,
            token_b,
            a_sessions,
            http: reqwest::Client::new(),
            _dir: dir,
        }
    }

    fn check(&self, mut req: FuzzRequest) -> Result<(), TestCaseError> {
        // Keep every request illegitimate (see the module comment).
        let bulk = matches!(req.path.as_str(), "/v1/client" | "/v1/client/sessions");
        if bulk && !matches!(req.cookie, CookieChoice::None | CookieChoice::Garbage(_)) {
            req.cookie = CookieChoice::Garbage("x".into());
        }
        if matches!(req.cookie, CookieChoice::ClientA) && req.names_a_session {
            req.cookie = CookieChoice::ClientB;
        }
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&req.query)
            .finish();
        let url = format!("{}{}?{query}", self.server.base, req.path);
        let mut builder = self.http.request(req.method.clone(), &url);
        builder = match &req.body {
            Body::Bytes(bytes) => builder.body(bytes.clone()),
            Body::Form(pairs) => builder.body(
                form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(pairs)
                    .finish(),
            ),
        };
        if let Some(ct) = req.content_type {
            builder = builder.header("content-type", ct);
        }
        let cookie = match &req.cookie {
            CookieChoice::None => None,
            CookieChoice::ClientA => Some(self.token_a.as_str()),
            CookieChoice::ClientB => Some(self.token_b.as_str()),
            CookieChoice::Garbage(t) => Some(t.as_str()),
        };
        if let Some(token) = cookie {
            builder = builder.header("cookie", format!("__client={token}"));
        }
        match req.origin {
            Some("own") => builder = builder.header("origin", self.server.base.as_str()),
            Some(other) => builder = builder.header("origin", other),
            None => {}
        }
        // Compared per request, so a failure names the request that changed
        // state; the first snapshot also covers drift from earlier cases.
        let before = snapshot(&self.db);
        prop_assert_eq!(&before, &self.before, "state drifted before {:?}", req);
        let (status, body) = self.runtime.block_on(async {
            let response = builder.send().await.expect("the server answers");
            let status = response.status();
            (status, response.bytes().await.unwrap())
        });
        prop_assert!(status.as_u16() < 500, "{status} for {req:?}: {body:?}");
        if status.as_u16() >= 400 && req.method != Method::HEAD {
            let json: serde_json::Value = serde_json::from_slice(&body)
                .map_err(|e| TestCaseError::fail(format!("{e}: {body:?} for {req:?}")))?;
            prop_assert!(json["errors"][0]["code"].is_string(), "{json} for {req:?}");
        }
        let after = snapshot(&self.db);
        prop_assert_eq!(&after, &before, "state changed by {:?} ({})", req, status);
        Ok(())
    }

    fn run(&self, cases: u32, strategy: impl Strategy<Value = FuzzRequest>) {
        let mut runner = TestRunner::new(ProptestConfig {
            cases,
            failure_persistence: None,
            ..ProptestConfig::default()
        });
        runner.run(&strategy, |req| self.check(req)).unwrap();
    }
}

#[test]
fn arbitrary_requests_never_fail_the_server_or_change_state() {
    let harness = Harness::new();
    harness.run(500, request(harness.a_sessions.clone()));
}

/// Aimed at scoping: every request names A's real session, from a browser
/// that is not A (B, a made-up cookie, or none), with any action and body.
#[test]
fn another_browsers_session_cannot_be_touched_by_any_request() {
    let harness = Harness::new();
    let strategy = (
        request(harness.a_sessions.clone()),
        proptest::sample::select(vec!["remove", "end", "touch", "tokens", ""]),
        proptest::sample::select(vec!["client", "me"]),
    )
        .prop_map({
            let session = harness.a_sessions[0].clone();
            move |(mut req, action, family)| {
                req.method = Method::POST;
                req.path = match family {
                    "client" => format!("/v1/client/sessions/{session}/{action}"),
                    _ => format!("/v1/me/sessions/{session}/revoke"),
                };
                req.names_a_session = true;
                req.origin = Some("own");
                if matches!(req.cookie, CookieChoice::ClientA) {
                    req.cookie = CookieChoice::ClientB;
                }
                req
            }
        });
    harness.run(200, strategy);
}
