//! A Rust implementation of the subset of Clerk's Frontend API that a
//! `UserButton` and `signOut()` need: environment, client, password sign-in,
//! sign-out (one session, all sessions, the whole client), account switching,
//! session tokens with a JWKS, and the user's sessions on other devices.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let state = fapi_server::AppState::new(fapi_server::Config::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! fapi_server::serve(listener, state).await?;
//! # Ok(()) }
//! ```

pub mod audit;
pub mod config;
pub mod error;
mod http;
pub mod ids;
pub mod jwt;
pub mod password;
pub mod seed;
pub mod store;
pub mod throttle;

use std::sync::Arc;

pub use config::{Config, ConnectionLimits, DisplayPaths, SignInLimits};
pub use error::{ApiError, ApiResult};
pub use http::app;

use jwt::SigningKey;
use store::{SqliteStore, Store, StoreError};

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Arc<dyn Store>,
    pub signing_key: Arc<SigningKey>,
    pub sign_in_guards: Arc<throttle::SignInGuards>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Store(#[from] StoreError),
    #[error("the stored signing key is unreadable: {0}")]
    Key(#[from] jwt::KeyError),
}

impl AppState {
    /// Opens the SQLite database named by `config.db_path` (creating and
    /// migrating it) and loads its signing key, creating one on first start.
    pub fn new(config: Config) -> Result<AppState, StartError> {
        let store = SqliteStore::open(&config.db_path)?;
        AppState::with_store(config, Arc::new(store))
    }

    /// As [`AppState::new`], over any [`Store`].
    pub fn with_store(config: Config, store: Arc<dyn Store>) -> Result<AppState, StartError> {
        let signing_key = match store.signing_key()? {
            Some(pem) => SigningKey::from_pem(&pem)?,
            None => {
                let fresh = SigningKey::generate();
                let kept = store.save_signing_key(fresh.kid(), &fresh.to_pem(), now_ms())?;
                SigningKey::from_pem(&kept)?
            }
        };
        let limits = &config.sign_in_limits;
        let sign_in_guards = throttle::SignInGuards {
            per_identifier: throttle::FailureWindow::new(
                limits.failures_per_identifier,
                limits.window,
            ),
            per_address: throttle::FailureWindow::new(limits.failures_per_address, limits.window),
            hashing: throttle::HashGate::new(limits.concurrent_hashes, limits.hash_queue),
        };
        Ok(AppState {
            config: Arc::new(config),
            store,
            signing_key: Arc::new(signing_key),
            sign_in_guards: Arc::new(sign_in_guards),
        })
    }

    /// Runs a storage call on the blocking pool: SQLite (and argon2, which
    /// callers bundle in) must not stall the async workers.
    pub(crate) async fn db<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> T + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || work(&*store))
            .await
            .map_err(|join_error| {
                tracing::error!(%join_error, "storage task failed");
                ApiError::internal()
            })
    }
}

/// Serves `app(state)` on `listener` until the process is told to stop,
/// with the peer address available to handlers (for session activity).
///
/// Each connection is bounded (`config.connections`): a client must send
/// its headers within the header timeout (which also closes idle kept-alive
/// connections) and finish a request within the request timeout, and at
/// most `max_connections` are served at once, so slow clients (slowloris)
/// cannot hold every file descriptor while others wait.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let limits = state.config.connections.clone();
    let router = app(state);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => return Ok(()),
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let service = tower::ServiceBuilder::new()
            .map_request(
                move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    request
                },
            )
            .service(router.clone());
        let request_timeout = limits.request_timeout;
        let service = hyper::service::service_fn(move |request| {
            let call = tower::ServiceExt::oneshot(service.clone(), request);
            async move {
                match tokio::time::timeout(request_timeout, call).await {
                    Ok(answer) => answer,
                    Err(_) => Ok(axum::response::IntoResponse::into_response(
                        ApiError::new(
                            axum::http::StatusCode::REQUEST_TIMEOUT,
                            fapi_types::codes::REQUEST_BODY_INVALID,
                            "Request timed out",
                        )
                        .long("The request took too long to arrive or to complete."),
                    )),
                }
            }
        });
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let _slot = slot;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                // Far above the router's own limits (see `request_size_limits`),
                // which answer with Clerk's envelope.
                .max_buf_size(1024 * 1024)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection closed");
            }
        });
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// Milliseconds since the Unix epoch: the unit of every FAPI timestamp.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
