//! What an attacker or a bad day would do to the sign-in endpoint: plant a
//! `__client` cookie, guess passwords, flood the password hashing, race a
//! sign-in against deleting the client; and bad flags on the command line.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fapi_server::{Config, SignInLimits};
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use serde_json::Value;

use crate::cli::spawn_server;
use crate::support::*;

/// A browser whose cookie jar already holds `__client=<token>`.
fn browser_with_planted_client(server: &TestServer, token: &str) -> Browser {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(
        &format!("__client={token}; Path=/"),
        &server.base.parse().unwrap(),
    );
    let mut headers = HeaderMap::new();
    headers.insert(ORIGIN, HeaderValue::from_str(&server.base).unwrap());
    Browser {
        http: reqwest::Client::builder()
            .cookie_provider(jar)
            .default_headers(headers)
            .build()
            .unwrap(),
        base: server.base.clone(),
    }
}

#[tokio::test]
async fn a_planted_client_cookie_holds_nothing_after_the_victim_signs_in() {
    let server = start_default().await;
    // The attacker gets a signed-out client of their own and keeps its value.
    let attacker = Browser::new(&server);
    let signed_in = attacker.sign_in(GRACE).await;
    let planted = client_token(&signed_in);
    attacker
        .post("/v1/client/sessions?_method=DELETE", &[])
        .await;
    // ... and plants it in the victim's browser (a sibling subdomain, plain http).
    let victim = browser_with_planted_client(&server, &planted);
    let reply = victim.sign_in(ADA).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let session = reply.body["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let rotated = client_token(&reply);
    assert_ne!(
        rotated, planted,
        "the sign-in issues a fresh __client value"
    );
    assert_eq!(
        victim.session_ids().await,
        vec![session.clone()],
        "the victim is signed in"
    );

    // The planted value now names nothing: no session, no token.
    let holder = browser_with_planted_client(&server, &planted);
    assert_eq!(holder.get("/v1/client").await.body["response"], Value::Null);
    holder
        .token(&session)
        .await
        .assert_error(404, "session_not_found");
    holder
        .post(&format!("/v1/client/sessions/{session}/touch"), &[])
        .await
        .assert_error(404, "session_not_found");
}

#[tokio::test]
async fn add_account_rotates_the_client_token_too() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let first = client_token(&browser.sign_in(ADA).await);
    let second = client_token(&browser.sign_in(GRACE).await);
    assert_ne!(first, second);
    assert_eq!(
        browser.session_ids().await.len(),
        2,
        "both accounts stay signed in"
    );
    let old = browser_with_planted_client(&server, &first);
    assert_eq!(old.get("/v1/client").await.body["response"], Value::Null);
}

fn limits(per_identifier: u32, per_address: u32, window: Duration) -> Config {
    Config {
        sign_in_limits: SignInLimits {
            failures_per_identifier: per_identifier,
            failures_per_address: per_address,
            window,
            ..SignInLimits::default()
        },
        ..Config::default()
    }
}

async fn sign_in_with(browser: &Browser, identifier: &str, password: &str) -> Reply {
    browser
        .post(
            "/v1/client/sign_ins",
            &[("identifier", identifier), ("password", password)],
        )
        .await
}

#[track_caller]
fn assert_throttled(reply: &Reply) {
    reply.assert_error(429, "too_many_requests");
    let seconds: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3).contains(&seconds), "Retry-After: {seconds}");
}

#[tokio::test]
async fn wrong_passwords_for_one_account_lock_it_for_the_window_right_password_included() {
    let server = start(limits(5, 1_000, Duration::from_secs(2))).await;
    let attacker = Browser::new(&server);
    for _ in 0..5 {
        sign_in_with(&attacker, ADA, "guess")
            .await
            .assert_error(422, "form_password_incorrect");
    }
    assert_throttled(&sign_in_with(&attacker, ADA, "guess").await);
    // The right password, from anywhere, waits out the window too...
    let ada = Browser::new(&server);
    assert_throttled(&ada.sign_in(ADA).await);
    // ... other accounts are not affected ...
    assert_eq!(ada.sign_in(GRACE).await.status, 200);
    // ... and after the window Ada signs in.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert_eq!(ada.sign_in(ADA).await.status, 200);
}

#[tokio::test]
async fn failures_from_one_address_lock_that_address_but_successes_never_count() {
    let server = start(limits(1_000, 5, Duration::from_secs(60))).await;
    let browser = Browser::new(&server);
    // Many successful sign-ins from one address (a test suite, an office).
    for _ in 0..12 {
        assert_eq!(browser.sign_in(ADA).await.status, 200);
        browser
            .post("/v1/client/sessions?_method=DELETE", &[])
            .await;
    }
    for i in 0..5 {
        sign_in_with(&browser, &format!("nobody{i}@example.com"), "guess")
            .await
            .assert_error(422, "form_identifier_not_found");
    }
    let refused = browser.sign_in(GRACE).await;
    refused.assert_error(429, "too_many_requests");
    assert!(refused.headers.contains_key("retry-after"));
}

