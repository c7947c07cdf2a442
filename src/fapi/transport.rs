//! One request on the wire: gloo-net builds it and reads the answer.
//!
//! The `fetch` call itself is ours, not gloo-net's `Request::send`: that
//! one panics when `fetch` rejects with something other than an `Error` or
//! resolves to something other than a `Response`, which a page's own
//! `fetch` wrapper (analytics, mocks, polyfills) may do, and a panic would
//! kill the widget for the whole page. Here either is a `network_error`.

use gloo_net::http::{Method, RequestBuilder, Response};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials};

use crate::error::ClerkError;

/// The browser's own words for why a request failed.
fn detail(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the request failed".into())
}

fn gloo_detail(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => error.message.clone(),
        gloo_net::Error::GlooError(message) => message.clone(),
    }
}

/// `fetch` with `credentials: "include"`, aborted after `timeout_ms`;
/// a POST carries `body` form-encoded. The status and the body text.
pub async fn send(
    post: bool,
    url: &str,
    body: Option<String>,
    timeout_ms: u32,
) -> Result<(u16, String), ClerkError> {
    let controller = AbortController::new().map_err(|e| {
        ClerkError::network(format!("The request could not be built: {}", detail(&e)))
    })?;
    let abort = controller.clone();
    // Dropping the timer (when this function returns) cancels it.
    let _deadline = gloo_timers::callback::Timeout::new(timeout_ms, move || abort.abort());
    let signal = controller.signal();
    let builder = RequestBuilder::new(url)
        .method(if post { Method::POST } else { Method::GET })
        .credentials(RequestCredentials::Include)
        .abort_signal(Some(&signal));
    let request = match body {
        Some(body) => builder
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body),
        None => builder.build(),
    }
    .map_err(|e| {
        ClerkError::network(format!(
            "The request could not be built: {}",
            gloo_detail(&e)
        ))
    })?;
    let failed = |why: String| {
        ClerkError::network(if signal.aborted() {
            format!("The Frontend API did not answer within {timeout_ms} ms.")
        } else {
            format!("The Frontend API could not be reached: {why}")
        })
    };
    let window = web_sys::window()
        .ok_or_else(|| ClerkError::network("There is no window to fetch from."))?;
    let answer = JsFuture::from(window.fetch_with_request(&request.into()))
        .await
        .map_err(|e| failed(detail(&e)))?;
    let response: Response = answer
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("fetch did not give a Response".into()))?
        .into();
    let text = response.text().await.map_err(|e| failed(gloo_detail(&e)))?;
    Ok((response.status(), text))
}
