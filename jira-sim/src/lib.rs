//! jira-sim: a stateful, in-memory Jira REST server (Data Center or Cloud flavour).
//!
//! This module owns the public API (`Options`, `start`, `spawn`, `Running`, `Background`), the
//! shared server state and the single axum entry point that logs each request, applies latency
//! and the fault plan, authenticates the caller and hands the request to `routes`.
//! It shares no code with jirash.

pub mod auth;
pub mod faults;
pub mod flavor;
pub mod jql;
pub mod routes;
pub mod seed;
pub mod state;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use parking_lot::{Mutex, RwLock};

pub use faults::FaultPlan;

/// Demo user name (DC login).
pub const DEMO_USER: &str = "demo";
/// Demo password.
pub const DEMO_PASSWORD: &str = "demo";
/// Demo e-mail (Cloud Basic user).
pub const DEMO_EMAIL: &str = "demo@example.com";
/// Demo Cloud API token.
pub const DEMO_API_TOKEN: &str = "demo-token";
/// Demo DC personal access token.
pub const DEMO_PAT: &str = "demo-pat";

/// How many requests the log keeps (oldest dropped first).
pub const REQUEST_LOG_CAPACITY: usize = 10_000;

/// Which Jira the simulator pretends to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Jira Data Center 10 (`deploymentType: "Server"`).
    DataCenter,
    /// Jira Cloud.
    Cloud,
}

impl std::str::FromStr for Flavor {
    type Err = SimError;
    fn from_str(s: &str) -> Result<Self, SimError> {
        match s.to_ascii_lowercase().as_str() {
            "dc" | "datacenter" | "server" => Ok(Flavor::DataCenter),
            "cloud" => Ok(Flavor::Cloud),
            _ => Err(SimError::Options(format!(
                "unknown flavour '{s}' (use dc or cloud)"
            ))),
        }
    }
}

/// Start-up options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Flavour.
    pub flavor: Flavor,
    /// Number of seeded issues.
    pub issues: usize,
    /// Seed of the demo data.
    pub seed: u64,
    /// Delay added to every request.
    pub latency_ms: u64,
    /// Fault specs (`429:every=10`, …), see [`faults`].
    pub faults: Vec<String>,
    /// Address to listen on (port 0 = any free port).
    pub listen: SocketAddr,
    /// Consecutive failed logins after which a user is CAPTCHA-locked.
    pub captcha_after: u32,
    /// Context path Jira is served under (`/jira`, as with Tomcat's context path), or empty for
    /// the root. Every URL the simulator answers and hands out (`self`, `baseUrl`, cookie
    /// paths) then starts with it; anything outside it is a 404.
    pub context_path: String,
    /// The reference instant of the seeded data, where the simulated clock starts: `None` for
    /// the seed's fixed epoch in 2025 (byte-identical data on every run, for tests), or a time
    /// (the demo gives the real "now", so the data is as recent as a live team's).
    pub epoch: Option<jiff::Timestamp>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            flavor: Flavor::DataCenter,
            issues: 60,
            seed: 1,
            latency_ms: 0,
            faults: Vec::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            captcha_after: 3,
            context_path: String::new(),
            epoch: None,
        }
    }
}

/// Errors of starting or controlling the simulator.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Bad options or fault specs.
    #[error("{0}")]
    Options(String),
    /// Binding or serving failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

