//! Test support for `tests/cmdlets_*.rs`: a [`Shell`] builder that runs a script through the
//! `jirash` binary against an in-process `jira-sim` on a random loopback port, with HOME and the
//! XDG directories isolated in a temporary directory, `NO_COLOR=1` and `COLUMNS=100`.
//!
//! ```ignore
//! let sim = Sim::dc();
//! let out = Shell::new(&sim).script("Get-JiraIssue TEST-1").run();
//! out.ok().stdout_has("[TEST-1]");
//! ```

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use jira_sim::Flavor;

/// A simulator for one test.
pub struct Sim {
    /// The running simulator.
    pub bg: jira_sim::Background,
    /// Its flavour.
    pub flavor: Flavor,
}

impl Sim {
    /// A simulator with `opts` (listen address forced to a random loopback port).
    pub fn with(opts: jira_sim::Options) -> Sim {
        let flavor = opts.flavor;
        let bg = jira_sim::spawn(jira_sim::Options { listen: ([127, 0, 0, 1], 0).into(), ..opts })
            .unwrap_or_else(|e| panic!("cannot start jira-sim: {e}"));
        Sim { bg, flavor }
    }
    /// A Data Center simulator with the default demo data.
    pub fn dc() -> Sim {
        Self::with(jira_sim::Options::default())
    }
    /// A Cloud simulator with the default demo data.
    pub fn cloud() -> Sim {
        Self::with(jira_sim::Options { flavor: Flavor::Cloud, ..jira_sim::Options::default() })
    }
    /// A simulator of either flavour.
    pub fn of(flavor: Flavor) -> Sim {
        Self::with(jira_sim::Options { flavor, ..jira_sim::Options::default() })
    }
    /// The base URL.
    pub fn url(&self) -> &str {
        &self.bg.base_url
    }
    /// Whether this is the Cloud flavour.
    pub fn cloud_flavor(&self) -> bool {
        self.flavor == Flavor::Cloud
    }
    /// Requests received, as `METHOD path?query` lines.
    pub fn request_lines(&self) -> Vec<String> {
        self.bg
            .requests()
            .iter()
            .map(|r| if r.query.is_empty() { format!("{} {}", r.method, r.path) } else { format!("{} {}?{}", r.method, r.path, r.query) })
            .collect()
    }
    /// Requests whose `METHOD path` starts with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.request_lines().iter().filter(|l| l.starts_with(prefix)).count()
    }
    /// Every header value the simulator received or sent that looks like a session cookie.
    pub fn cookie_values(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in self.bg.requests() {
            for (k, v) in &r.headers {
                if k.eq_ignore_ascii_case("cookie") {
                    for kv in v.split(';') {
                        if let Some((_, val)) = kv.trim().split_once('=')
                            && val.len() >= 8
                        {
                            out.push(val.to_owned());
                        }
                    }
                }
            }
        }
        out
    }
}

/// A PowerShell expression building a credential.
pub fn cred(user: &str, password: &str) -> String {
    format!(
        "(New-Object System.Management.Automation.PSCredential ('{user}', (ConvertTo-SecureString '{password}' -AsPlainText -Force)))"
    )
}

/// A PowerShell expression building a secure string.
pub fn secure(text: &str) -> String {
    format!("(ConvertTo-SecureString '{text}' -AsPlainText -Force)")
}

/// The demo login for a flavour, as a `New-JiraSession` line.
pub fn login_line(flavor: Flavor) -> String {
    match flavor {
        Flavor::Cloud => format!("New-JiraSession -ApiToken {} -EmailAddress 'demo@example.com' | Out-Null", secure("demo-token")),
        Flavor::DataCenter => format!("New-JiraSession -Credential {} | Out-Null", cred("demo", "demo")),
    }
}

/// One run of the binary.
pub struct Shell {
    server: Option<String>,
    script: String,
    home: Option<PathBuf>,
    extra_args: Vec<String>,
    env: Vec<(String, String)>,
    _tmp: Option<tempfile::TempDir>,
}

