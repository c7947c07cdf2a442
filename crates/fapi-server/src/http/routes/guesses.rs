//! Password guesses: every endpoint that checks a password counts the
//! failures per account and per client address, and refuses (429) past the
//! limit until the window passes, the right password too.

use std::time::{Duration, Instant};

use fapi_types::codes;
use tokio::sync::SemaphorePermit;

use crate::error::{ApiError, ApiResult};
use crate::{audit, AppState};

/// A slot to hash in: password hashes run a few at a time, and a full
/// queue is refused at once (429) rather than growing.
pub async fn hashing_slot(state: &AppState) -> ApiResult<SemaphorePermit<'_>> {
    state.sign_in_guards.hashing.enter().await.map_err(|_| {
        ApiError::too_many_requests(
            Duration::from_secs(1),
            "The server is busy checking other passwords. Try again in a moment.",
        )
    })
}

/// A wrong password, as clerk-js shows it beside the field `param`.
pub fn wrong_password(param: &str) -> ApiError {
    ApiError::form_field(
        codes::FORM_PASSWORD_INCORRECT,
        param,
        "Password is incorrect. Try again, or use another method.",
    )
}

/// What failed attempts are counted against.
pub struct ThrottleKeys {
    pub identifier: String,
    pub address: String,
}

impl ThrottleKeys {
    pub fn refuse_when_throttled(&self, state: &AppState) -> ApiResult<()> {
        let guards = &state.sign_in_guards;
        let now = Instant::now();
        let refused = guards
            .per_identifier
            .retry_after(&self.identifier, now)
            .max(guards.per_address.retry_after(&self.address, now));
        let Some(wait) = refused else { return Ok(()) };
        audit::record("sign_in.throttled", Some(&self.address), None, None);
        Err(ApiError::too_many_requests(
            wait,
            "Too many failed sign-in attempts for this account or from this address. Try again later.",
        ))
    }

    pub fn record_failure(&self, state: &AppState) {
        let now = Instant::now();
        let guards = &state.sign_in_guards;
        guards.per_identifier.record(&self.identifier, now);
        guards.per_address.record(&self.address, now);
    }
}
