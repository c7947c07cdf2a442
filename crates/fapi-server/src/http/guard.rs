//! What runs in front of the routes: CORS, the Origin check against CSRF,
//! the `_method` override, `Cache-Control: no-store`, and the request log.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fapi_types::codes;

use super::addressing::addressed;
use super::extract::header_str;
use crate::config::Config;
use crate::error::ApiError;
use crate::AppState;

fn is_api_path(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/")
}

/// May a page at `origin` call the API with the browser's credentials?
pub fn origin_allowed(config: &Config, origin: &str, own_origin: &str) -> bool {
    origin == own_origin
        || config.allowed_origins.iter().any(|o| o == origin)
        || (config.allow_local_origins && is_loopback_origin(origin))
}

fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    ["127.0.0.1", "localhost", "[::1]"].iter().any(|host| {
        rest.strip_prefix(host).is_some_and(|port| {
            port.is_empty()
                || port
                    .strip_prefix(':')
                    .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        })
    })
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The `_method` query parameter: how browsers send DELETE and PATCH as POST.
fn method_override(request: &Request) -> Option<Result<Method, String>> {
    let query = request.uri().query()?;
    let (_, value) = form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "_method")?;
    Some(match value.to_ascii_uppercase().as_str() {
        "DELETE" => Ok(Method::DELETE),
        "PATCH" => Ok(Method::PATCH),
        "PUT" => Ok(Method::PUT),
        "POST" => Ok(Method::POST),
        _ => Err(value.into_owned()),
    })
}

fn cross_site_without_origin(headers: &HeaderMap) -> bool {
    header_str(headers, header::HeaderName::from_static("sec-fetch-site"))
        .is_some_and(|site| site.eq_ignore_ascii_case("cross-site"))
}

pub async fn fapi_guard(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let api = is_api_path(request.uri().path());
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    let addressed = match addressed(&state.config, request.headers(), peer) {
        Ok(addressed) => addressed,
        Err(refused) => return refused.into_response(),
    };
    let origin = header_str(request.headers(), header::ORIGIN).map(str::to_string);
    let allowed_origin = origin
        .clone()
        .filter(|o| origin_allowed(&state.config, o, &addressed.own_origin));
    request.extensions_mut().insert(addressed);

    let outcome = if request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        Err(preflight(&request, allowed_origin.is_some()))
    } else if is_state_changing(request.method())
        && match &origin {
            Some(_) => allowed_origin.is_none(),
            None => cross_site_without_origin(request.headers()),
        }
    {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            codes::ORIGIN_INVALID,
            "Origin not allowed",
        )
        .long(format!(
            "Requests that change state are accepted only from allowed origins; {} is not one.",
            origin.as_deref().unwrap_or("this cross-site page")
        ))
        .meta(serde_json::json!({ "origin": origin }))
        .into_response())
    } else {
        match (api && request.method() == Method::POST)
            .then(|| method_override(&request))
            .flatten()
        {
            Some(Ok(method)) => {
                *request.method_mut() = method;
                Ok(request)
            }
            Some(Err(bad)) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::FORM_PARAM_VALUE_INVALID,
                "_method is invalid",
            )
            .long(format!(
                "`_method` may be DELETE, PATCH, PUT or POST, not `{bad}`."
            ))
            .meta(serde_json::json!({ "param_name": "_method" }))
            .into_response()),
            None => Ok(request),
        }
    };

    let mut response = match outcome {
        Ok(request) => next.run(request).await,
        Err(response) => response,
    };
    let headers = response.headers_mut();
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(value) = allowed_origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    response
}

fn preflight(request: &Request, allowed: bool) -> Response {
    if !allowed {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            codes::ORIGIN_INVALID,
            "Origin not allowed",
        )
        .long("This origin may not call the Frontend API from a browser.")
        .into_response();
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
    );
    if let Some(requested) = request
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
    {
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested.clone());
    }
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

/// One log line per request: method, path, status, latency.
/// The longest request target and the most header bytes a request may
/// carry. hyper's own limits are set far above these (see `serve`), so an
/// oversized request reaches this check and gets Clerk's envelope rather
/// than hyper's bare 414/431.
pub const MAX_URI_BYTES: usize = 8 * 1024;
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

pub async fn request_size_limits(request: Request, next: Next) -> Response {
    let uri = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri > MAX_URI_BYTES {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            codes::REQUEST_URI_TOO_LONG,
            "Request URI too long",
        )
        .long(format!(
            "Request targets are limited to {MAX_URI_BYTES} bytes."
        ))
        .into_response();
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if headers > MAX_HEADER_BYTES {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            codes::REQUEST_HEADERS_TOO_LARGE,
            "Request headers too large",
        )
        .long(format!(
            "Request headers are limited to {MAX_HEADER_BYTES} bytes."
        ))
        .into_response();
    }
    next.run(request).await
}

/// One log line per request, and one trace id for the request: in the
/// `X-Clerk-Trace-Id` answer header, in error envelopes and in audit lines.
pub async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let trace_id = crate::ids::trace_id();
    let mut response = crate::ids::REQUEST_TRACE_ID
        .scope(trace_id.clone(), next.run(request))
        .await;
    tracing::info!(
        target: "fapi_server::request",
        trace_id = %trace_id,
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&trace_id) {
        response.headers_mut().insert("x-clerk-trace-id", value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins_need_the_dev_flag() {
        let mut config = Config::default();
        let own = "http://127.0.0.1:3000";
        assert!(origin_allowed(&config, own, own));
        assert!(!origin_allowed(&config, "http://127.0.0.1:4000", own));
        config.allow_local_origins = true;
        for ok in [
            "http://127.0.0.1:4000",
            "http://localhost:8080",
            "http://[::1]:1",
            "http://localhost",
        ] {
            assert!(origin_allowed(&config, ok, own), "{ok}");
        }
        for bad in [
            "http://127.0.0.1.evil.com",
            "http://localhost.evil.com:80",
            "http://localhost:",
            "http://localhost:80x",
            "null",
            "file://",
        ] {
            assert!(!origin_allowed(&config, bad, own), "{bad}");
        }
        config
            .allowed_origins
            .push("https://app.example.com".into());
        assert!(origin_allowed(&config, "https://app.example.com", own));
        assert!(!origin_allowed(&config, "https://app.example.com:444", own));
    }
}
