//! Password guesses: every endpoint that checks a password counts the
//! failures per account and per client address, and refuses (429) past the
//! limit until the window passes, the right password too.

use std::time::Instant;

use crate::error::{ApiError, ApiResult};
use crate::{audit, AppState};

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
