//! Extractors. None of them can fail with anything but an [`ApiError`], so
//! every rejection reaches the browser as Clerk's error envelope.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use bytes::Bytes;
use fapi_types::codes;

use super::addressing::Addressed;
use super::user_agent::activity_from_user_agent;
use crate::error::ApiError;
use crate::store::Activity;

pub const CLIENT_COOKIE: &str = "__client";

/// What every handler wants to know about the request.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// `scheme://host[:port]` of this server as the browser addressed it;
    /// the JWT issuer and the base of absolute display URLs.
    pub own_origin: String,
    /// The request came over https (directly or through a trusted proxy).
    pub secure: bool,
    /// The browser's `Origin`, when it sent one.
    pub origin: Option<String>,
    /// The `__client` cookie's value.
    pub client_token: Option<String>,
    pub query: HashMap<String, String>,
    pub activity: Activity,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let headers = &parts.headers;
        // The guard in front of every route works out who is asking.
        let addressed = parts
            .extensions
            .get::<Addressed>()
            .cloned()
            .ok_or_else(ApiError::internal)?;
        let query = parts
            .uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let user_agent = header_str(headers, header::USER_AGENT).unwrap_or_default();
        Ok(RequestContext {
            own_origin: addressed.own_origin,
            secure: addressed.secure,
            origin: header_str(headers, header::ORIGIN).map(str::to_string),
            client_token: cookie(headers, CLIENT_COOKIE),
            query,
            activity: Activity {
                ip_address: addressed.client_ip.map(|ip| ip.to_string()),
                ..activity_from_user_agent(user_agent)
            },
        })
    }
}

pub fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The value of cookie `name`, across every `Cookie` header.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"').to_string())
        .filter(|value| !value.is_empty())
}

/// An `application/x-www-form-urlencoded` body, as FAPI clients send. An
/// empty body is an empty form; a body in another format is refused.
#[derive(Debug, Default)]
pub struct FormBody(pub HashMap<String, String>);

impl FormBody {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The trimmed, non-empty value of `key`.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.get(key).map(str::trim).filter(|v| !v.is_empty())
    }
}

pub const MAX_BODY_BYTES: usize = 64 * 1024;

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        codes::REQUEST_BODY_TOO_LARGE,
        "Request body too large",
    )
    .long(format!(
        "Request bodies are limited to {MAX_BODY_BYTES} bytes."
    ))
}

impl<S: Send + Sync> FromRequest<S> for FormBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = header_str(req.headers(), header::CONTENT_TYPE).map(|ct| {
            ct.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        // A declared length over the limit is refused before any of the
        // body is read.
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
            return Err(too_large());
        }
        let body = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    codes::REQUEST_BODY_INVALID,
                    "Request body could not be read",
                )
                .long(rejection.body_text())
            }
        })?;
        if body.is_empty() {
            return Ok(FormBody::default());
        }
        match content_type.as_deref() {
            Some("application/x-www-form-urlencoded") | None => {}
            Some(other) => {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    codes::UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported content type",
                )
                .long(format!(
                    "Send the body as application/x-www-form-urlencoded, not {other}."
                )))
            }
        }
        let pairs = parse_form(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::FORM_PARAM_FORMAT_INVALID,
                "Malformed form body",
            )
            .long(format!("The body is not valid form data: {e}."))
        })?;
        // The first occurrence of a key wins, as with most form parsers.
        let mut form = HashMap::new();
        for (key, value) in pairs {
            form.entry(key).or_insert(value);
        }
        Ok(FormBody(form))
    }
}

/// Parses form data strictly: unlike lossy parsers, text that does not
/// decode to UTF-8 is an error rather than silently mangled.
fn parse_form(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let decode = |part: &[u8]| -> Result<String, String> {
        let spaced: Vec<u8> = part
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
        String::from_utf8(bytes).map_err(|_| "a parameter is not UTF-8 text".to_string())
    };
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut halves = pair.splitn(2, |&b| b == b'=');
            let key = decode(halves.next().unwrap_or_default())?;
            let value = decode(halves.next().unwrap_or_default())?;
            Ok((key, value))
        })
        .collect()
}

/// The `{session_id}` of a route, rejected with the envelope if unreadable.
pub struct SessionIdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for SessionIdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| SessionIdPath(id))
            .map_err(|rejection| {
                // A path that does not decode cannot name any session.
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    codes::RESOURCE_NOT_FOUND,
                    "Resource not found",
                )
                .long(rejection.body_text())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn parses_forms_strictly() {
        assert_eq!(
            parse_form(b"a=1&b=x+y%21&&c").unwrap(),
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "x y!".to_string()),
                ("c".to_string(), String::new())
            ]
        );
        assert!(parse_form(b"a=%FF").is_err());
        assert!(parse_form(b"\xff=1").is_err());
    }

    #[test]
    fn finds_the_client_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; __client_uat=5"),
        );
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("__client=tok; b=2"),
        );
        assert_eq!(cookie(&headers, "__client").as_deref(), Some("tok"));
        assert_eq!(cookie(&headers, "__client_uat").as_deref(), Some("5"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
