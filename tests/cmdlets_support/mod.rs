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
        let bg = jira_sim::spawn(jira_sim::Options {
            listen: ([127, 0, 0, 1], 0).into(),
            ..opts
        })
        .unwrap_or_else(|e| panic!("cannot start jira-sim: {e}"));
        Sim { bg, flavor }
    }
    /// A Data Center simulator with the default demo data.
    pub fn dc() -> Sim {
        Self::with(jira_sim::Options::default())
    }
    /// A Cloud simulator with the default demo data.
    pub fn cloud() -> Sim {
        Self::with(jira_sim::Options {
            flavor: Flavor::Cloud,
            ..jira_sim::Options::default()
        })
    }
    /// A simulator of either flavour.
    pub fn of(flavor: Flavor) -> Sim {
        Self::with(jira_sim::Options {
            flavor,
            ..jira_sim::Options::default()
        })
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
            .map(|r| {
                if r.query.is_empty() {
                    format!("{} {}", r.method, r.path)
                } else {
                    format!("{} {}?{}", r.method, r.path, r.query)
                }
            })
            .collect()
    }
    /// Requests whose `METHOD path` starts with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.request_lines()
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
    }
    /// Requests received, with their `Authorization` and `Cookie` header values.
    pub fn auth_log(&self) -> Vec<Req> {
        self.bg
            .requests()
            .iter()
            .map(|r| Req {
                line: if r.query.is_empty() {
                    format!("{} {}", r.method, r.path)
                } else {
                    format!("{} {}?{}", r.method, r.path, r.query)
                },
                authorization: r.header("authorization").map(str::to_owned),
                cookie: r.header("cookie").map(str::to_owned),
            })
            .collect()
    }
    /// The requests whose `METHOD path` starts with `prefix`, with their auth headers.
    pub fn auth_of(&self, prefix: &str) -> Vec<Req> {
        self.auth_log()
            .into_iter()
            .filter(|r| r.line.starts_with(prefix))
            .collect()
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

/// One logged request with its credentials.
#[derive(Debug, Clone)]
pub struct Req {
    /// `METHOD path?query`.
    pub line: String,
    /// The `Authorization` value sent.
    pub authorization: Option<String>,
    /// The `Cookie` value sent.
    pub cookie: Option<String>,
}

impl Req {
    /// Whether a `JSESSIONID` cookie was sent.
    pub fn has_session_cookie(&self) -> bool {
        self.cookie
            .as_deref()
            .is_some_and(|c| c.contains("JSESSIONID="))
    }
}

/// Standard base64 (with padding) of `data`, to recognise an encoded `user:password`.
pub fn base64(data: &str) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = data.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Secrets the tests use (the demo passwords equal the user names, so those are recognised by
/// their base64 `user:password` form and by header values instead).
pub const SECRET_TEXTS: &[&str] = &[
    "demo-token",
    "demo-pat",
    "alice-token",
    "alice-pat",
    "bob-token",
    "Wr0ng-Passw0rd",
    "s3cret-Passw0rd",
];

/// Every secret a test may have used, in every form that could leak: the plain secrets, the
/// base64 of each `user:password` pair, and the session cookie values the simulator saw.
pub fn secret_forms(sim: Option<&Sim>) -> Vec<String> {
    let mut out: Vec<String> = SECRET_TEXTS.iter().map(|s| (*s).to_owned()).collect();
    for pair in [
        "demo:demo",
        "alice:alice",
        "bob:bob",
        "demo@example.com:demo-token",
        "alice@example.com:alice-token",
        "demo:Wr0ng-Passw0rd",
        "demo:s3cret-Passw0rd",
        "demo@example.com:Wr0ng-Passw0rd",
    ] {
        out.push(base64(pair));
    }
    if let Some(sim) = sim {
        out.extend(sim.cookie_values());
    }
    out
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
        Flavor::Cloud => format!(
            "New-JiraSession -ApiToken {} -EmailAddress 'demo@example.com' | Out-Null",
            secure("demo-token")
        ),
        Flavor::DataCenter => format!(
            "New-JiraSession -Credential {} | Out-Null",
            cred("demo", "demo")
        ),
    }
}

/// One run of the binary.
pub struct Shell<'a> {
    sim: Option<&'a Sim>,
    server: Option<String>,
    script: String,
    home: Option<PathBuf>,
    extra_args: Vec<String>,
    env: Vec<(String, String)>,
    _tmp: Option<tempfile::TempDir>,
}

