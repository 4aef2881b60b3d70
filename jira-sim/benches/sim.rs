//! Benchmarks (run with `cargo bench -p jira-sim`):
//! (a) `GET /rest/api/2/issue/{key}` throughput with 10,000 issues, server and keep-alive
//!     client sharing one current-thread runtime — one core does both sides (conservative);
//! (b) the same load with the server alone on its own thread (a current-thread runtime, so at
//!     most one core) and the client on another thread: requests per second, the server
//!     thread's CPU time from `/proc`, and so the requests one fully busy core serves;
//! (c) start-up time of a 100,000-issue instance (seeding and binding), both flavours.

use std::time::{Duration, Instant};

use jira_sim::{Flavor, Options};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const REQUESTS: usize = 20_000;
const ISSUES: usize = 10_000;

fn client() -> Res<reqwest::Client> {
    // Err only means a provider is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(16)
        .build()?)
}

/// Sends `n` GETs of issues spread over all three projects from `workers` concurrent tasks;
/// returns the number of 200s and the wall time.
async fn load(client: &reqwest::Client, base: &str, n: usize, workers: usize) -> (usize, Duration) {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..workers {
        let client = client.clone();
        let base = base.to_string();
        tasks.push(tokio::spawn(async move {
            let mut ok = 0usize;
            for i in 0..n / workers {
                let k = (w * 7919 + i * 31) % (ISSUES / 3) + 1;
                let project = ["TEST", "OPS", "WEB"][(w + i) % 3];
                let url = format!("{base}/rest/api/2/issue/{project}-{k}");
                let r = client
                    .get(&url)
                    .basic_auth("demo", Some("demo"))
                    .send()
                    .await;
                if let Ok(r) = r
                    && r.status().is_success()
                    && r.bytes().await.is_ok()
                {
                    ok += 1;
                }
            }
            ok
        }));
    }
    let mut ok = 0;
    for t in tasks {
        ok += t.await.unwrap_or(0);
    }
    (ok, start.elapsed())
}

fn shared_core() -> Res<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let sim = jira_sim::start(Options {
            issues: ISSUES,
            ..Options::default()
        })
        .await?;
        let client = client()?;
        let _ = load(&client, &sim.base_url, 500, 4).await; // warm-up
        for workers in [1usize, 8] {
            let (ok, el) = load(&client, &sim.base_url, REQUESTS, workers).await;
            println!(
                "(a) GET issue, 10k issues, server+client on 1 core, {workers} in flight: {ok} ok in {el:.2?} = {:.0} req/s",
                ok as f64 / el.as_secs_f64()
            );
        }
        sim.shutdown();
        Res::Ok(())
    })
}

/// User+system CPU seconds of this process's thread named `name` (from `/proc`).
fn thread_cpu(name: &str) -> Option<f64> {
    let ticks = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() != name {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        let rest = stat.rsplit_once(')')?.1;
        let f: Vec<&str> = rest.split_whitespace().collect();
        let utime: f64 = f.get(11)?.parse().ok()?;
        let stime: f64 = f.get(12)?.parse().ok()?;
        return Some((utime + stime) / ticks);
    }
    None
}

fn server_core() -> Res<()> {
    // The server runs on the "jira-sim" thread with a current-thread runtime.
    let sim = jira_sim::spawn(Options {
        issues: ISSUES,
        ..Options::default()
    })?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let client = client()?;
        let _ = load(&client, &sim.base_url, 500, 4).await; // warm-up
        let cpu0 = thread_cpu("jira-sim");
        let (ok, el) = load(&client, &sim.base_url, REQUESTS, 8).await;
        let cpu = thread_cpu("jira-sim").zip(cpu0).map(|(b, a)| b - a);
        let rps = ok as f64 / el.as_secs_f64();
        match cpu {
            Some(c) if c > 0.0 => println!(
                "(b) GET issue, 10k issues, server alone on 1 thread, 8 in flight: {ok} ok in {el:.2?} = {rps:.0} req/s; server CPU {c:.2} s ({:.0}% of a core) = {:.0} req per server CPU-second",
                100.0 * c / el.as_secs_f64(),
                ok as f64 / c
            ),
            _ => println!(
                "(b) GET issue, 10k issues, server alone on 1 thread, 8 in flight: {ok} ok in {el:.2?} = {rps:.0} req/s (server CPU time unavailable)"
            ),
        }
        Res::Ok(())
    })?;
    drop(sim);
    Ok(())
}

fn startup() -> Res<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    for flavor in [Flavor::DataCenter, Flavor::Cloud] {
        let start = Instant::now();
        let sim = rt.block_on(jira_sim::start(Options {
            issues: 100_000,
            flavor,
            ..Options::default()
        }))?;
        println!(
            "(c) start with 100,000 issues ({flavor:?}): {:.2?}",
            start.elapsed()
        );
        sim.shutdown();
    }
    Ok(())
}

fn main() -> Res<()> {
    if std::env::args().any(|a| a == "--list") {
        return Ok(());
    }
    shared_core()?;
    server_core()?;
    startup()
}
