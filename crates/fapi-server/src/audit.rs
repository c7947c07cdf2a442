//! The audit log: one structured line (tracing target `audit`) per sign-in
//! attempt, sign-out and revocation, with the client's address, the user and
//! session it concerns, and the trace id the browser's answer carries.
//! Never a password, a token or a cookie value.

/// One audit line. `ip` is the client's address as the server believes it
/// (see `http/addressing.rs`).
pub fn record(
    event: &'static str,
    ip: Option<&str>,
    user_id: Option<&str>,
    session_id: Option<&str>,
) {
    tracing::info!(
        target: "audit",
        event,
        ip = ip.unwrap_or("-"),
        user_id = user_id.unwrap_or("-"),
        session_id = session_id.unwrap_or("-"),
        trace_id = %crate::ids::current_trace_id(),
        "audit"
    );
}