/// One request as the simulator received it (its `Debug` hides credentials).
#[derive(Clone)]
pub struct LoggedRequest {
    /// Method.
    pub method: String,
    /// Path (no query).
    pub path: String,
    /// Raw query string (without `?`).
    pub query: String,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl LoggedRequest {
    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Debug for LoggedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let secret = matches!(
                    k.as_str(),
                    "authorization" | "cookie" | "proxy-authorization"
                );
                (k.as_str(), if secret { "***" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("LoggedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// State shared by all requests of one instance.
pub struct Sim {
    /// Flavour.
    pub flavor: Flavor,
    /// `http://127.0.0.1:PORT` followed by the context path, if any.
    pub base_url: String,
    /// The context path (`/jira`), or empty.
    pub context_path: String,
    /// Jira data.
    pub state: RwLock<state::State>,
    /// Sessions, failed-login counters.
    pub auth: Mutex<auth::AuthState>,
    /// Fault plan.
    pub faults: Mutex<FaultPlan>,
    /// Request log (ring buffer).
    pub log: Mutex<VecDeque<LoggedRequest>>,
    /// Latency per request.
    pub latency_ms: u64,
    /// CAPTCHA threshold.
    pub captcha_after: u32,
    /// The seeded data's reference instant: the simulated clock starts there.
    pub epoch: jiff::Timestamp,
    /// When this instance started (the simulated clock advances in real time from here).
    pub started: std::time::Instant,
}

impl Sim {
    /// Whether this is the Cloud flavour.
    pub fn cloud(&self) -> bool {
        self.flavor == Flavor::Cloud
    }

    /// The `Path` of the session cookie: the context path, or `/`.
    pub fn cookie_path(&self) -> &str {
        if self.context_path.is_empty() {
            "/"
        } else {
            &self.context_path
        }
    }

    /// The simulated "now": the seed's reference instant when the instance started, then
    /// advancing in real time. The seeded data (created within 90 days before that instant)
    /// so stays recent for relative dates (`updated >= -7d`, `startOfWeek()`), `serverTime`
    /// and new issues, comments and worklogs, whatever the real date, and the data stays
    /// deterministic.
    pub fn now(&self) -> jiff::Timestamp {
        jiff::SignedDuration::try_from(self.started.elapsed())
            .ok()
            .and_then(|d| self.epoch.checked_add(d).ok())
            .unwrap_or(self.epoch)
    }

    fn requests(&self) -> Vec<LoggedRequest> {
        self.log.lock().iter().cloned().collect()
    }
}

/// A simulator serving on a tokio task of the caller's runtime.
pub struct Running {
    /// Base URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub base_url: String,
    sim: Arc<Sim>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    /// Stops serving (open connections end with the server task).
    pub fn shutdown(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
    /// Requests received so far (up to the last [`REQUEST_LOG_CAPACITY`]).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.sim.requests()
    }
    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.sim.log.lock().clear();
    }
    /// Replaces the fault plan.
    pub fn set_faults(&self, faults: &[&str]) -> Result<(), SimError> {
        let plan = FaultPlan::parse(faults.iter().copied())?;
        *self.sim.faults.lock() = plan;
        Ok(())
    }
    /// Invalidates every session cookie.
    pub fn expire_sessions(&self) {
        self.sim.auth.lock().sessions.clear();
    }
    /// The shared state (for tests that inspect data directly).
    pub fn sim(&self) -> &Arc<Sim> {
        &self.sim
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// Builds the shared state for `opts` (no network).
pub fn build_sim(opts: &Options, base_url: String) -> Result<Arc<Sim>, SimError> {
    let plan = FaultPlan::parse(opts.faults.iter().map(String::as_str))?;
    let context_path = normal_context_path(&opts.context_path)?;
    let state = seed::build(opts.seed, opts.issues, opts.epoch);
    let epoch = state.epoch;
    Ok(Arc::new(Sim {
        flavor: opts.flavor,
        base_url: format!("{base_url}{context_path}"),
        context_path,
        epoch,
        started: std::time::Instant::now(),
        state: RwLock::new(state),
        auth: Mutex::new(auth::AuthState::default()),
        faults: Mutex::new(plan),
        log: Mutex::new(VecDeque::with_capacity(1024)),
        latency_ms: opts.latency_ms,
        captcha_after: opts.captcha_after,
    }))
}

/// `jira`, `/jira/` → `/jira`; empty or `/` → empty. Only plain path segments are allowed.
fn normal_context_path(p: &str) -> Result<String, SimError> {
    let trimmed = p.trim().trim_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let ok = trimmed.split('/').all(|seg| {
        !seg.is_empty()
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    if !ok {
        return Err(SimError::Options(format!(
            "bad context path '{p}' (use something like /jira)"
        )));
    }
    Ok(format!("/{trimmed}"))
}

/// Binds, seeds and serves on a task of the current tokio runtime.
pub async fn start(opts: Options) -> Result<Running, SimError> {
    let listener = tokio::net::TcpListener::bind(opts.listen).await?;
    let addr = listener.local_addr()?;
    let sim = build_sim(&opts, format!("http://{addr}"))?;
    let base_url = sim.base_url.clone();
    let app: Router = routes::router(sim.clone());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        base_url,
        sim,
        stop: Some(tx),
    })
}

/// A simulator on its own OS thread and runtime, for synchronous callers. Dropping it stops it.
pub struct Background {
    /// Base URL, `http://127.0.0.1:PORT`.
    pub base_url: String,
    running: Option<Running>,
    thread: Option<std::thread::JoinHandle<()>>,
    done: Option<std::sync::mpsc::Sender<()>>,
}

/// Starts a simulator on a new thread with a current-thread tokio runtime.
pub fn spawn(opts: Options) -> Result<Background, SimError> {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<Running, SimError>>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("jira-sim".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(SimError::Io(e)));
                    return;
                }
            };
            rt.block_on(async move {
                let r = start(opts).await;
                let failed = r.is_err();
                let _ = ready_tx.send(r);
                if failed {
                    return;
                }
                // Serve until the Background is dropped (its sender closes the channel).
                let _ = tokio::task::spawn_blocking(move || {
                    let _ = done_rx.recv();
                })
                .await;
            });
        })?;
    let running = ready_rx
        .recv()
        .map_err(|_| SimError::Options("simulator thread ended before starting".into()))??;
    Ok(Background {
        base_url: running.base_url.clone(),
        running: Some(running),
        thread: Some(thread),
        done: Some(done_tx),
    })
}

impl Background {
    fn run(&self) -> Option<&Running> {
        self.running.as_ref()
    }
    /// Stops serving and joins the thread.
    pub fn shutdown(self) {}
    /// Requests received so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.run().map(Running::requests).unwrap_or_default()
    }
    /// Empties the request log.
    pub fn clear_requests(&self) {
        if let Some(r) = self.run() {
            r.clear_requests();
        }
    }
    /// Replaces the fault plan.
    pub fn set_faults(&self, faults: &[&str]) -> Result<(), SimError> {
        match self.run() {
            Some(r) => r.set_faults(faults),
            None => Ok(()),
        }
    }
    /// Invalidates every session cookie.
    pub fn expire_sessions(&self) {
        if let Some(r) = self.run() {
            r.expire_sessions();
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            r.shutdown();
        }
        self.done.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
