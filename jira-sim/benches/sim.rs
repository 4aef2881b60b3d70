//! Benchmarks (run with `cargo bench -p jira-sim`):
//! (a) `GET /rest/api/2/issue/{key}` throughput with 10,000 issues, server and keep-alive
//!     client sharing one current-thread runtime (one core);
//! (b) start-up time of a 100,000-issue instance.

use std::time::Instant;

use jira_sim::{Flavor, Options};

fn throughput() -> Result<(), Box<dyn std::error::Error>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let sim = jira_sim::start(Options { issues: 10_000, ..Options::default() }).await?;
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder().cookie_store(true).pool_max_idle_per_host(16).build()?;
        let base = sim.base_url.clone();
        let run = |n: usize, workers: usize| {
            let client = client.clone();
            let base = base.clone();
            async move {
                let start = Instant::now();
                let mut tasks = Vec::new();
                for w in 0..workers {
                    let client = client.clone();
                    let base = base.clone();
                    tasks.push(tokio::spawn(async move {
                        let mut ok = 0usize;
                        for i in 0..n / workers {
                            let k = (w * 7919 + i * 31) % 3333 + 1;
                            let url = format!("{base}/rest/api/2/issue/TEST-{k}");
                            let r = client.get(&url).basic_auth("demo", Some("demo")).send().await;
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
        };
        let _ = run(500, 4).await; // warm-up
        for workers in [1usize, 8] {
            let (ok, el) = run(20_000, workers).await;
            println!(
                "GET issue, 10k issues, 1 core, {workers} in flight: {ok} ok in {:.2?} = {:.0} req/s",
                el,
                ok as f64 / el.as_secs_f64()
            );
        }
        sim.shutdown();
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}

fn startup() -> Result<(), Box<dyn std::error::Error>> {
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
            "start with 100,000 issues ({flavor:?}): {:.2?}",
            start.elapsed()
        );
        sim.shutdown();
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--list") {
        return Ok(());
    }
    throughput()?;
    startup()
}
