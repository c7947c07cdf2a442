//! The one error type of the widget, shaped like clerk-js's `ClerkAPIResponseError`.

use std::fmt;

/// Codes the widget itself produces (the server's codes pass through as sent).
pub mod codes {
    pub use fapi_types::codes::NETWORK_ERROR;
    /// The server answered, but not with JSON this client understands.
    pub const UNEXPECTED_RESPONSE: &str = "unexpected_response";
    /// `signOut()` or another call before `Clerk.load()` finished or after it failed.
    pub const NOT_LOADED: &str = "clerk_not_loaded";
    /// The page gave no usable Frontend API address.
    pub const INVALID_CONFIGURATION: &str = "invalid_configuration";
    /// A piece of the widget's code could not be fetched (as when the
    /// loader cannot fetch the wasm itself).
    pub const WIDGET_LOAD_FAILED: &str = "widget_load_failed";
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkError {
    pub code: String,
    pub message: String,
    pub long_message: Option<String>,
    /// The HTTP status, when a server answered.
    pub status: Option<u16>,
    /// The error envelope as the server sent it (`{"errors": [...],
    /// "clerk_trace_id"}`), for the JS error's `errors` and `clerkTraceId`.
    pub envelope: Option<String>,
}

#[cfg(feature = "split")]
impl From<crate::split::SplitLoaderError> for ClerkError {
    fn from(_: crate::split::SplitLoaderError) -> ClerkError {
        ClerkError::new(
            codes::WIDGET_LOAD_FAILED,
            "A piece of the Clerk widget could not be fetched; try again.",
        )
    }
}

impl ClerkError {
    pub fn new(code: &str, message: impl Into<String>) -> ClerkError {
        ClerkError {
            code: code.to_string(),
            message: message.into(),
            long_message: None,
            status: None,
            envelope: None,
        }
    }

    pub fn network(message: impl Into<String>) -> ClerkError {
        ClerkError::new(codes::NETWORK_ERROR, message)
    }

    /// Reads Clerk's error envelope (`{"errors":[{code, message,
    /// long_message}]}`); anything else becomes `unexpected_response`.
    pub fn from_response(status: u16, body: &str) -> ClerkError {
        let first = js_sys::JSON::parse(body)
            .ok()
            .map(|envelope| crate::js_value::field(&envelope, "errors"))
            .filter(js_sys::Array::is_array)
            .map(|errors| js_sys::Array::from(&errors).get(0));
        let text = |key: &str| {
            first
                .as_ref()
                .and_then(|e| crate::js_value::field(e, key).as_string())
        };
        match (text("code"), text("message")) {
            (Some(code), Some(message)) => ClerkError {
                code,
                message,
                long_message: text("long_message").filter(|m| !m.is_empty()),
                status: Some(status),
                envelope: Some(body.to_string()),
            },
            _ => ClerkError {
                status: Some(status),
                ..ClerkError::new(
                    codes::UNEXPECTED_RESPONSE,
                    format!("The server answered {status} without a Clerk error body."),
                )
            },
        }
    }

    /// The text to show the person using the page: what happened and what
    /// to do. The server's own Clerk errors (a wrong password, a session
    /// already ended) are written for them; a broken network or server is
    /// said plainly, and the technical detail stays in `message`.
    pub fn user_message(&self) -> yew::AttrValue {
        use crate::localization::t;
        if self.code == codes::NETWORK_ERROR {
            t(
                "unstable__errors.network_error",
                "We couldn't reach the sign-in service. Check your connection and try again.",
            )
        } else if self.code == fapi_types::codes::SESSION_NOT_FOUND
            || self.code == fapi_types::codes::SESSION_NOT_ACTIVE
        {
            t(
                "unstable__errors.session_gone",
                "This account is no longer signed in here; the list has been updated.",
            )
        } else if self.code == codes::UNEXPECTED_RESPONSE || self.status.is_some_and(|s| s >= 500) {
            t(
                "unstable__errors.server_error",
                "Something went wrong on our side. Please try again in a moment.",
            )
        } else {
            // Clerk's localizations word the server's errors by their code.
            crate::localization::text(&format!("unstable__errors.{}", self.code))
                .or_else(|| self.long_message.clone())
                .unwrap_or_else(|| self.message.clone())
                .into()
        }
    }
}

impl fmt::Display for ClerkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ClerkError {}
