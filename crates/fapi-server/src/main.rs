//! `fapi-server`: the command line over [`fapi_server::app`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use fapi_server::{seed, AppState, Config, ConnectionLimits, SignInLimits};

/// A Clerk-compatible Frontend API (sessions, sign-in, sign-out) on SQLite,
/// serving the demo page and the built widget from the same origin.
#[derive(Debug, Parser)]
#[command(name = "fapi-server", version, about, long_about = None)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3000", value_name = "IP:PORT")]
    addr: SocketAddr,

    /// SQLite database file, created with its folder if missing; `:memory:`
    /// keeps everything in memory and loses it on exit.
    #[arg(long, default_value = "data/fapi.sqlite", value_name = "PATH")]
    db: String,

    /// Create the demo users ada@example.com and grace@example.com (password
    /// demo-password-123) if they do not exist, and print them.
    #[arg(long)]
    demo: bool,

    /// Folder with `index.html` and `pkg/` to serve at `/` and `/pkg/`.
    #[arg(long, default_value = ".", value_name = "DIR")]
    static_dir: PathBuf,

    /// Do not serve `index.html` and `pkg/`: the API only.
    #[arg(long, conflicts_with = "static_dir")]
    no_static: bool,

    /// An origin (`scheme://host[:port]`) allowed to call the API from a
    /// browser with credentials; repeat for more. The server's own origin is
    /// always allowed.
    #[arg(long = "allowed-origin", value_name = "ORIGIN")]
    allowed_origins: Vec<String>,

    /// Development: also allow every http://127.0.0.1:*, http://localhost:*
    /// and http://[::1]:* origin (the browser test runners need this).
    #[arg(long)]
    allow_local_origins: bool,

    /// Allow one signed-in account per browser (`single_session_mode`);
    /// multi-session is the default.
    #[arg(long)]
    single_session: bool,

    /// How long a session stays signed in, in seconds (default: 7 days).
    #[arg(long, default_value_t = 7 * 24 * 3600, value_name = "SECONDS")]
    session_lifetime: u64,

    /// The application name sent in `display_config`.
    #[arg(long, default_value = "Clerk UserButton demo")]
    application_name: String,

    /// Failed sign-ins (wrong password, unknown identifier) allowed per
    /// identifier within --sign-in-window; then every attempt for it gets 429.
    #[arg(long, default_value_t = 10, value_name = "N")]
    max_failed_sign_ins_per_identifier: u32,

    /// The same per client address (loopback included).
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_failed_sign_ins_per_address: u32,

    /// The window, in seconds, over which failed sign-ins are counted.
    #[arg(long, default_value_t = 15 * 60, value_name = "SECONDS")]
    sign_in_window: u64,

    /// Password hashes checked at once (each holds ~19 MiB); default: the cores.
    #[arg(long, value_name = "N")]
    max_concurrent_hashes: Option<usize>,

    /// Sign-ins that may wait for a hash beyond those; more get 429 at once
    /// (default: 8 per core).
    #[arg(long, value_name = "N")]
    hash_queue: Option<usize>,

    /// An origin this server is reached at (`https://auth.example.com`);
    /// repeat for more. Requests naming any other `Host` are refused. Without
    /// it, only loopback names (127.0.0.1, localhost, [::1]) are served.
    #[arg(long = "public-url", value_name = "URL")]
    public_urls: Vec<String>,

    /// The address of a reverse proxy in front of this server, whose
    /// X-Forwarded-Proto and X-Forwarded-For are believed; repeat for more.
    #[arg(long = "trust-proxy", value_name = "IP")]
    trusted_proxies: Vec<std::net::IpAddr>,

    /// Connections served at once; more wait until one closes.
    #[arg(long, default_value_t = 1024, value_name = "N")]
    max_connections: usize,

    /// Seconds a client has to send a request's headers (and an idle
    /// kept-alive connection stays open).
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    header_timeout: u64,

    /// Seconds a whole request may take, its body and the answer included.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    request_timeout: u64,
}

