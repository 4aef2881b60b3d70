//! The `jira-sim` binary: its flags, the announcement on stdout and that it serves what the
//! flags say (flavour, issue count, seed, latency, fault plan). Runs the built executable.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use common::{client, send};
use serde_json::{Value, json};

/// A running `jira-sim` process, killed when dropped (also when an assertion fails).
struct Proc {
    child: Child,
    /// Base URL from the first line.
    base: String,
    /// The lines printed after the first one (the credentials).
    banner: Vec<String>,
    _out: BufReader<ChildStdout>,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Proc {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jira-sim"))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run jira-sim: {e}"));
    let Some(stdout) = child.stdout.take() else {
        panic!("no stdout pipe");
    };
    let mut out = BufReader::new(stdout);
    let mut first = String::new();
    let _ = out.read_line(&mut first);
    let mut proc = Proc {
        child,
        base: String::new(),
        banner: Vec::new(),
        _out: out,
    };
    let first = first.trim_end();
    let Some(base) = first.strip_prefix("jira-sim listening on ") else {
        panic!("unexpected first line {first:?}");
    };
    let port = base
        .strip_prefix("http://127.0.0.1:")
        .and_then(|p| p.parse::<u16>().ok());
    assert!(port.is_some_and(|p| p != 0), "first line {first:?}");
    proc.base = base.to_string();
    for _ in 0..3 {
        let mut line = String::new();
        let _ = proc._out.read_line(&mut line);
        proc.banner.push(line.trim_end().to_string());
    }
    proc
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn get(base: &str, path: &str, user: &str, secret: &str) -> (u16, Value) {
    send(
        client()
            .get(format!("{base}{path}"))
            .basic_auth(user, Some(secret)),
    )
    .await
}

#[test]
fn dc_binary_announces_serves_seeds_and_applies_faults_and_latency() {
    let p = start(&[
        "--flavor",
        "dc",
        "--issues",
        "7",
        "--seed",
        "3",
        "--latency-ms",
        "40",
        "--fault",
        "429:every=2:path=/rest/api/2/serverInfo",
        "--fault",
        "503:once:path=/rest/api/2/field",
    ]);
    assert!(p.banner[0].contains("demo / demo"), "{:?}", p.banner);
    assert!(
        p.banner[1].contains("demo@example.com / demo-token"),
        "{:?}",
        p.banner
    );
    assert!(p.banner[2].contains("demo-pat"), "{:?}", p.banner);
    let rt = runtime();
    rt.block_on(async {
        let (s, v) = get(
            &p.base,
            "/rest/api/2/search?jql=&maxResults=0",
            "demo",
            "demo",
        )
        .await;
        assert_eq!((s, v["total"].as_u64()), (200, Some(7)), "--issues 7");
        let started = Instant::now();
        let (s, v) = send(client().get(format!("{}/rest/api/2/serverInfo", p.base))).await;
        assert!(
            started.elapsed() >= Duration::from_millis(40),
            "--latency-ms"
        );
        assert_eq!((s, v["deploymentType"].as_str()), (200, Some("Server")));
        let r = client()
            .get(format!("{}/rest/api/2/serverInfo", p.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.status(), 429, "--fault 429:every=2");
        assert_eq!(r.headers()["retry-after"], "1");
        assert_eq!(r.headers()["x-ratelimit-remaining"], "0");
        let (s, _) = get(&p.base, "/rest/api/2/field", "demo", "demo").await;
        assert_eq!(s, 503, "--fault 503:once");
        let (s, _) = get(&p.base, "/rest/api/2/field", "demo", "demo").await;
        assert_eq!(s, 200);
        // The admin endpoint replaces the plan given on the command line.
        let (s, _) = send(client().delete(format!("{}/__sim/faults", p.base))).await;
        assert_eq!(s, 204);
        for _ in 0..3 {
            let (s, _) = send(client().get(format!("{}/rest/api/2/serverInfo", p.base))).await;
            assert_eq!(s, 200);
        }
    });
}

#[test]
fn cloud_binary_and_same_seed_across_processes() {
    let cloud = start(&["--flavor", "cloud", "--issues", "7", "--seed", "3"]);
    let dc = start(&["--issues", "7", "--seed", "3"]);
    let other = start(&["--issues", "7", "--seed", "4"]);
    let rt = runtime();
    rt.block_on(async {
        let (s, v) = send(client().get(format!("{}/rest/api/3/serverInfo", cloud.base))).await;
        assert_eq!((s, v["deploymentType"].as_str()), (200, Some("Cloud")));
        let (s, v) = send(
            client()
                .post(format!(
                    "{}/rest/api/3/search/approximate-count",
                    cloud.base
                ))
                .basic_auth("demo@example.com", Some("demo-token"))
                .json(&json!({"jql": "project in (TEST, OPS, WEB)"})),
        )
        .await;
        assert_eq!((s, v["count"].as_u64()), (200, Some(7)));
        let summary = |base: String,
                       ver: &'static str,
                       user: &'static str,
                       secret: &'static str| async move {
            let path = format!("/rest/api/{ver}/issue/OPS-2?fields=summary,created");
            let (s, v) = get(&base, &path, user, secret).await;
            assert_eq!(s, 200, "{v}");
            v["fields"].clone()
        };
        let a = summary(cloud.base.clone(), "2", "demo@example.com", "demo-token").await;
        let b = summary(dc.base.clone(), "2", "demo", "demo").await;
        let c = summary(other.base.clone(), "2", "demo", "demo").await;
        assert_eq!(a, b, "same --seed, same data (in either flavour)");
        assert_ne!(a, c, "another --seed, other data");
    });
}

#[test]
fn bad_flags_fail_with_a_message() {
    for (args, code, text) in [
        (&["--flavor", "onprem"][..], 2, "unknown flavour 'onprem'"),
        (&["--fault", "418:once"][..], 1, "bad fault spec '418:once'"),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jira-sim"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run jira-sim: {e}"));
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(text), "{args:?}: {err}");
    }
}
