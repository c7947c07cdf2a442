//! The session token (a JWT that lives 60 s): the held one while it is
//! fresh enough, else a new one from the server.

use std::rc::Rc;

use super::Clerk;
use crate::browser;
use crate::error::ClerkError;

/// A held token is renewed when it has less than this left.
pub const TOKEN_MIN_VALIDITY_SECS: f64 = 20.0;

/// Seconds until a JWT's `exp`; 0 when it cannot be read.
fn seconds_left(jwt: &str) -> f64 {
    let exp = jwt
        .split('.')
        .nth(1)
        .and_then(crate::options::base64_decode)
        .and_then(|payload| String::from_utf8(payload).ok())
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .and_then(|claims| crate::js_value::field(&claims, "exp").as_f64());
    exp.map_or(0.0, |exp| exp - browser::now_ms() / 1000.0)
}

impl Clerk {
    /// The current session's JWT: the one held when it is valid for at least
    /// [`TOKEN_MIN_VALIDITY_SECS`] more, else a fresh one from the server
    /// (always fresh with `skip_cache`). `None` when signed out.
    pub async fn get_token(&self, skip_cache: bool) -> Result<Option<String>, ClerkError> {
        let Some(session) = self.snapshot().session().cloned() else {
            return Ok(None);
        };
        let held = session.last_active_token.clone();
        if let Some(jwt) =
            held.filter(|jwt| !skip_cache && seconds_left(jwt) >= TOKEN_MIN_VALIDITY_SECS)
        {
            return Ok(Some(jwt));
        }
        let token = self.fapi()?.token(&session.id).await?;
        let jwt = token.jwt.clone();
        self.update(|state| {
            if let Some(client) = state.client.as_deref() {
                let mut client = client.clone();
                if let Some(s) = client.sessions.iter_mut().find(|s| s.id == session.id) {
                    s.set_token(&token);
                }
                state.client = Some(Rc::new(client));
            }
        });
        Ok(Some(jwt))
    }
}
