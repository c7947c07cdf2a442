//! Clerk's error envelope: `{"errors":[{code,message,long_message,meta}],"clerk_trace_id"}`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClerkErrors {
    pub errors: Vec<ClerkApiError>,
    #[serde(default)]
    pub clerk_trace_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClerkApiError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub long_message: String,
    #[serde(default = "empty_meta")]
    pub meta: serde_json::Value,
}

fn empty_meta() -> serde_json::Value {
    serde_json::Value::Object(Default::default())
}

/// Error codes this project's server sends, named once so the server, the
/// widget and the tests cannot drift apart on spelling.
pub mod codes {
    pub const AUTHENTICATION_INVALID: &str = "authentication_invalid";
    pub const CLIENT_NOT_FOUND: &str = "client_not_found";
    pub const FORM_IDENTIFIER_NOT_FOUND: &str = "form_identifier_not_found";
    pub const FORM_PARAM_FORMAT_INVALID: &str = "form_param_format_invalid";
    pub const FORM_PARAM_MISSING: &str = "form_param_missing";
    pub const FORM_PARAM_VALUE_INVALID: &str = "form_param_value_invalid";
    pub const FORM_PASSWORD_INCORRECT: &str = "form_password_incorrect";
    pub const HOST_INVALID: &str = "host_invalid";
    pub const IDENTIFIER_ALREADY_SIGNED_IN: &str = "identifier_already_signed_in";
    pub const INTERNAL_ERROR: &str = "internal_clerk_error";
    pub const METHOD_NOT_ALLOWED: &str = "request_method_not_allowed";
    pub const NETWORK_ERROR: &str = "network_error";
    pub const ORIGIN_INVALID: &str = "origin_invalid";
    pub const REQUEST_BODY_INVALID: &str = "request_body_invalid";
    pub const REQUEST_BODY_TOO_LARGE: &str = "request_body_too_large";
    pub const REQUEST_HEADERS_TOO_LARGE: &str = "request_headers_too_large";
    pub const REQUEST_URI_TOO_LONG: &str = "request_uri_too_long";
    pub const RESOURCE_NOT_FOUND: &str = "resource_not_found";
    pub const SESSION_EXISTS: &str = "session_exists";
    pub const SESSION_NOT_ACTIVE: &str = "session_not_active";
    pub const SESSION_NOT_FOUND: &str = "session_not_found";
    pub const TOO_MANY_REQUESTS: &str = "too_many_requests";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
}