impl Shell {
    /// A shell pointed at `sim` with `--server`, with a fresh isolated home.
    pub fn new(sim: &Sim) -> Shell {
        Shell::bare().server(sim.url())
    }
    /// A shell with no server and a fresh isolated home.
    pub fn bare() -> Shell {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let home = tmp.path().to_path_buf();
        Shell { server: None, script: String::new(), home: Some(home), extra_args: Vec::new(), env: Vec::new(), _tmp: Some(tmp) }
    }
    /// Uses `--server URL`.
    pub fn server(mut self, url: &str) -> Shell {
        self.server = Some(url.to_owned());
        self
    }
    /// Runs without `--server` (the saved configuration decides).
    pub fn no_server(mut self) -> Shell {
        self.server = None;
        self
    }
    /// Uses `home` as HOME (XDG dirs below it) instead of a fresh one, so runs can share state.
    pub fn home(mut self, home: &Path) -> Shell {
        self.home = Some(home.to_path_buf());
        self._tmp = None;
        self
    }
    /// The script to run with `-c`.
    pub fn script(mut self, text: &str) -> Shell {
        self.script = text.to_owned();
        self
    }
    /// Extra flags for the binary (before `-c`).
    pub fn arg(mut self, a: &str) -> Shell {
        self.extra_args.push(a.to_owned());
        self
    }
    /// An extra environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Shell {
        self.env.push((k.to_owned(), v.to_owned()));
        self
    }
    /// Runs the binary and captures its output.
    pub fn run(self) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jirash"));
        if let Some(s) = &self.server {
            cmd.arg("--server").arg(s);
        }
        cmd.args(&self.extra_args).arg("-c").arg(&self.script);
        let home = self.home.clone().unwrap_or_default();
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .stdin(Stdio::null());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("cannot run jirash: {e}"));
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            status: out.status.code().unwrap_or(-1),
            script: self.script,
        }
    }
}

/// What a run printed.
#[derive(Debug)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status.
    pub status: i32,
    script: String,
}

impl Output {
    fn context(&self) -> String {
        format!("script:\n{}\n--- status {}\n--- stdout:\n{}\n--- stderr:\n{}", self.script, self.status, self.stdout, self.stderr)
    }
    /// Asserts exit status 0 and an empty stderr.
    pub fn ok(&self) -> &Self {
        assert!(self.status == 0 && self.stderr.trim().is_empty(), "expected success\n{}", self.context());
        self
    }
    /// Asserts a non-zero exit status.
    pub fn failed(&self) -> &Self {
        assert!(self.status != 0, "expected failure\n{}", self.context());
        self
    }
    /// Asserts stdout contains `s`.
    pub fn stdout_has(&self, s: &str) -> &Self {
        assert!(self.stdout.contains(s), "stdout lacks {s:?}\n{}", self.context());
        self
    }
    /// Asserts stdout does not contain `s`.
    pub fn stdout_lacks(&self, s: &str) -> &Self {
        assert!(!self.stdout.contains(s), "stdout has {s:?}\n{}", self.context());
        self
    }
    /// Asserts stderr contains `s`.
    pub fn stderr_has(&self, s: &str) -> &Self {
        assert!(self.stderr.contains(s), "stderr lacks {s:?}\n{}", self.context());
        self
    }
    /// Asserts stderr does not contain `s`.
    pub fn stderr_lacks(&self, s: &str) -> &Self {
        assert!(!self.stderr.contains(s), "stderr has {s:?}\n{}", self.context());
        self
    }
    /// Asserts neither stream contains `secret`.
    pub fn no_secret(&self, secret: &str) -> &Self {
        assert!(!self.stdout.contains(secret) && !self.stderr.contains(secret), "output shows the secret {secret:?}\n{}", self.context());
        self
    }
    /// The stdout lines, trimmed at the end, without empty ones.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect()
    }
}
