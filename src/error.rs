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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkError {
    pub code: String,
    pub message: String,
    pub long_message: Option<String>,
    /// The HTTP status, when a server answered.
    pub status: Option<u16>,
}

impl ClerkError {
    pub fn new(code: &str, message: impl Into<String>) -> ClerkError {
        ClerkError {
            code: code.to_string(),
            message: message.into(),
            long_message: None,
            status: None,
        }
    }

    pub fn network(message: impl Into<String>) -> ClerkError {
        ClerkError::new(codes::NETWORK_ERROR, message)
    }

    /// Reads Clerk's error envelope; anything else becomes `unexpected_response`.
    pub fn from_response(status: u16, body: &str) -> ClerkError {
        match serde_json::from_str::<fapi_types::ClerkErrors>(body) {
            Ok(envelope) if !envelope.errors.is_empty() => {
                let first = &envelope.errors[0];
                ClerkError {
                    code: first.code.clone(),
                    message: first.message.clone(),
                    long_message: Some(first.long_message.clone()).filter(|m| !m.is_empty()),
                    status: Some(status),
                }
            }
            _ => ClerkError {
                code: codes::UNEXPECTED_RESPONSE.into(),
                message: format!("The server answered {status} without a Clerk error body."),
                long_message: None,
                status: Some(status),
            },
        }
    }

    /// The text to show a person: the long message when there is one.
    pub fn display_message(&self) -> &str {
        self.long_message.as_deref().unwrap_or(&self.message)
    }
}

impl fmt::Display for ClerkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ClerkError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_error_envelope() {
        let e = ClerkError::from_response(
            404,
            r#"{"errors":[{"code":"session_not_found","message":"Session not found","long_message":"No such session.","meta":{}}],"clerk_trace_id":"x"}"#,
        );
        assert_eq!(e.code, "session_not_found");
        assert_eq!(e.status, Some(404));
        assert_eq!(e.display_message(), "No such session.");
    }

    #[test]
    fn anything_else_is_an_unexpected_response() {
        let e = ClerkError::from_response(502, "<html>Bad gateway</html>");
        assert_eq!(e.code, codes::UNEXPECTED_RESPONSE);
        assert_eq!(e.status, Some(502));
    }
}
