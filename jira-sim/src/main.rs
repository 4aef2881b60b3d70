//! The `jira-sim` binary: flags → `jira_sim::start`, announce the URL and the demo
//! credentials on stdout, serve until Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use jira_sim::{DEMO_API_TOKEN, DEMO_EMAIL, DEMO_PASSWORD, DEMO_PAT, DEMO_USER, Flavor, Options};

/// A stateful in-memory Jira REST server (Data Center or Cloud flavour).
#[derive(Parser, Debug)]
#[command(name = "jira-sim", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Flavour: `dc` (Data Center 10) or `cloud`.
    #[arg(long, default_value = "dc")]
    flavor: String,
    /// Number of seeded issues.
    #[arg(long, default_value_t = 60)]
    issues: usize,
    /// Seed of the demo data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Delay added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Fault spec, e.g. `429:every=10`, `503:once`, `reset:once:path=/rest/api/2/search` (repeatable).
    #[arg(long = "fault")]
    faults: Vec<String>,
    /// Consecutive failed logins before a user is CAPTCHA-locked.
    #[arg(long, default_value_t = 3)]
    captcha_after: u32,
    /// Serve Jira under this context path (e.g. `/jira`) instead of the root.
    #[arg(long, default_value = "")]
    context_path: String,
    /// Date the seeded data as of now (the real clock) instead of the seed's fixed day in 2025;
    /// the data is otherwise the same.
    #[arg(long)]
    now: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let flavor: Flavor = match args.flavor.parse() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("jira-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = Options {
        flavor,
        issues: args.issues,
        seed: args.seed,
        latency_ms: args.latency_ms,
        faults: args.faults,
        listen: args.listen,
        captcha_after: args.captcha_after,
        context_path: args.context_path,
        epoch: args.now.then(jiff::Timestamp::now),
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jira-sim: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(async move {
        let running = match jira_sim::start(opts).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("jira-sim: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "jira-sim listening on {}", running.base_url);
        let _ = writeln!(out, "  user/password:   {DEMO_USER} / {DEMO_PASSWORD}");
        let _ = writeln!(out, "  email/API token: {DEMO_EMAIL} / {DEMO_API_TOKEN}");
        let _ = writeln!(out, "  PAT:             {DEMO_PAT}");
        let _ = out.flush();
        drop(out);
        let _ = tokio::signal::ctrl_c().await;
        running.shutdown();
        ExitCode::SUCCESS
    })
}
