//! The one error type of the HTTP layer. Every failure, from a malformed body
//! to a broken database, leaves the server as Clerk's error envelope.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fapi_types::{codes, ClerkApiError, ClerkErrors};
use serde_json::{json, Value};

use crate::ids;
use crate::store::{StartSessionError, StoreError};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub long_message: String,
    pub meta: Value,
    /// Seconds for a `Retry-After` header (429 answers).
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError {
            status,
            code,
            long_message: message.clone(),
            message,
            meta: json!({}),
            retry_after: None,
        }
    }

    pub fn long(mut self, long_message: impl Into<String>) -> ApiError {
        self.long_message = long_message.into();
        self
    }

    pub fn meta(mut self, meta: Value) -> ApiError {
        self.meta = meta;
        self
    }

    pub fn not_found_route() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::RESOURCE_NOT_FOUND,
            "Resource not found",
        )
        .long("There is no Frontend API endpoint at this path.")
    }

    pub fn method_not_allowed() -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::METHOD_NOT_ALLOWED,
            "Method not allowed",
        )
        .long("This endpoint does not accept this HTTP method.")
    }

    pub fn session_not_found(id: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::SESSION_NOT_FOUND,
            "Session not found",
        )
        .long("No session with this id exists in this client.")
        .meta(json!({ "session_id": id }))
    }

    pub fn client_not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::CLIENT_NOT_FOUND,
            "Client not found",
        )
        .long("This browser has no client: there is nothing to sign out of.")
    }

    pub fn unauthenticated(long: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            codes::AUTHENTICATION_INVALID,
            "Invalid authentication",
        )
        .long(long)
    }

    pub fn session_not_active(id: &str, status: &str) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::SESSION_NOT_ACTIVE,
            "Session is not signed in",
        )
        .long(format!(
            "The session is {status}: only a signed-in session can change its status or mint tokens."
        ))
        .meta(json!({ "session_id": id, "status": status }))
    }

    pub fn param_missing(name: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::FORM_PARAM_MISSING,
            format!("{name} must be included."),
        )
        .long(format!("The form parameter `{name}` is required."))
        .meta(json!({ "param_name": name }))
    }

    /// A 422 about one field of a form, which clerk-js shows beside it.
    pub fn form_field(code: &'static str, param: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
            .meta(json!({ "param_name": param }))
    }

    pub fn param_invalid(name: &str, long: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::FORM_PARAM_VALUE_INVALID,
            format!("{name} is invalid."),
        )
        .long(long)
        .meta(json!({ "param_name": name }))
    }

    /// 429 with `Retry-After`: too many failed sign-ins, or too many at once.
    pub fn too_many_requests(retry_after: std::time::Duration, long: &str) -> ApiError {
        let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            codes::TOO_MANY_REQUESTS,
            "Too many requests",
        )
        .long(long)
        .meta(json!({ "retry_after_seconds": seconds.max(1) }));
        error.retry_after = Some(seconds.max(1));
        error
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL_ERROR,
            "Something went wrong",
        )
        .long("The server failed to complete the request; please retry.")
    }

    pub fn into_body(self) -> ClerkErrors {
        ClerkErrors {
            errors: vec![ClerkApiError {
                code: self.code.to_string(),
                message: self.message,
                long_message: self.long_message,
                meta: self.meta,
            }],
            clerk_trace_id: Some(ids::current_trace_id()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let retry_after = self.retry_after;
        let body = serde_json::to_vec(&self.into_body()).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// Why a session could not start, as the browser is told.
impl From<StartSessionError> for ApiError {
    fn from(error: StartSessionError) -> ApiError {
        match error {
            StartSessionError::SessionExists => ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::SESSION_EXISTS,
                "You're already signed in",
            )
            .long("This application allows one signed-in account per browser: sign out first."),
            StartSessionError::AlreadySignedIn => ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::IDENTIFIER_ALREADY_SIGNED_IN,
                "You're already signed in",
            )
            .long("This account is already signed in on this browser; switch to it instead.")
            .meta(json!({ "param_name": "identifier" })),
            // A racing `DELETE /v1/client` removed it.
            StartSessionError::ClientGone => ApiError::client_not_found(),
            StartSessionError::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        tracing::error!(%error, "storage failure");
        ApiError::internal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_error_promises_nothing_it_cannot_keep() {
        let error = ApiError::internal();
        assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!error.long_message.contains("Nothing was changed"));
    }

    #[test]
    fn too_many_requests_carries_retry_after_in_whole_seconds() {
        let error = ApiError::too_many_requests(std::time::Duration::from_millis(1_200), "wait");
        assert_eq!(error.retry_after, Some(2));
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}
