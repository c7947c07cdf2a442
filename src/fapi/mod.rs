//! The Frontend API client: Clerk's wire protocol over `fetch`.
//!
//! Only GET and POST leave the browser (no CORS preflight); other verbs ride
//! as `_method=` in the query; bodies are form-encoded; the `__client`
//! cookie travels with `credentials: "include"`. Every request has a
//! deadline, after which it fails with `network_error` instead of hanging.

use std::future::Future;

use futures::FutureExt;
use wasm_bindgen::JsValue;

use crate::error::{codes, ClerkError};
use crate::js_value::field;
use crate::resources::{Client, Envelope, Environment, Session, SignInAttempt, Token};

/// Sent as `__clerk_api_version`, the newest wire version this client speaks.
pub const API_VERSION: &str = "2025-11-10";
/// Sent as `_clerk_js_version`.
pub const CLIENT_VERSION: &str = concat!("clerk-rs-", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Patch,
    Delete,
}

/// One request, fully described; [`FapiRequest::url`] and
/// [`FapiRequest::body`] are what goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct FapiRequest {
    pub verb: Verb,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
}

impl FapiRequest {
    pub fn new(verb: Verb, path: impl Into<String>) -> FapiRequest {
        FapiRequest {
            verb,
            path: path.into(),
            query: Vec::new(),
            form: Vec::new(),
        }
    }

    /// A query parameter (before the version parameters every request has).
    pub fn query(mut self, key: &str, value: &str) -> FapiRequest {
        self.query.push((key.into(), value.into()));
        self
    }

    pub fn form(mut self, key: &str, value: &str) -> FapiRequest {
        self.form.push((key.into(), value.into()));
        self
    }

    /// The HTTP method the browser uses: GET stays GET, the rest are POST.
    pub fn http_method(&self) -> &'static str {
        if self.verb == Verb::Get {
            "GET"
        } else {
            "POST"
        }
    }

    pub fn url(&self, base: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        match self.verb {
            Verb::Patch => pairs.push(("_method", "PATCH")),
            Verb::Delete => pairs.push(("_method", "DELETE")),
            Verb::Get | Verb::Post => {}
        }
        pairs.push(("__clerk_api_version", API_VERSION));
        pairs.push(("_clerk_js_version", CLIENT_VERSION));
        format!("{base}{}?{}", self.path, form_encode(&pairs))
    }

    /// The form body; POSTs always have one, even when empty.
    pub fn body(&self) -> Option<String> {
        (self.verb != Verb::Get).then(|| {
            let pairs: Vec<(&str, &str)> = self
                .form
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            form_encode(&pairs)
        })
    }
}

/// `application/x-www-form-urlencoded`, as `URLSearchParams` writes it.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        percent_encode(key, "+", &mut out);
        out.push('=');
        percent_encode(value, "+", &mut out);
    }
    out
}

/// Keeps `[A-Za-z0-9-._*]`, writes `space` for a space and `%XX` for
/// every other byte.
fn percent_encode(text: &str, space: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(byte as char)
            }
            b' ' => out.push_str(space),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
}

/// Parses a 2xx body as JSON (the browser's `JSON.parse`), or reads the
/// error envelope of any other status.
pub fn parse_body(status: u16, body: &str) -> Result<JsValue, ClerkError> {
    if !(200..300).contains(&status) {
        return Err(ClerkError::from_response(status, body));
    }
    js_sys::JSON::parse(body).map_err(|_| ClerkError {
        status: Some(status),
        ..ClerkError::new(
            codes::UNEXPECTED_RESPONSE,
            "The Frontend API answered with something that is not JSON.",
        )
    })
}

/// A Frontend API at `base` (no trailing slash).
///
/// The typed calls share one `async` body ([`Fapi::fetch`]) and decode its
/// JSON afterwards: one state machine in the wasm instead of one per call.
#[derive(Debug, Clone, PartialEq)]
pub struct Fapi {
    pub base: String,
    pub timeout_ms: u32,
    pub development: bool,
}

type Answer<T> = Result<T, ClerkError>;

impl Fapi {
    /// Sends one request and returns the status and body text.
    pub async fn send(&self, request: &FapiRequest) -> Answer<(u16, String)> {
        transport::send(
            request.verb != Verb::Get,
            &request.url(&self.base),
            request.body(),
            self.timeout_ms,
        )
        .await
    }