/// Resident memory now and at its peak, in KiB, from /proc.
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[tokio::test]
async fn a_flood_of_sign_ins_keeps_memory_flat_and_gets_429_beyond_the_queue() {
    let (child, url, _) = spawn_server(&[
        "--db".as_ref(),
        ":memory:".as_ref(),
        "--no-static".as_ref(),
        "--max-concurrent-hashes".as_ref(),
        "2".as_ref(),
        "--hash-queue".as_ref(),
        "8".as_ref(),
        "--max-failed-sign-ins-per-address".as_ref(),
        "100000".as_ref(),
    ]);
    let pid = child.0.id();
    let http = reqwest::Client::new();
    let started = Instant::now();
    let attempts = (0..150).map(|i| {
        let http = http.clone();
        let url = url.clone();
        async move {
            http.post(format!("{url}/v1/client/sign_ins"))
                .header("origin", &url)
                .form(&[
                    ("identifier", format!("made-up-{i}@example.com")),
                    ("password", "guess".to_string()),
                ])
                .send()
                .await
                .unwrap()
        }
    });
    let replies = futures_join_all(attempts).await;
    let (_, peak) = memory_kib(pid);
    let mut busy = 0;
    for reply in &replies {
        match reply.status().as_u16() {
            422 => {}
            429 => {
                busy += 1;
                assert!(reply.headers().contains_key("retry-after"));
            }
            other => panic!("unexpected {other}"),
        }
    }
    eprintln!(
        "flood: {busy} of 150 sign-ins got 429; peak resident memory {} MiB",
        peak / 1024
    );
    assert!(
        busy > 0,
        "beyond 2 hashing and 8 waiting, sign-ins are refused at once"
    );
    // Two hashes of ~19 MiB at a time, plus the server itself.
    assert!(
        peak < 160 * 1024,
        "peak resident memory {} MiB",
        peak / 1024
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// Awaits every future, concurrently (no extra crate for one join).
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_sign_in_racing_the_deletion_of_its_client_never_leaves_an_orphan_session() {
    let server = start_default().await;
    for round in 0..40 {
        let browser = Browser::new(&server);
        browser.signed_in(ADA).await;
        let (sign_in, deleted) = tokio::join!(
            browser.sign_in(GRACE),
            browser.post("/v1/client?_method=DELETE", &[])
        );
        match sign_in.status.as_u16() {
            200 => {
                let created = sign_in.body["response"]["created_session_id"].clone();
                let sessions = &sign_in.body["client"]["sessions"];
                assert!(
                    sessions
                        .as_array()
                        .is_some_and(|s| s.iter().any(|x| x["id"] == created)),
                    "round {round}: a 200 sign-in names its client and session: {}",
                    sign_in.body
                );
            }
            404 => {
                sign_in.assert_error(404, "client_not_found");
            }
            other => panic!("round {round}: sign-in answered {other}: {}", sign_in.body),
        }
        assert!(
            [200, 404].contains(&deleted.status.as_u16()),
            "round {round}: delete answered {}",
            deleted.status
        );
    }
}

#[test]
fn every_flag_is_range_checked_with_a_clear_message() {
    for (flag, value) in [
        ("--session-lifetime", "0"),
        ("--session-lifetime", "18446744073709551615"),
        ("--max-failed-sign-ins-per-identifier", "0"),
        ("--max-failed-sign-ins-per-address", "0"),
        ("--sign-in-window", "0"),
        ("--max-concurrent-hashes", "0"),
        ("--max-concurrent-hashes", "100000"),
        ("--allowed-origin", "app.example.com"),
        ("--allowed-origin", "https://app.example.com/path"),
        ("--application-name", ""),
        ("--public-url", "auth.example.com"),
        ("--public-url", "https://auth.example.com/path"),
        ("--trust-proxy", "not-an-ip"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_fapi-server"))
            .args(["--db", ":memory:", "--addr", "127.0.0.1:0", flag, value])
            .output()
            .unwrap();
        assert!(!output.status.success(), "{flag} {value} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(flag), "{flag} {value}: {stderr}");
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_and_its_journal_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let db = folder.join("fapi.sqlite");
    let server = start(Config {
        db_path: db.to_string_lossy().into_owned(),
        ..Config::default()
    })
    .await;
    // A write, so that the WAL and shared-memory files exist.
    Browser::new(&server).signed_in(ADA).await;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700, "the folder");
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // An existing, too open file is closed down on start.
    drop(server);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _again = start(Config {
        db_path: db.to_string_lossy().into_owned(),
        ..Config::default()
    })
    .await;
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn servers_starting_together_on_a_new_database_all_start() {
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir
            .path()
            .join("shared.sqlite")
            .to_string_lossy()
            .into_owned();
        let starts: Vec<_> = (0..4)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || fapi_server::store::SqliteStore::open(&db).map(|_| ()))
            })
            .collect();
        for start in starts {
            let outcome = start.join().unwrap();
            assert!(outcome.is_ok(), "round {round}: {:?}", outcome.err());
        }
    }
}

#[tokio::test]
async fn a_dns_rebinding_host_is_refused_and_public_urls_name_the_only_hosts() {
    let server = start_default().await;
    let http = reqwest::Client::new();
    let url = format!("{}/v1/client/sign_ins", server.base);
    let rebinding = http
        .post(&url)
        .header("host", "rebind.evil.test")
        .header("origin", "http://rebind.evil.test")
        .form(&[("identifier", ADA), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(rebinding.status(), 421);
    let body: Value = rebinding.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "host_invalid");

    let public = start(Config {
        public_urls: vec!["https://auth.example.com".into()],
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Config::default()
    })
    .await;
    let environment = |host: &'static str| {
        http.get(format!("{}/v1/environment", public.base))
            .header("host", host)
            .send()
    };
    assert_eq!(environment("localhost").await.unwrap().status(), 421);
    let named: Value = environment("auth.example.com")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        named["display_config"]["sign_in_url"], "https://auth.example.com/#sign-in",
        "URLs follow the public URL, not whatever Host said"
    );
}

