//! Server settings. The command line in `main.rs` fills these; tests build
//! them directly.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// SQLite file, or `:memory:`.
    pub db_path: String,
    /// `auth_config.single_session_mode`: one signed-in account per browser.
    pub single_session_mode: bool,
    /// Origins (`scheme://host[:port]`) allowed to call the API from a
    /// browser with credentials. The server's own origin is always allowed.
    pub allowed_origins: Vec<String>,
    /// Development only: also allow any `http(s)://127.0.0.1:*`,
    /// `localhost:*` and `[::1]:*` origin.
    pub allow_local_origins: bool,
    /// How long a session stays signed in after sign-in.
    pub session_lifetime: Duration,
    /// How long the `__client` cookie lives.
    pub client_lifetime: Duration,
    /// Folder holding `index.html` and `pkg/`, served at `/` and `/pkg/`.
    pub static_dir: Option<PathBuf>,
    pub application_name: String,
    pub display_paths: DisplayPaths,
    /// Password sign-in guards (see `throttle.rs`).
    pub sign_in_limits: SignInLimits,
    /// The origins (`https://auth.example.com`) this server is reached at;
    /// requests naming another `Host` are refused. Empty: loopback names only.
    pub public_urls: Vec<String>,
    /// Proxies whose `X-Forwarded-Proto`/`X-Forwarded-For` are believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// What one connection may cost (see `serve`).
    pub connections: ConnectionLimits,
}

/// Bounds on connections, so slow or idle clients cannot hold the server.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// Connections served at once; more wait in the kernel's backlog.
    pub max_connections: usize,
    /// Time to send a request's headers, and to start the next request on
    /// a kept-alive connection (an idle connection is closed after it).
    pub header_timeout: Duration,
    /// Time for a whole request, body and answer included.
    pub request_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// How many failed sign-ins are allowed, and how many password hashes run.
#[derive(Debug, Clone)]
pub struct SignInLimits {
    /// Failed attempts (wrong password, unknown identifier) per identifier
    /// within `window`; then every attempt for it is refused with 429.
    pub failures_per_identifier: u32,
    /// The same per client address.
    pub failures_per_address: u32,
    pub window: Duration,
    /// Password hashes running at once (each holds ~19 MiB): the cores.
    pub concurrent_hashes: usize,
    /// Sign-ins waiting for a hash beyond those; more get 429 at once.
    pub hash_queue: usize,
}

impl Default for SignInLimits {
    fn default() -> SignInLimits {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        SignInLimits {
            failures_per_identifier: 10,
            failures_per_address: 100,
            window: Duration::from_secs(15 * 60),
            concurrent_hashes: cores,
            hash_queue: 8 * cores,
        }
    }
}

/// Where the UI navigates; paths are made absolute against the server's
/// origin when sent, as Clerk sends absolute URLs.
#[derive(Debug, Clone)]
pub struct DisplayPaths {
    pub home: String,
    pub sign_in: String,
    pub sign_up: String,
    pub user_profile: String,
    pub after_sign_in: String,
    pub after_sign_out_one: String,
    pub after_sign_out_all: String,
    pub after_switch_session: String,
}

impl Default for DisplayPaths {
    fn default() -> DisplayPaths {
        DisplayPaths {
            home: "/".into(),
            sign_in: "/#sign-in".into(),
            sign_up: "/#sign-in".into(),
            user_profile: "/#user-profile".into(),
            after_sign_in: "/".into(),
            after_sign_out_one: "/".into(),
            after_sign_out_all: "/".into(),
            after_switch_session: "/".into(),
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            db_path: ":memory:".into(),
            single_session_mode: false,
            allowed_origins: Vec::new(),
            allow_local_origins: false,
            session_lifetime: Duration::from_secs(7 * 24 * 3600),
            client_lifetime: Duration::from_secs(365 * 24 * 3600),
            static_dir: None,
            application_name: "Clerk UserButton demo".into(),
            display_paths: DisplayPaths::default(),
            sign_in_limits: SignInLimits::default(),
            public_urls: Vec::new(),
            trusted_proxies: Vec::new(),
            connections: ConnectionLimits::default(),
        }
    }
}
