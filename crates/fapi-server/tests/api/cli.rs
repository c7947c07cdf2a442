//! The `fapi-server` binary as the README and outside checks use it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fapi-server");

#[test]
fn help_explains_every_option() {
    let output = Command::new(BIN).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for option in [
        "--addr",
        "--db",
        "--demo",
        "--static-dir",
        "--no-static",
        "--allowed-origin",
        "--allow-local-origins",
        "--single-session",
        "--session-lifetime",
        "--application-name",
        "--public-url",
        "--trust-proxy",
        "--max-failed-sign-ins-per-identifier",
        "--max-failed-sign-ins-per-address",
        "--sign-in-window",
        "--max-concurrent-hashes",
        "--hash-queue",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
}

#[test]
fn a_bad_address_is_a_clear_error() {
    let output = Command::new(BIN)
        .args(["--addr", "not-an-address"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--addr"));
}

/// Kills the child when the test ends, passed or failed.
pub struct Running(pub std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary with `args` (plus `--addr 127.0.0.1:0`) and returns it
/// with the URL and everything it printed up to the URL.
pub fn spawn_server(args: &[&std::ffi::OsStr]) -> (Running, String, String) {
    let (child, url, printed, _later) = spawn_server_with_log(args);
    (child, url, printed)
}

/// As [`spawn_server`], with what the server prints afterwards (its log).
pub fn spawn_server_with_log(
    args: &[&std::ffi::OsStr],
) -> (Running, String, String, std::sync::mpsc::Receiver<String>) {
    let mut child = Running(
        Command::new(BIN)
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Read stdout on a thread so a server that prints nothing fails the
    // test after the deadline instead of hanging it.
    let stdout = BufReader::new(child.0.stdout.take().unwrap());
    let (lines_tx, lines) = std::sync::mpsc::channel();
    // Keeps reading after the receiver is gone: a server whose output
    // nobody reads would block on a full pipe.
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut printed = String::new();
    let mut url = None;
    let deadline = Instant::now() + Duration::from_secs(30);
    while url.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = lines.recv_timeout(left) else {
            break;
        };
        printed.push_str(&line);
        printed.push('\n');
        if let Some(at) = line.find("http://") {
            url = Some(line[at..].trim_end_matches('/').to_string());
        }
    }
    let url = url.unwrap_or_else(|| panic!("no URL printed:\n{printed}"));
    (child, url, printed, lines)
}

#[tokio::test]
async fn demo_mode_seeds_the_demo_users_and_serves_http() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    std::fs::write(dir.path().join("index.html"), "<h1>demo page</h1>").unwrap();
    let (_child, url, printed) = spawn_server(&[
        "--demo".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--static-dir".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert!(printed.contains("ada@example.com"), "{printed}");
    assert!(printed.contains("grace@example.com"), "{printed}");
    assert!(printed.contains("demo-password-123"), "{printed}");

    let http = reqwest::Client::new();
    let page = http.get(format!("{url}/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("demo page"));
    let sign_in = http
        .post(format!("{url}/v1/client/sign_ins"))
        .form(&[
            ("identifier", "grace@example.com"),
            ("password", "demo-password-123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), 200);
    let body: serde_json::Value = sign_in.json().await.unwrap();
    assert_eq!(body["client"]["sessions"][0]["user"]["last_name"], "Hopper");
    // The database file is where --db said.
    assert!(db.exists());
}
