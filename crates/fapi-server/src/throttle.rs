//! What keeps password sign-in from being a tool against the server and its
//! users: a bound on concurrent password hashes (each argon2id check holds
//! ~19 MiB and a core for a moment), and a sliding window of failed attempts
//! per identifier and per client address.
//!
//! Both live in this process: with several instances behind one address,
//! each counts its own attempts (see the README's Security section).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, SemaphorePermit};

/// Failures remembered per key within `window`; at `limit` the key is
/// refused until its oldest failure leaves the window.
pub struct FailureWindow {
    limit: usize,
    window: Duration,
    keys: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// Past this many keys, expired ones are swept out before a new one is added.
const SWEEP_AT: usize = 10_000;
/// Never more keys than this (memory stays bounded whatever is sprayed).
const MAX_KEYS: usize = 200_000;

impl FailureWindow {
    pub fn new(limit: u32, window: Duration) -> FailureWindow {
        FailureWindow {
            limit: limit as usize,
            window,
            keys: Mutex::new(HashMap::new()),
        }
    }

    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.keys.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How long `key` must wait, when it has used up its failures.
    pub fn retry_after(&self, key: &str, now: Instant) -> Option<Duration> {
        let mut keys = self.keys();
        let failures = keys.get_mut(key)?;
        while failures
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            failures.pop_front();
        }
        if failures.len() < self.limit {
            return None;
        }
        let oldest = *failures.front()?;
        Some(self.window.saturating_sub(now.duration_since(oldest)))
    }

    /// Counts one failure for `key`.
    pub fn record(&self, key: &str, now: Instant) {
        let mut keys = self.keys();
        if !keys.contains_key(key) && keys.len() >= SWEEP_AT {
            let window = self.window;
            keys.retain(|_, failures| {
                failures
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
            if keys.len() >= MAX_KEYS {
                return;
            }
        }
        let failures = keys.entry(key.to_string()).or_default();
        failures.push_back(now);
        // Only the newest `limit` failures can matter.
        while failures.len() > self.limit.max(1) {
            failures.pop_front();
        }
    }
}

/// At most `permits` password hashes at once; at most `queue` more waiting.
pub struct HashGate {
    permits: Semaphore,
    waiting: AtomicUsize,
    queue: usize,
}

/// The gate's queue is full: the caller answers 429.
#[derive(Debug)]
pub struct Busy;

impl HashGate {
    pub fn new(permits: usize, queue: usize) -> HashGate {
        HashGate {
            permits: Semaphore::new(permits.max(1)),
            waiting: AtomicUsize::new(0),
            queue,
        }
    }

    /// A permit to hash, after waiting in a bounded queue.
    pub async fn enter(&self) -> Result<SemaphorePermit<'_>, Busy> {
        if let Ok(permit) = self.permits.try_acquire() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(Busy);
        }
        let permit = self.permits.acquire().await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        permit.map_err(|_| Busy)
    }
}

/// The sign-in guards of one server.
pub struct SignInGuards {
    pub per_identifier: FailureWindow,
    pub per_address: FailureWindow,
    pub hashing: HashGate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_refused_at_its_limit_until_the_window_passes() {
        let window = FailureWindow::new(3, Duration::from_secs(10));
        let start = Instant::now();
        for i in 0..3 {
            assert_eq!(window.retry_after("ada", start), None, "attempt {i}");
            window.record("ada", start + Duration::from_secs(i));
        }
        let now = start + Duration::from_secs(4);
        assert_eq!(window.retry_after("ada", now), Some(Duration::from_secs(6)));
        assert_eq!(
            window.retry_after("grace", now),
            None,
            "other keys are free"
        );
        assert_eq!(
            window.retry_after("ada", start + Duration::from_secs(10)),
            None
        );
    }

    #[test]
    fn keys_stay_bounded_when_sprayed() {
        let window = FailureWindow::new(5, Duration::from_millis(1));
        let start = Instant::now();
        for i in 0..(SWEEP_AT + 100) {
            window.record(&format!("user{i}@example.com"), start);
        }
        let later = start + Duration::from_millis(5);
        window.record("fresh@example.com", later);
        assert!(window.keys().len() <= 101, "expired keys were swept");
    }

    #[tokio::test]
    async fn the_gate_refuses_beyond_its_queue() {
        let gate = HashGate::new(1, 1);
        let first = gate.enter().await.unwrap();
        let mut second = Box::pin(gate.enter());
        let waited = tokio::time::timeout(Duration::from_millis(20), &mut second).await;
        assert!(waited.is_err(), "the second waits in the queue");
        assert!(gate.enter().await.is_err(), "a third finds the queue full");
        drop(first);
        assert!(second.await.is_ok(), "the second gets the permit");
    }
}
