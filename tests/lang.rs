//! Language cases: every `tests/lang/**/*.ps1` runs through the built `jirash` binary with a
//! fixed terminal (`NO_COLOR=1`, `COLUMNS=100`) and an isolated HOME. Its stdout must equal
//! `NAME.out`, its stderr `NAME.err` (empty when there is no such file), and its exit status
//! `NAME.status` (0 when absent). Optional `NAME.args` holds one script argument per line.
//! All cases run and every failure is reported with a diff. `JIRASH_BLESS=1` writes the
//! expectations from the actual output (check them by hand before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|e| e == "ps1") {
            out.push(p);
        }
    }
}

struct Run {
    stdout: String,
    stderr: String,
    status: i32,
}

fn run_case(script: &Path, home: &Path) -> Run {
    let args_file = script.with_extension("args");
    let extra: Vec<String> = std::fs::read_to_string(&args_file)
        .map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let dir = script.parent().unwrap_or(Path::new("."));
    let name = script
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let output = Command::new(env!("CARGO_BIN_EXE_jirash"))
        .arg(&name)
        .args(&extra)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("JIRASH_TEST_VAR", "from-env")
        .env("TZ", "UTC")
        .stdin(std::process::Stdio::null())
        .output();
    match output {
        Ok(o) => Run {
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            status: o.status.code().unwrap_or(-1),
        },
        Err(e) => Run {
            stdout: String::new(),
            stderr: format!("cannot run jirash: {e}"),
            status: -1,
        },
    }
}

fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => out.push_str(&format!("   {x}\n")),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!(" - {x}\n"));
                }
                if let Some(y) = y {
                    out.push_str(&format!(" + {y}\n"));
                }
            }
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str(" (trailing newline differs)\n");
    }
    out
}

#[test]
fn lang_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lang");
    let mut all = Vec::new();
    cases(&root, &mut all);
    assert!(
        all.len() >= 150,
        "expected at least 150 language cases, found {}",
        all.len()
    );
    let bless = std::env::var("JIRASH_BLESS").is_ok_and(|v| v == "1");
    let filter = std::env::var("LANG_CASE").ok();
    let home = tempfile::tempdir()
        .map(|d| d.keep())
        .unwrap_or_else(|_| std::env::temp_dir());
    let mut failures = Vec::new();
    let mut ran = 0;
    for script in &all {
        let rel = script
            .strip_prefix(&root)
            .unwrap_or(script)
            .display()
            .to_string();
        if filter.as_ref().is_some_and(|f| !rel.contains(f.as_str())) {
            continue;
        }
        ran += 1;
        let r = run_case(script, &home);
        let out_file = script.with_extension("out");
        let err_file = script.with_extension("err");
        let status_file = script.with_extension("status");
        if bless {
            let _ = std::fs::write(&out_file, &r.stdout);
            if r.stderr.is_empty() {
                let _ = std::fs::remove_file(&err_file);
            } else {
                let _ = std::fs::write(&err_file, &r.stderr);
            }
            if r.status == 0 {
                let _ = std::fs::remove_file(&status_file);
            } else {
                let _ = std::fs::write(&status_file, format!("{}\n", r.status));
            }
            continue;
        }
        let want_out = std::fs::read_to_string(&out_file).unwrap_or_default();
        let want_err = std::fs::read_to_string(&err_file).unwrap_or_default();
        let want_status: i32 = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let mut problems = String::new();
        if r.stdout != want_out {
            problems.push_str(&format!("stdout differs:\n{}", diff(&want_out, &r.stdout)));
        }
        if r.stderr != want_err {
            problems.push_str(&format!("stderr differs:\n{}", diff(&want_err, &r.stderr)));
        }
        if r.status != want_status {
            problems.push_str(&format!(
                "exit status {} (expected {want_status})\n",
                r.status
            ));
        }
        if !problems.is_empty() {
            failures.push(format!("=== {rel}\n{problems}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} language cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A generated 10,000-line script (assignments, loops, string work) parses and runs quickly.
#[test]
fn large_generated_script() {
    let src = generated_script(10_000);
    let dir = tempfile::tempdir()
        .map(|d| d.keep())
        .unwrap_or_else(|_| std::env::temp_dir());
    let path = dir.join("big.ps1");
    assert!(std::fs::write(&path, &src).is_ok());
    let started = std::time::Instant::now();
    let r = run_case(&path, &dir);
    let took = started.elapsed();
    assert_eq!(r.stderr, "");
    assert_eq!(r.status, 0);
    assert_eq!(r.stdout.lines().last(), Some("done 2500"));
    assert!(took.as_secs_f64() < 20.0, "took {took:?}");
}

/// The script used by the test above and by `benches/lang.rs`.
fn generated_script(lines: usize) -> String {
    let mut s = String::from("$total = 0\n$names = @()\n");
    let mut i = 0;
    while s.lines().count() < lines - 1 {
        s.push_str(&format!("$v{i} = {i} * 2 + 1\n"));
        s.push_str(&format!("$total += $v{i} % 7\n"));
        s.push_str(&format!(
            "$t = 'item-{i}'.ToUpper().Replace('ITEM', 'x') + \"/$total\"\n"
        ));
        s.push_str(&format!("if ($v{i} -gt 10) {{ for ($j = 0; $j -lt 3; $j++) {{ $total += $j }} }} else {{ $names += $t }}\n"));
        i += 1;
    }
    s.push_str(&format!("\"done {i}\"\n"));
    s
}

/// Runs a generated script through the binary in a fresh temporary directory.
fn run_generated(name: &str, src: &str) -> Run {
    let dir = tempfile::tempdir()
        .map(|d| d.keep())
        .unwrap_or_else(|_| std::env::temp_dir());
    let path = dir.join(name);
    assert!(std::fs::write(&path, src).is_ok());
    run_case(&path, &dir)
}

/// An expression too deep for the stack (a chain of 100,000 `+`, which the parser builds
/// without recursing) is a statement error, not a stack overflow; the script goes on.
#[test]
fn expression_too_deep_to_evaluate_is_an_error() {
    let src = format!("1{}\n'next'\n", "+1".repeat(100_000));
    let r = run_generated("deep.ps1", &src);
    assert_eq!(r.stdout, "next\n");
    assert_eq!(
        r.stderr,
        "The expression is nested too deeply to evaluate.\n"
    );
    assert_eq!(r.status, 1);
}
