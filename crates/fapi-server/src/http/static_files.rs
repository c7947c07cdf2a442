//! The demo page and the built widget, served with the headers a page that
//! handles sign-in deserves.
//!
//! - Every response: `X-Content-Type-Options: nosniff`, a `Referrer-Policy`,
//!   and framing refused (`X-Frame-Options: DENY`, `frame-ancestors 'none'`).
//! - The page: a Content-Security-Policy with no `unsafe-inline` or
//!   `unsafe-eval` for scripts; its own inline scripts are allowed by their
//!   SHA-256, computed from the file as served; `wasm-unsafe-eval` lets the
//!   widget compile its WebAssembly.
//! - `/pkg/`: no dotfiles, no NUL or backslash in a path, and nothing that
//!   a symbolic link would reach outside the folder.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Adds the headers every response of this server carries.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The page (`index.html` of the static folder) with its Content-Security-Policy.
pub async fn page(dir: PathBuf, method: Method) -> Response {
    let path = dir.join("index.html");
    let Ok(html) = tokio::fs::read_to_string(&path).await else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let policy = content_security_policy(&html);
    let mut response = if method == Method::HEAD {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(html))
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The policy for `html`: scripts from this origin and the page's own
/// inline scripts (by hash), WebAssembly compilation, styles inline or from
/// here, images from here or `data:` (avatars), requests to this origin.
pub fn content_security_policy(html: &str) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The text of every `<script>` without a `src`, as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = rest.find("<script")?;
        let tag_end = start + rest[start..].find('>')?;
        let tag = &rest[start..tag_end];
        let body_start = tag_end + 1;
        let body_end = body_start + rest[body_start..].find("</script>")?;
        let body = &rest[body_start..body_end];
        rest = &rest[body_end..];
        if !tag.contains("src=") {
            return Some(body);
        }
    })
}

/// Refuses what `/pkg/` must never serve, before the file service sees it.
pub async fn guard_pkg(dir: PathBuf, request: Request, next: Next) -> Response {
    let raw = request.uri().path().to_string();
    let decoded = percent_encoding::percent_decode_str(&raw).decode_utf8();
    let allowed = match &decoded {
        Ok(path) => is_servable(&dir, path).await,
        Err(_) => false,
    };
    if !allowed {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let response = next.run(request).await;
    // The file service answers 500 for some I/O errors; a missing or
    // unreadable file is a 404 to the browser, never a server error.
    if response.status().is_server_error() {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    response
}

/// A path under `/pkg/` (as nested, without the prefix) names a file that may
/// be served: no dot-segments or dotfiles, no NUL or backslash, and its real
/// location (symbolic links followed) inside `dir`. The file system is asked
/// through tokio, off the async workers.
async fn is_servable(dir: &Path, path: &str) -> bool {
    let relative = path.trim_start_matches('/');
    if relative.contains(['\0', '\\']) {
        return false;
    }
    if relative.split('/').any(|segment| segment.starts_with('.')) {
        return false;
    }
    let candidate = dir.join(relative);
    match (
        tokio::fs::canonicalize(&candidate).await,
        tokio::fs::canonicalize(dir).await,
    ) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        // Missing files go on to the file service's 404.
        (Err(_), _) => true,
        (Ok(_), Err(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = "<script src=\"/pkg/clerk.js\"></script><script>a()</script>\n<script type=module>b()</script>";
        let found: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(found, ["a()", "b()"]);
        let policy = content_security_policy(html);
        assert!(policy.contains(&format!(
            "'sha256-{}'",
            STANDARD.encode(Sha256::digest("a()"))
        )));
        assert!(!policy.contains(" 'unsafe-eval'"), "{policy}");
        assert!(policy.contains("'wasm-unsafe-eval'"));
    }

    #[tokio::test]
    async fn only_plain_files_inside_the_folder_are_servable() {
        let dir = tempfile_dir();
        std::fs::write(dir.join("clerk.js"), "x").unwrap();
        std::fs::write(dir.join(".env"), "secret").unwrap();
        assert!(is_servable(&dir, "/clerk.js").await);
        assert!(is_servable(&dir, "/missing.js").await);
        for bad in ["/.env", "/../secret", "/a/../../x", "/\0", "/a\\b"] {
            assert!(!is_servable(&dir, bad).await, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", dir.join("link")).unwrap();
            assert!(
                !is_servable(&dir, "/link").await,
                "a link out of the folder"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fapi-static-{}", crate::ids::new_id("t")));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
