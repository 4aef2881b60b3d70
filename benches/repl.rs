//! Interactive-shell benchmarks. Run with `cargo bench --bench repl`.
//!
//! 1. **Completion from local data** (target: under 5 ms per Tab): the helper's
//!    `complete_line` — what a Tab press runs — for command names, a `Verb-*` wildcard, parameter
//!    names, variables, properties of a variable, and issue keys from the 500 this session has
//!    seen, over a snapshot built from a real interpreter holding 300 variables. No Jira
//!    connection, so nothing waits on the network. Measured with criterion, and summarised first
//!    as the mean of 2,000 calls per case.
//! 2. **Start to first prompt** (target: under 50 ms): the release-built `jirash` spawned in a
//!    pseudo-terminal, timed from spawn until the prompt `jirash> ` appears; median and best of
//!    `RUNS` runs, with no history file and with a 10,000-line one.

use std::hint::black_box;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use criterion::Criterion;
use jirash::eval::Interp;
use jirash::lang::parser::parse_script;
use jirash::output::{Host, TermInfo};
use jirash::repl::complete::{CompletionData, JiraLists, Named};
use jirash::repl::helper::{SharedData, ShellHelper};
use jirash::repl::snapshot::{self, SeenIssues, Spellings};

/// Lines completed, cursor at the end, with what each exercises.
const CASES: &[(&str, &str)] = &[
    ("command name", "Get-Ji"),
    ("Verb-* wildcard", "Get-*"),
    ("parameter name", "Get-JiraIssue -"),
    ("variable", "$iss"),
    ("property", "$issue.Sum"),
    ("issue key (500 seen)", "Get-JiraIssue TEST-1"),
    ("fixed value set", "Write-Output x -ErrorAction S"),
];

/// Start-up runs per measurement.
const RUNS: usize = 21;

/// A snapshot like one from a long session: 300 variables (one an issue record, one an array
/// of them), 500 issue keys seen, Jira lists cached.
fn session_data() -> CompletionData {
    let mut src = String::new();
    for i in 0..300 {
        src.push_str(&format!("$var{i} = {i}\n"));
    }
    src.push_str(
        "$issue = [pscustomobject]@{ Key = 'TEST-1'; Summary = 'First'; Status = 'Open'; Assignee = 'alice' }\n\
         $issues = 1..50 | ForEach-Object { [pscustomobject]@{ Key = \"TEST-$_\"; Summary = \"Issue $_\" } }\n",
    );
    let (host, _out) = Host::capture(TermInfo::plain(100));
    let mut it = Interp::new(host);
    let script = parse_script(&src).unwrap_or_else(|e| panic!("bench script: {}", e.message));
    assert_eq!(it.run_script(&script, Vec::new()), 0);
    let mut seen = SeenIssues::default();
    for i in 1..=500 {
        seen.add(&format!("TEST-{i}"), &format!("Summary of issue {i}"));
    }
    snapshot::collect_seen(&it, &mut seen);
    let mut spell = Spellings::default();
    spell.learn(&src);
    let lists = JiraLists {
        projects: (0..50)
            .map(|i| Named::new(format!("P{i}"), format!("Project {i}")))
            .collect(),
        statuses: vec!["Open".into(), "In Progress".into(), "Done".into()],
        ..JiraLists::default()
    };
    snapshot::build(&it, &lists, &seen, &spell)
}

fn helper() -> ShellHelper {
    let data: SharedData = Arc::new(RwLock::new(Arc::new(session_data())));
    ShellHelper::new(data, None, false)
}

/// Prints the mean per-call time of each case (2,000 calls).
fn completion_summary(h: &ShellHelper) {
    println!("completion from local data (mean of 2,000 calls; target < 5 ms):");
    for (what, line) in CASES {
        let n = h.complete_line(line, line.len()).candidates.len();
        assert!(n > 0, "no candidates for {line:?}");
        let started = Instant::now();
        for _ in 0..2000 {
            black_box(h.complete_line(black_box(line), line.len()));
        }
        let per = started.elapsed() / 2000;
        println!(
            "  {what:<22} {line:<32} {:>8.1} µs  ({n} candidates)",
            per.as_secs_f64() * 1e6
        );
    }
}

fn completion_benches(c: &mut Criterion, h: &ShellHelper) {
    let mut g = c.benchmark_group("complete");
    for (what, line) in CASES {
        g.bench_function(*what, |b| {
            b.iter(|| h.complete_line(black_box(line), line.len()))
        });
    }
    g.finish();
}

/// Spawns the shell in a pty and returns the time until its prompt appears. Reads the pty
/// directly with blocking reads (rexpect's expect polls every 100 ms, too coarse here).
fn time_to_prompt(home: &std::path::Path) -> Result<Duration, String> {
    use std::io::{Read, Write};
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_jirash"));
    cmd.env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("JIRASH_HISTORY")
        .env_remove("JIRA_URL")
        .current_dir(home);
    let started = Instant::now();
    let p = rexpect::process::PtyProcess::new(cmd).map_err(|e| e.to_string())?;
    let mut pty = p.get_file_handle().map_err(|e| e.to_string())?;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let took = loop {
        let n = pty.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the shell ended before its prompt".into());
        }
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(8).any(|w| w == b"jirash> ") {
            break started.elapsed();
        }
    };
    // Ctrl-D on the empty line ends the shell; drain its last output while it exits.
    pty.write_all(&[4]).map_err(|e| e.to_string())?;
    while matches!(pty.read(&mut buf), Ok(n) if n > 0) {}
    p.wait().map_err(|e| e.to_string())?;
    Ok(took)
}

fn startup(label: &str, home: &std::path::Path) -> Result<(), String> {
    time_to_prompt(home)?; // warm the page cache
    let mut times = (0..RUNS)
        .map(|_| time_to_prompt(home))
        .collect::<Result<Vec<_>, _>>()?;
    times.sort();
    println!(
        "  {label:<32} median {:>6.1} ms, best {:>6.1} ms ({RUNS} runs)",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
    Ok(())
}

fn startup_summary() -> Result<(), String> {
    println!("start to first prompt in a pty (release build; target < 50 ms):");
    let empty = tempfile::tempdir().map_err(|e| e.to_string())?;
    startup("no history file", empty.path())?;
    let full = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = full.path().join("state/jirash");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut text = String::from("#V2\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "Get-JiraIssue -Query 'project = TEST AND key = TEST-{i}'\n"
        ));
    }
    std::fs::write(dir.join("history"), text).map_err(|e| e.to_string())?;
    startup("10,000-line history file", full.path())
}

fn main() -> Result<(), String> {
    let h = helper();
    completion_summary(&h);
    startup_summary()?;
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    completion_benches(&mut c, &h);
    c.final_summary();
    Ok(())
}
