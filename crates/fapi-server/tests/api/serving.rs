//! The demo page and `/pkg/` as a browser and an attacker see them: security
//! headers, a Content-Security-Policy the widget works under, and no file
//! outside what is meant to be served.

use fapi_server::Config;

use crate::support::*;

fn static_server_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><script src=\"/pkg/clerk.js\"></script><script>window.Clerk.mountUserButton(el)</script>",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("pkg")).unwrap();
    std::fs::write(dir.path().join("pkg/clerk.js"), "// the loader").unwrap();
    std::fs::write(dir.path().join("pkg/.env"), "SECRET=1").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "outside pkg").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("pkg/link.txt"),
    )
    .unwrap();
    dir
}

async fn static_server(dir: &tempfile::TempDir) -> TestServer {
    start(Config {
        static_dir: Some(dir.path().to_path_buf()),
        ..Config::default()
    })
    .await
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_the_page_a_strict_policy() {
    let dir = static_server_dir();
    let server = static_server(&dir).await;
    let http = reqwest::Client::new();
    for path in ["/", "/pkg/clerk.js", "/v1/environment", "/v1/nowhere"] {
        let response = http
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(headers.contains_key("referrer-policy"), "{path}");
    }
    let page = http.get(format!("{}/", server.base)).send().await.unwrap();
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{policy}"
    );
    let scripts = policy
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(!scripts.contains("'unsafe-inline'"), "{policy}");
    assert!(!scripts.contains(" 'unsafe-eval'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
}

#[tokio::test]
async fn pkg_serves_its_files_and_nothing_else_and_never_a_5xx() {
    let dir = static_server_dir();
    let server = static_server(&dir).await;
    let http = reqwest::Client::new();
    let ok = http
        .get(format!("{}/pkg/clerk.js", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    for path in [
        "/pkg/.env",
        "/pkg/%2Eenv",
        "/pkg/../secret.txt",
        "/pkg/%2E%2E/secret.txt",
        "/pkg/link.txt",
        "/pkg/%00",
        "/pkg/a%00b",
        "/pkg/a%5Cb",
        "/pkg/%FF",
        "/pkg/missing.js",
    ] {
        for method in [reqwest::Method::GET, reqwest::Method::HEAD] {
            let response = http
                .request(method.clone(), format!("{}{path}", server.base))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 404, "{method} {path}");
        }
    }
}