/// `scheme://host[:port]` of an http(s) URL without path, query or
/// credentials, lower-cased; `None` for anything else.
fn origin_of(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://")?;
    let valid = (scheme == "http" || scheme == "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@'])
        && !rest.contains(char::is_whitespace);
    valid.then_some(url)
}

/// A number flag within `range`, or a message naming the flag and the range.
fn within<T: PartialOrd + std::fmt::Display + Copy>(
    flag: &str,
    value: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, String> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{flag} must be from {} to {}, not {value}",
            range.start(),
            range.end()
        ))
    }
}

/// Each argon2id check allocates ~19 MiB. glibc raises its mmap threshold
/// after such a block is freed, so later ones come from per-thread heaps
/// that never shrink: a burst of sign-ins left hundreds of MiB resident.
/// A fixed threshold keeps large blocks in mmap, returned on free.
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting; called once, first.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    return_large_blocks_to_the_system();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_target(false)
        // Colours for a terminal; plain lines for a pipe or a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fapi-server: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    // Ten years: past that, expiry times overflow or lose their meaning.
    let session_lifetime = within("--session-lifetime", cli.session_lifetime, 1..=315_360_000)?;
    let defaults = SignInLimits::default();
    let sign_in_limits = SignInLimits {
        failures_per_identifier: within(
            "--max-failed-sign-ins-per-identifier",
            cli.max_failed_sign_ins_per_identifier,
            1..=1_000_000,
        )?,
        failures_per_address: within(
            "--max-failed-sign-ins-per-address",
            cli.max_failed_sign_ins_per_address,
            1..=1_000_000,
        )?,
        window: Duration::from_secs(within("--sign-in-window", cli.sign_in_window, 1..=86_400)?),
        concurrent_hashes: within(
            "--max-concurrent-hashes",
            cli.max_concurrent_hashes
                .unwrap_or(defaults.concurrent_hashes),
            1..=256,
        )?,
        hash_queue: within(
            "--hash-queue",
            cli.hash_queue.unwrap_or(defaults.hash_queue),
            0..=100_000,
        )?,
    };
    if cli.application_name.trim().is_empty() || cli.application_name.len() > 200 {
        return Err("--application-name must be 1 to 200 characters".into());
    }
    for origin in &cli.allowed_origins {
        if origin_of(origin).is_none() {
            return Err(format!(
                "--allowed-origin must be an origin such as https://app.example.com, not {origin:?}"
            )
            .into());
        }
    }
    let public_urls = cli
        .public_urls
        .iter()
        .map(|url| {
            origin_of(url).ok_or_else(|| {
                format!(
                    "--public-url must be an origin such as https://auth.example.com, not {url:?}"
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let config = Config {
        db_path: cli.db.clone(),
        single_session_mode: cli.single_session,
        allowed_origins: cli.allowed_origins,
        allow_local_origins: cli.allow_local_origins,
        session_lifetime: Duration::from_secs(session_lifetime),
        sign_in_limits,
        public_urls,
        trusted_proxies: cli.trusted_proxies,
        connections: ConnectionLimits {
            max_connections: within("--max-connections", cli.max_connections, 1..=1_000_000)?,
            header_timeout: Duration::from_secs(within(
                "--header-timeout",
                cli.header_timeout,
                1..=3_600,
            )?),
            request_timeout: Duration::from_secs(within(
                "--request-timeout",
                cli.request_timeout,
                1..=3_600,
            )?),
        },
        static_dir: (!cli.no_static).then_some(cli.static_dir),
        application_name: cli.application_name,
        ..Config::default()
    };
    let state = AppState::new(config)?;
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.addr))?;
    let addr = listener.local_addr()?;
    if cli.demo {
        let emails = seed::seed_demo_users(&*state.store, fapi_server::now_ms())?;
        println!("Demo users (password: {}):", seed::DEMO_PASSWORD);
        for email in emails {
            println!("  {email}");
        }
    }
    println!("Database: {}", cli.db);
    println!("Frontend API and demo page on http://{addr}/");
    fapi_server::serve(listener, state).await?;
    Ok(())
}
