//! Paging benchmark: a search of 10,000 issues on a jira-sim with 25 ms latency per request,
//! 100 issues per page (100 pages), fetched one page after another versus concurrently
//! (window 4, the default, and 8). Run with `cargo bench --bench paging`.
//!
//! Plain `main` (no criterion): one network-bound measurement per mode is what matters, and
//! each run takes seconds. Each mode runs `RUNS` times; the best and median are printed.

use std::time::{Duration, Instant};

use jirash::jira::{Auth, Cancel, ClientConfig, Credentials, JiraClient, PageOptions, Request};
use secrecy::SecretString;

const ISSUES: usize = 10_000;
const LATENCY_MS: u64 = 25;
const PAGE_SIZE: u32 = 100;
const RUNS: usize = 3;

/// The search. Without ORDER BY the simulator skips a sort of all 10,000 issues per page, so
/// the figures measure paging rather than the simulator's CPU. `JIRASH_BENCH_JQL` overrides it.
fn jql() -> String {
    std::env::var("JIRASH_BENCH_JQL").unwrap_or_else(|_| "project in (TEST, OPS, WEB)".into())
}

fn run(client: &JiraClient, concurrency: usize) -> Result<(Duration, usize), String> {
    let cancel = Cancel::new();
    let started = Instant::now();
    let stream = client
        .pages(
            Request::get("/rest/api/2/search")
                .query("jql", jql())
                .query("fields", "summary"),
            PageOptions {
                page_size: PAGE_SIZE,
                concurrency,
                ..PageOptions::default()
            },
            &cancel,
        )
        .map_err(|e| e.to_string())?;
    let mut n = 0;
    for item in stream {
        item.map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok((started.elapsed(), n))
}

fn measure(client: &JiraClient, concurrency: usize) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let (t, n) = run(client, concurrency)?;
        if n != ISSUES {
            return Err(format!("expected {ISSUES} issues, got {n}"));
        }
        times.push(t);
    }
    times.sort();
    println!(
        "  concurrency {concurrency}: best {:>6.0} ms, median {:>6.0} ms",
        times[0].as_secs_f64() * 1000.0,
        times[RUNS / 2].as_secs_f64() * 1000.0
    );
    Ok(times[RUNS / 2])
}

fn main() -> Result<(), String> {
    let sim = jira_sim::spawn(jira_sim::Options {
        flavor: jira_sim::Flavor::DataCenter,
        issues: ISSUES,
        latency_ms: LATENCY_MS,
        ..jira_sim::Options::default()
    })
    .map_err(|e| e.to_string())?;
    let client = JiraClient::new(ClientConfig {
        server: Some(
            jirash::jira::config::parse_server_url(&sim.base_url).map_err(|e| e.to_string())?,
        ),
        ..ClientConfig::default()
    })
    .map_err(|e| e.to_string())?;
    client
        .login(
            Credentials::from_auth(Auth::basic("demo", SecretString::from("demo"))),
            &Cancel::new(),
        )
        .map_err(|e| e.to_string())?;
    // Warm up the connection pool and the simulator.
    run(&client, 4)?;

    println!(
        "search of {ISSUES} issues ({}), {PAGE_SIZE} per page, simulator latency {LATENCY_MS} ms:",
        jql()
    );
    let sequential = measure(&client, 1)?;
    let four = measure(&client, 4)?;
    let eight = measure(&client, 8)?;
    println!(
        "speed-up (median): concurrency 4 = {:.1}x, concurrency 8 = {:.1}x",
        sequential.as_secs_f64() / four.as_secs_f64(),
        sequential.as_secs_f64() / eight.as_secs_f64()
    );
    Ok(())
}