impl<'a> Shell<'a> {
    /// A shell pointed at `sim` with `--server`, with a fresh isolated home.
    pub fn new(sim: &'a Sim) -> Shell<'a> {
        Shell::bare().server(sim.url()).checking(sim)
    }
    /// Also checks that none of `sim`'s session cookie values shows in the output.
    pub fn checking(mut self, sim: &'a Sim) -> Shell<'a> {
        self.sim = Some(sim);
        self
    }
    /// A shell with no server and a fresh isolated home.
    pub fn bare() -> Shell<'a> {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let home = tmp.path().to_path_buf();
        Shell {
            sim: None,
            server: None,
            script: String::new(),
            home: Some(home),
            extra_args: Vec::new(),
            env: Vec::new(),
            _tmp: Some(tmp),
        }
    }
    /// Uses `--server URL`.
    pub fn server(mut self, url: &str) -> Shell<'a> {
        self.server = Some(url.to_owned());
        self
    }
    /// Runs without `--server` (the saved configuration decides).
    pub fn no_server(mut self) -> Shell<'a> {
        self.server = None;
        self
    }
    /// Uses `home` as HOME (XDG dirs below it) instead of a fresh one, so runs can share state.
    pub fn home(mut self, home: &Path) -> Shell<'a> {
        self.home = Some(home.to_path_buf());
        self._tmp = None;
        self
    }
    /// The script to run with `-c`.
    pub fn script(mut self, text: &str) -> Shell<'a> {
        self.script = text.to_owned();
        self
    }
    /// Extra flags for the binary (before `-c`).
    pub fn arg(mut self, a: &str) -> Shell<'a> {
        self.extra_args.push(a.to_owned());
        self
    }
    /// An extra environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Shell<'a> {
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
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run jirash: {e}"));
        let out = Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            status: out.status.code().unwrap_or(-1),
            script: self.script,
        };
        // Every run of every test: no secret the tests use (nor a session cookie value the
        // simulator handed out) shows in any output.
        out.no_secrets(self.sim);
        out
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
        format!(
            "script:\n{}\n--- status {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.script, self.status, self.stdout, self.stderr
        )
    }
    /// Asserts exit status 0 and an empty stderr.
    pub fn ok(&self) -> &Self {
        assert!(
            self.status == 0 && self.stderr.trim().is_empty(),
            "expected success\n{}",
            self.context()
        );
        self
    }
    /// Asserts a non-zero exit status.
    pub fn failed(&self) -> &Self {
        assert!(self.status != 0, "expected failure\n{}", self.context());
        self
    }
    /// Asserts stdout contains `s`.
    pub fn stdout_has(&self, s: &str) -> &Self {
        assert!(
            self.stdout.contains(s),
            "stdout lacks {s:?}\n{}",
            self.context()
        );
        self
    }
    /// Asserts stdout does not contain `s`.
    pub fn stdout_lacks(&self, s: &str) -> &Self {
        assert!(
            !self.stdout.contains(s),
            "stdout has {s:?}\n{}",
            self.context()
        );
        self
    }
    /// Asserts stderr contains `s`.
    pub fn stderr_has(&self, s: &str) -> &Self {
        assert!(
            self.stderr.contains(s),
            "stderr lacks {s:?}\n{}",
            self.context()
        );
        self
    }
    /// Asserts stderr does not contain `s`.
    pub fn stderr_lacks(&self, s: &str) -> &Self {
        assert!(
            !self.stderr.contains(s),
            "stderr has {s:?}\n{}",
            self.context()
        );
        self
    }
    /// Asserts no secret of [`secret_forms`] appears in stdout or stderr, and no `Authorization`
    /// header value (`Basic …`, `Bearer …`) either.
    pub fn no_secrets(&self, sim: Option<&Sim>) -> &Self {
        for secret in secret_forms(sim) {
            self.no_secret(&secret);
        }
        for text in [&self.stdout, &self.stderr] {
            for scheme in ["Basic ", "Bearer "] {
                for (i, _) in text.match_indices(scheme) {
                    // A credential is one word of token characters (base64 for Basic).
                    let word = text[i + scheme.len()..]
                        .split_whitespace()
                        .next()
                        .unwrap_or_default();
                    let body = word.trim_end_matches('=');
                    let looks_secret = body.len() >= 6
                        && body
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+/-._~".contains(c));
                    assert!(
                        !looks_secret,
                        "output shows an Authorization value after {scheme:?}\n{}",
                        self.context()
                    );
                }
            }
        }
        self
    }
    /// Asserts the exit status.
    pub fn status_is(&self, status: i32) -> &Self {
        assert_eq!(
            self.status,
            status,
            "unexpected exit status\n{}",
            self.context()
        );
        self
    }
    /// Asserts stdout, trimmed at line ends, equals `expected` (lines joined by `\n`).
    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(
            self.lines().join("\n"),
            expected.trim(),
            "unexpected stdout\n{}",
            self.context()
        );
        self
    }
    /// The stderr lines, trimmed at the end, without empty ones.
    pub fn err_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect()
    }
    /// Asserts the stderr lines that start with `prefix` are exactly `expected`.
    pub fn err_lines_with(&self, prefix: &str, expected: &[&str]) -> &Self {
        let got: Vec<&str> = self
            .err_lines()
            .into_iter()
            .filter(|l| l.starts_with(prefix))
            .collect();
        assert_eq!(
            got,
            expected,
            "unexpected {prefix:?} lines\n{}",
            self.context()
        );
        self
    }
    /// Asserts neither stream contains `secret`.
    pub fn no_secret(&self, secret: &str) -> &Self {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "output shows the secret {secret:?}\n{}",
            self.context()
        );
        self
    }
    /// The stdout lines, trimmed at the end, without empty ones.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect()
    }
}