#[tokio::test]
async fn forwarded_for_counts_only_from_a_trusted_proxy() {
    // Throttled per address: a client cannot dodge it by inventing X-Forwarded-For.
    let server = start(limits(1_000, 3, Duration::from_secs(60))).await;
    let browser = Browser::new(&server);
    for i in 0..3 {
        let reply = browser
            .send(
                browser
                    .http
                    .post(browser.url("/v1/client/sign_ins"))
                    .header("x-forwarded-for", format!("198.51.100.{i}"))
                    .form(&[("identifier", ADA), ("password", "guess")]),
            )
            .await;
        reply.assert_error(422, "form_password_incorrect");
    }
    let refused = browser
        .send(
            browser
                .http
                .post(browser.url("/v1/client/sign_ins"))
                .header("x-forwarded-for", "198.51.100.99")
                .form(&[("identifier", GRACE), ("password", PASSWORD)]),
        )
        .await;
    refused.assert_error(429, "too_many_requests");
}

#[tokio::test]
async fn slow_clients_are_cut_off_and_a_normal_client_is_still_served() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (_child, url, _) = spawn_server(&[
        "--db".as_ref(),
        ":memory:".as_ref(),
        "--no-static".as_ref(),
        "--max-connections".as_ref(),
        "64".as_ref(),
        "--header-timeout".as_ref(),
        "1".as_ref(),
        "--request-timeout".as_ref(),
        "2".as_ref(),
    ]);
    let addr = url.trim_start_matches("http://").to_string();
    // 150 clients that send half a request and then nothing: more than the
    // server serves at once.
    let mut slow = Vec::new();
    for _ in 0..150 {
        let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
        stream
            .write_all(b"GET /v1/environment HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .await
            .unwrap();
        slow.push(stream);
    }
    let started = Instant::now();
    let normal = reqwest::Client::new()
        .get(format!("{url}/v1/environment"))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("a normal client is served");
    assert_eq!(normal.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    // The slow ones were closed by the server, not left open.
    let mut buffer = [0u8; 256];
    let first = &mut slow[0];
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match first.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => continue,
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "a half-sent request stays open");

    // A body that never arrives is cut off by the request timeout, and an
    // oversized declared length is refused before any body is read.
    let mut stalled = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stalled
        .write_all(
            b"POST /v1/client/sign_ins HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nidentifier=",
        )
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(6), stalled.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the stalled body is cut off");
    let mut huge = tokio::net::TcpStream::connect(&addr).await.unwrap();
    huge.write_all(
        b"POST /v1/client/sign_ins HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000000\r\n\r\n",
    )
    .await
    .unwrap();
    let mut head = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(3), huge.read(&mut head))
        .await
        .expect("answered at once")
        .unwrap();
    assert!(
        String::from_utf8_lossy(&head[..n]).starts_with("HTTP/1.1 413"),
        "{}",
        String::from_utf8_lossy(&head[..n])
    );
}

