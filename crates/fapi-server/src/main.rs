//! `fapi-server`: the command line over [`fapi_server::app`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use fapi_server::{seed, AppState, Config};

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
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_target(false)
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
    if cli.session_lifetime == 0 {
        return Err("--session-lifetime must be at least 1 second".into());
    }
    let config = Config {
        db_path: cli.db.clone(),
        single_session_mode: cli.single_session,
        allowed_origins: cli.allowed_origins,
        allow_local_origins: cli.allow_local_origins,
        session_lifetime: Duration::from_secs(cli.session_lifetime),
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
