//! The Frontend API client: Clerk's wire protocol over `fetch`.
//!
//! Only GET and POST leave the browser (no CORS preflight); other verbs ride
//! as `_method=` in the query; bodies are form-encoded; the `__client`
//! cookie travels with `credentials: "include"`. Every request has a
//! deadline, after which it fails with `network_error` instead of hanging.

use fapi_types::{Client, Envelope, Environment, Session, SignIn, Token};
use serde::de::DeserializeOwned;

use crate::error::{codes, ClerkError};

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

    pub fn form(mut self, key: &str, value: &str) -> FapiRequest {
        self.form.push((key.into(), value.into()));
        self
    }

    pub fn query(mut self, key: &str, value: &str) -> FapiRequest {
        self.query.push((key.into(), value.into()));
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
    fn encode(text: &str, out: &mut String) {
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    out.push(byte as char)
                }
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{byte:02X}")),
            }
        }
    }
    let mut out = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        encode(key, &mut out);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

/// Decodes a 2xx body as `T`, or the error envelope of any other status.
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ClerkError> {
    if !(200..300).contains(&status) {
        return Err(ClerkError::from_response(status, body));
    }
    serde_json::from_str(body).map_err(|e| ClerkError {
        code: codes::UNEXPECTED_RESPONSE.into(),
        message: format!("The Frontend API answered with JSON this client cannot read: {e}"),
        long_message: None,
        status: Some(status),
    })
}

/// A Frontend API at `base` (no trailing slash).
#[derive(Debug, Clone, PartialEq)]
pub struct Fapi {
    pub base: String,
    pub timeout_ms: u32,
    pub development: bool,
}

impl Fapi {
    /// Sends one request and returns the status and body text.
    pub async fn send(&self, request: &FapiRequest) -> Result<(u16, String), ClerkError> {
        transport::send(
            request.http_method(),
            &request.url(&self.base),
            request.body(),
            self.timeout_ms,
        )
        .await
    }

    async fn call<T: DeserializeOwned>(&self, request: FapiRequest) -> Result<T, ClerkError> {
        let (status, body) = self.send(&request).await?;
        decode(status, &body)
    }

    pub async fn environment(&self) -> Result<Environment, ClerkError> {
        // Development instances send PATCH on load; the answer is the same.
        let verb = if self.development {
            Verb::Patch
        } else {
            Verb::Get
        };
        self.call(FapiRequest::new(verb, "/v1/environment")).await
    }

    pub async fn client(&self) -> Result<Option<Client>, ClerkError> {
        let envelope: Envelope<Option<Client>> =
            self.call(FapiRequest::new(Verb::Get, "/v1/client")).await?;
        Ok(envelope.response)
    }

    pub async fn sign_in(
        &self,
        identifier: &str,
        password: &str,
    ) -> Result<Envelope<SignIn>, ClerkError> {
        self.call(
            FapiRequest::new(Verb::Post, "/v1/client/sign_ins")
                .form("identifier", identifier)
                .form("password", password)
                .form("strategy", "password"),
        )
        .await
    }

    /// Removes every session of this browser (the default `signOut()`).
    pub async fn remove_all_sessions(&self) -> Result<Envelope<Client>, ClerkError> {
        self.call(FapiRequest::new(Verb::Delete, "/v1/client/sessions"))
            .await
    }

    pub async fn remove_session(&self, session_id: &str) -> Result<Envelope<Session>, ClerkError> {
        self.call(FapiRequest::new(
            Verb::Post,
            format!("/v1/client/sessions/{}/remove", path_segment(session_id)),
        ))
        .await
    }

    pub async fn touch_session(
        &self,
        session_id: &str,
        intent: &str,
    ) -> Result<Envelope<Session>, ClerkError> {
        self.call(
            FapiRequest::new(
                Verb::Post,
                format!("/v1/client/sessions/{}/touch", path_segment(session_id)),
            )
            .form("active_organization_id", "")
            .form("intent", intent),
        )
        .await
    }

    pub async fn token(&self, session_id: &str) -> Result<Token, ClerkError> {
        self.call(FapiRequest::new(
            Verb::Post,
            format!("/v1/client/sessions/{}/tokens", path_segment(session_id)),
        ))
        .await
    }
}

/// Session ids are `[A-Za-z0-9_]`; anything else is escaped, never
/// allowed to change the path.
fn path_segment(id: &str) -> String {
    form_encode(&[("", id)])[1..].replace('+', "%20")
}

mod transport {
    use gloo_net::http::RequestBuilder;
    use wasm_bindgen::JsValue;
    use web_sys::{AbortController, RequestCredentials};

    use crate::error::ClerkError;

    pub async fn send(
        method: &str,
        url: &str,
        body: Option<String>,
        timeout_ms: u32,
    ) -> Result<(u16, String), ClerkError> {
        let controller = AbortController::new()
            .map_err(|_| ClerkError::network("This browser cannot abort requests."))?;
        let abort = controller.clone();
        // Dropping the timer (when this function returns) cancels it.
        let _deadline = gloo_timers::callback::Timeout::new(timeout_ms, move || abort.abort());
        let signal = controller.signal();
        let builder = RequestBuilder::new(url)
            .method(if method == "GET" {
                gloo_net::http::Method::GET
            } else {
                gloo_net::http::Method::POST
            })
            .credentials(RequestCredentials::Include)
            .abort_signal(Some(&signal));
        let request = match body {
            Some(body) => builder
                .header("content-type", "application/x-www-form-urlencoded")
                .body(JsValue::from_str(&body)),
            None => builder.build(),
        }
        .map_err(|e| ClerkError::network(format!("The request could not be built: {e}")))?;
        let failed = |e: gloo_net::Error| {
            if signal.aborted() {
                ClerkError::network(format!(
                    "The Frontend API did not answer within {timeout_ms} ms."
                ))
            } else {
                ClerkError::network(format!("The Frontend API could not be reached: {e}"))
            }
        };
        let response = request.send().await.map_err(failed)?;
        let status = response.status();
        let text = response.text().await.map_err(failed)?;
        Ok((status, text))
    }
}

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
        assert_eq!(path_segment("sess_1/../x y"), "sess_1%2F..%2Fx%20y");
    }

    #[test]
    fn decode_maps_statuses_and_bodies() {
        let token: Token = decode(200, r#"{"object":"token","jwt":"a.b.c"}"#).unwrap();
        assert_eq!(token.jwt, "a.b.c");
        let error = decode::<Token>(401, r#"{"errors":[{"code":"authentication_invalid","message":"m","long_message":"l","meta":{}}]}"#).unwrap_err();
        assert_eq!(error.code, "authentication_invalid");
        assert_eq!(
            decode::<Token>(200, "[]").unwrap_err().code,
            codes::UNEXPECTED_RESPONSE
        );
    }
}