#[tokio::test]
async fn sign_ins_and_sign_outs_leave_audit_lines_without_secrets() {
    let (_child, url, _, log) = crate::cli::spawn_server_with_log(&[
        "--db".as_ref(),
        ":memory:".as_ref(),
        "--demo".as_ref(),
        "--no-static".as_ref(),
    ]);
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let http = reqwest::Client::builder()
        .cookie_provider(jar)
        .build()
        .unwrap();
    let post = |path: &str, form: &[(&str, &str)]| {
        http.post(format!("{url}{path}"))
            .header("origin", &url)
            .form(form)
            .send()
    };
    let wrong = post(
        "/v1/client/sign_ins",
        &[("identifier", ADA), ("password", "guess-1")],
    )
    .await
    .unwrap();
    let wrong_trace = wrong.headers()["x-clerk-trace-id"]
        .to_str()
        .unwrap()
        .to_string();
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(
        body["clerk_trace_id"],
        wrong_trace.as_str(),
        "one id in the header and the envelope"
    );
    let signed_in = post(
        "/v1/client/sign_ins",
        &[("identifier", ADA), ("password", PASSWORD)],
    )
    .await
    .unwrap();
    let sign_in_trace = signed_in.headers()["x-clerk-trace-id"]
        .to_str()
        .unwrap()
        .to_string();
    let client_cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("__client="))
        .unwrap();
    let body: Value = signed_in.json().await.unwrap();
    let session = body["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let user = body["client"]["sessions"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let signed_out = post("/v1/client/sessions?_method=DELETE", &[])
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 200);

    let mut audit = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while audit.len() < 3 && Instant::now() < deadline {
        if let Ok(line) = log.recv_timeout(Duration::from_millis(100)) {
            assert!(
                !line.contains(PASSWORD) && !line.contains("guess-1"),
                "a password in the log: {line}"
            );
            let token = client_cookie["__client=".len()..]
                .split(';')
                .next()
                .unwrap();
            assert!(!line.contains(token), "a client token in the log: {line}");
            if line.contains(" audit ") {
                audit.push(line);
            }
        }
    }
    assert_eq!(audit.len(), 3, "{audit:#?}");
    assert!(audit[0].contains("sign_in.failed.wrong_password") && audit[0].contains(&wrong_trace));
    assert!(audit[0].contains("ip=\"127.0.0.1\""), "{}", audit[0]);
    for (line, event) in [
        (&audit[1], "sign_in.succeeded"),
        (&audit[2], "sign_out.session_removed"),
    ] {
        assert!(line.contains(event), "{line}");
        assert!(line.contains(&session) && line.contains(&user), "{line}");
    }
    assert!(audit[1].contains(&sign_in_trace));
}

#[tokio::test]
async fn reads_are_served_while_a_write_is_stalled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir
        .path()
        .join("fapi.sqlite")
        .to_string_lossy()
        .into_owned();
    let server = start(Config {
        db_path: db.clone(),
        ..Config::default()
    })
    .await;
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;
    // Another writer (a slow migration, a backup, a stuck request) holds
    // the database's write lock for three seconds.
    let (locked_tx, locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_secs(3));
        conn.execute_batch("ROLLBACK").unwrap();
    });
    locked.recv().unwrap();
    let started = Instant::now();
    assert_eq!(
        browser.client().await["sessions"][0]["id"],
        session.as_str()
    );
    assert_eq!(browser.token(&session).await.status, 200);
    assert_eq!(browser.get("/v1/environment").await.status, 200);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(2),
        "reads waited {took:?} for the write"
    );
    holder.join().unwrap();
    // And writes go on once the lock is free.
    browser
        .post("/v1/client/sessions?_method=DELETE", &[])
        .await;
    assert!(browser.session_ids().await.is_empty());
}

#[tokio::test]
async fn oversized_targets_and_headers_get_clerk_s_envelope_not_a_bare_status() {
    let (_child, url, _) =
        spawn_server(&["--db".as_ref(), ":memory:".as_ref(), "--no-static".as_ref()]);
    let http = reqwest::Client::new();
    let long = http
        .get(format!("{url}/v1/environment?pad={}", "x".repeat(20_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(long.status(), 414);
    let body: Value = long.json().await.unwrap();
    assert_clerk_error_envelope(&body);
    assert_eq!(body["errors"][0]["code"], "request_uri_too_long");
    let big = http
        .get(format!("{url}/v1/environment"))
        .header("x-padding", "y".repeat(40_000))
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 431);
    let body: Value = big.json().await.unwrap();
    assert_clerk_error_envelope(&body);
    assert_eq!(body["errors"][0]["code"], "request_headers_too_large");
    // Normal requests are unaffected.
    assert_eq!(
        http.get(format!("{url}/v1/environment"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}