    /// Sends one request: the parsed JSON of a 2xx answer, else the error.
    pub async fn fetch(&self, request: FapiRequest) -> Answer<JsValue> {
        let (status, body) = self.send(&request).await?;
        parse_body(status, &body)
    }

    fn fetch_as<'a, T: 'a>(
        &'a self,
        request: FapiRequest,
        decode: fn(&JsValue) -> Answer<T>,
    ) -> impl Future<Output = Answer<T>> + 'a {
        self.fetch(request)
            .map(move |json| json.and_then(|json| decode(&json)))
    }

    pub fn environment(&self) -> impl Future<Output = Answer<Environment>> + '_ {
        // Development instances send PATCH on load; the answer is the same.
        let verb = if self.development {
            Verb::Patch
        } else {
            Verb::Get
        };
        self.fetch_as(
            FapiRequest::new(verb, "/v1/environment"),
            Environment::from_js,
        )
    }

    /// The browser's client; `None` when it has none yet.
    pub fn client(&self) -> impl Future<Output = Answer<Option<Client>>> + '_ {
        self.fetch_as(FapiRequest::new(Verb::Get, "/v1/client"), |json| {
            Client::from_js_or_null(&field(json, "response"))
        })
    }

    pub fn sign_in(
        &self,
        identifier: &str,
        password: &str,
    ) -> impl Future<Output = Answer<Envelope<SignInAttempt>>> + '_ {
        self.fetch_as(
            FapiRequest::new(Verb::Post, "/v1/client/sign_ins")
                .form("identifier", identifier)
                .form("password", password)
                .form("strategy", "password"),
            |json| Envelope::from_js(json, SignInAttempt::from_js),
        )
    }

    /// Removes every session of this browser (the default `signOut()`).
    pub fn remove_all_sessions(&self) -> impl Future<Output = Answer<Envelope<Client>>> + '_ {
        self.fetch_as(
            FapiRequest::new(Verb::Delete, "/v1/client/sessions"),
            |json| Envelope::from_js(json, Client::from_js),
        )
    }

    pub fn remove_session(
        &self,
        session_id: &str,
    ) -> impl Future<Output = Answer<Envelope<Session>>> + '_ {
        self.fetch_as(
            FapiRequest::new(Verb::Post, session_path(session_id, "remove")),
            |json| Envelope::from_js(json, Session::from_js),
        )
    }

    pub fn touch_session(
        &self,
        session_id: &str,
        intent: &str,
    ) -> impl Future<Output = Answer<Envelope<Session>>> + '_ {
        self.fetch_as(
            FapiRequest::new(Verb::Post, session_path(session_id, "touch"))
                .form("active_organization_id", "")
                .form("intent", intent),
            |json| Envelope::from_js(json, Session::from_js),
        )
    }

    pub fn token(&self, session_id: &str) -> impl Future<Output = Answer<Token>> + '_ {
        self.fetch_as(
            FapiRequest::new(Verb::Post, session_path(session_id, "tokens")),
            Token::from_js,
        )
    }
}

/// `/v1/client/sessions/{id}/{action}`. Session ids are `[A-Za-z0-9_]`;
/// anything else is escaped, never allowed to change the path.
fn session_path(session_id: &str, action: &str) -> String {
    let mut path = String::from("/v1/client/sessions/");
    percent_encode(session_id, "%20", &mut path);
    path.push('/');
    path.push_str(action);
    path
}

mod transport;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletes_travel_as_post_with_method_override() {
        let request = FapiRequest::new(Verb::Delete, "/v1/client/sessions");
        assert_eq!(request.http_method(), "POST");
        let url = request.url("http://127.0.0.1:3000");
        assert!(
            url.starts_with("http://127.0.0.1:3000/v1/client/sessions?_method=DELETE&__clerk_api_version=2025-11-10&_clerk_js_version=clerk-rs-"),
            "{url}"
        );
        assert_eq!(request.body().as_deref(), Some(""), "POSTs carry a body");
        assert_eq!(FapiRequest::new(Verb::Get, "/v1/client").body(), None);
    }

    #[test]
    fn forms_are_url_encoded() {
        let request = FapiRequest::new(Verb::Post, "/v1/client/sign_ins")
            .form("identifier", "ada+1@example.com")
            .form("password", "a b&c=d");
        assert_eq!(
            request.body().unwrap(),
            "identifier=ada%2B1%40example.com&password=a+b%26c%3Dd"
        );
        assert_eq!(
            session_path("sess_1/../x y", "remove"),
            "/v1/client/sessions/sess_1%2F..%2Fx%20y/remove"
        );
    }
}
