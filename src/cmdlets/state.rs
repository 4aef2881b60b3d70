//! [`JiraState`]: the Jira half of the shell context (`Interp::jira`). It holds the client
//! (created on first use, with its runtime), where the server setting lives between runs, the
//! `--server` override of this run, the `Invoke-JiraMethod -CacheKey` cache, the collector of
//! client events (`-Verbose` lines, retry warnings) and the Ctrl-C wiring.
//!
//! The session itself lives inside the client, in memory only; nothing here writes a secret.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use url::Url;

use crate::eval::value::Value;
use crate::jira::config::{ConfigPaths, ServerSource};
use crate::jira::{Cancel, ClientConfig, Event, EventSink, JiraClient, JiraError};

/// How long `Get-JiraServerInformation`-style caches of this layer keep an entry by default.
pub const DEFAULT_CACHE_EXPIRY: Duration = Duration::from_secs(3600);

/// File (next to jirash's `server` file) that records the server for which the user allowed
/// clear-text credentials with `Set-JiraConfigServer -AllowUnencryptedAuthentication`.
const ALLOW_UNENCRYPTED_FILE: &str = "allow_unencrypted_authentication";

/// One cached GET answer (`Invoke-JiraMethod -CacheKey`).
struct CacheEntry {
    kind: String,
    server: String,
    stored: Instant,
    expiry: Duration,
    value: serde_json::Value,
}

/// The Jira state of one shell.
pub struct JiraState {
    client: Option<JiraClient>,
    paths: Option<ConfigPaths>,
    server_override: Option<Url>,
    override_text: Option<String>,
    events: Arc<Mutex<Vec<Event>>>,
    cache: Vec<CacheEntry>,
    interrupt: Option<Arc<AtomicBool>>,
    /// A problem reading the persisted server, reported once as a warning.
    config_problem: Option<String>,
    /// Things that must live as long as the shell (the `--demo` simulator).
    keep: Vec<Box<dyn std::any::Any>>,
}

impl std::fmt::Debug for JiraState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JiraState")
            .field("client", &self.client)
            .field("paths", &self.paths)
            .field(
                "server_override",
                &self.server_override.as_ref().map(Url::as_str),
            )
            .finish_non_exhaustive()
    }
}

impl Default for JiraState {
    fn default() -> Self {
        Self::from_env()
    }
}

impl JiraState {
    /// State whose configuration lives under `paths` (`None`: nothing is persisted).
    pub fn new(paths: Option<ConfigPaths>) -> Self {
        JiraState {
            client: None,
            paths,
            server_override: None,
            override_text: None,
            events: Arc::new(Mutex::new(Vec::new())),
            cache: Vec::new(),
            interrupt: None,
            config_problem: None,
            keep: Vec::new(),
        }
    }

    /// State configured from `$XDG_CONFIG_HOME` / `$HOME` (so tests isolate it with env vars).
    pub fn from_env() -> Self {
        Self::new(ConfigPaths::from_env())
    }

    /// Where the server setting is persisted, if anywhere.
    pub fn paths(&self) -> Option<&ConfigPaths> {
        self.paths.as_ref()
    }

    /// `jirash --server URL`: use this server for this run without persisting it.
    pub fn set_server_override(&mut self, url: Url) {
        if let Some(c) = &self.client {
            c.set_server(url.clone(), self.allowed_unencrypted_for(&url));
        }
        self.server_override = Some(url);
    }

    /// [`JiraState::set_server_override`] remembering the text it came from (the interpreter's
    /// `server_override`), so it is applied once.
    pub fn set_server_override_from(&mut self, text: String, url: Url) {
        self.set_server_override(url);
        self.override_text = Some(text);
    }

    /// The `--server` text last applied.
    pub fn override_text(&self) -> Option<&str> {
        self.override_text.as_deref()
    }

    /// Keeps `thing` alive as long as this state (the `--demo` simulator).
    pub fn keep_alive(&mut self, thing: Box<dyn std::any::Any>) {
        self.keep.push(thing);
    }

    /// Lets Ctrl-C reach requests in flight: the evaluator sets `flag` when the user presses
    /// Ctrl-C, and every command's [`Cancel`] token is tripped when it sees the flag.
    pub fn set_interrupt_flag(&mut self, flag: Arc<AtomicBool>) {
        self.interrupt = Some(flag);
    }

    /// The client if one was created (never creates one; for the REPL's completion lookups).
    pub fn existing_client(&self) -> Option<&JiraClient> {
        self.client.as_ref()
    }

    /// The client, created on first use with the server from `--server`, jirash's config file,
    /// or JiraPS's `server_config` (in that order).
    pub fn client(&mut self) -> Result<&JiraClient, JiraError> {
        if self.client.is_none() {
            let (server, allow) = self.initial_server();
            let events = self.events.clone();
            let sink: EventSink = Arc::new(move |e: &Event| {
                if let Ok(mut v) = events.lock() {
                    v.push(e.clone());
                }
            });
            let client = JiraClient::new(ClientConfig {
                server,
                allow_unencrypted: allow,
                events: Some(sink),
                ..ClientConfig::default()
            })?;
            self.client = Some(client);
        }
        match &self.client {
            Some(c) => Ok(c),
            // Just set above.
            None => Err(JiraError::Setup("the Jira client is not available".into())),
        }
    }

    fn initial_server(&mut self) -> (Option<Url>, bool) {
        if let Some(url) = self.server_override.clone() {
            let allow = self.allowed_unencrypted_for(&url);
            return (Some(url), allow);
        }
        let Some(paths) = &self.paths else {
            return (None, false);
        };
        match paths.load_server() {
            Ok(Some((url, _source))) => {
                let allow = self.allowed_unencrypted_for(&url);
                (Some(url), allow)
            }
            Ok(None) => (None, false),
            Err(e) => {
                self.config_problem = Some(format!("Ignoring the saved Jira server: {e}"));
                (None, false)
            }
        }
    }

    /// Where the configured server came from (`None` when unset or set by `--server`).
    pub fn server_source(&self) -> Option<ServerSource> {
        if self.server_override.is_some() {
            return None;
        }
        self.paths
            .as_ref()
            .and_then(|p| p.load_server().ok().flatten())
            .map(|(_, s)| s)
    }

    /// A warning about the saved configuration, once.
    pub fn take_config_problem(&mut self) -> Option<String> {
        self.config_problem.take()
    }

    /// The server in effect (creating the client if needed).
    pub fn server(&mut self) -> Option<Url> {
        self.client().ok().and_then(JiraClient::server)
    }

    /// `Set-JiraConfigServer`: sets the server for this shell and persists it (with the
    /// clear-text opt-in) when a config directory is known. Returns a warning when it could not
    /// be persisted.
    pub fn configure_server(
        &mut self,
        url: Url,
        allow_unencrypted: bool,
    ) -> Result<Option<String>, JiraError> {
        self.client()?.set_server(url.clone(), allow_unencrypted);
        self.server_override = None;
        self.cache.clear();
        let Some(paths) = &self.paths else {
            return Ok(Some(
                "No configuration directory is known ($HOME and $XDG_CONFIG_HOME are unset); \
                 the server is set for this session only."
                    .into(),
            ));
        };
        paths.save_server(&url)?;
        let marker = paths.server_file().with_file_name(ALLOW_UNENCRYPTED_FILE);
        let written = if allow_unencrypted {
            std::fs::write(
                &marker,
                format!("{}\n", crate::jira::config::server_text(&url)),
            )
        } else {
            match std::fs::remove_file(&marker) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        };
        written.map_err(|e| JiraError::File {
            path: marker.display().to_string(),
            detail: e.to_string(),
        })?;
        Ok(None)
    }

    /// `Set-JiraConfigServer -SkipCertificateCheck` (or its absence): turns certificate checks
    /// off or back on for this shell (never saved). Turning them off makes the client warn.
    pub fn set_skip_certificate_check(&mut self, skip: bool) -> Result<(), JiraError> {
        let client = self.client()?;
        let mut opts = client.transport();
        if opts.skip_certificate_check != skip {
            opts.skip_certificate_check = skip;
            client.set_transport(opts)?;
        }
        Ok(())
    }

    /// Whether the user opted in to clear-text credentials for `url` (persisted marker).
    fn allowed_unencrypted_for(&self, url: &Url) -> bool {
        let Some(paths) = &self.paths else {
            return false;
        };
        let marker = paths.server_file().with_file_name(ALLOW_UNENCRYPTED_FILE);
        std::fs::read_to_string(marker)
            .ok()
            .and_then(|t| t.lines().next().map(str::trim).map(str::to_owned))
            .is_some_and(|line| line == crate::jira::config::server_text(url))
    }

    /// A cancellation token for one command. When an interrupt flag is wired
    /// ([`JiraState::set_interrupt_flag`]), a watcher on the client's runtime trips the token as
    /// soon as the flag is set; the watcher ends with the returned guard.
    pub fn begin_command(&mut self) -> CommandCancel {
        let cancel = Cancel::new();
        let stop = Arc::new(AtomicBool::new(false));
        if let (Some(flag), Some(client)) = (self.interrupt.clone(), self.client.as_ref()) {
            let token = cancel.clone();
            let stop2 = stop.clone();
            if flag.load(Ordering::SeqCst) {
                token.cancel();
            } else {
                client.handle().spawn(async move {
                    while !stop2.load(Ordering::SeqCst) {
                        if flag.load(Ordering::SeqCst) {
                            token.cancel();
                            break;
                        }
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                });
            }
        }
        CommandCancel { cancel, stop }
    }

    /// Takes the client events collected since the last call.
    pub fn take_events(&self) -> Vec<Event> {
        self.events
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }

    /// A cached answer for `kind` on `server`, if still fresh.
    pub fn cache_get(&self, kind: &str, server: &str) -> Option<serde_json::Value> {
        self.cache
            .iter()
            .find(|e| {
                e.kind.eq_ignore_ascii_case(kind)
                    && e.server == server
                    && e.stored.elapsed() < e.expiry
            })
            .map(|e| e.value.clone())
    }

    /// Stores an answer under `kind` for `server`.
    pub fn cache_put(
        &mut self,
        kind: &str,
        server: &str,
        expiry: Duration,
        value: serde_json::Value,
    ) {
        self.cache
            .retain(|e| !(e.kind.eq_ignore_ascii_case(kind) && e.server == server));
        self.cache.push(CacheEntry {
            kind: kind.to_owned(),
            server: server.to_owned(),
            stored: Instant::now(),
            expiry,
            value,
        });
    }

    /// `Clear-JiraCache -Type`: `All`, or one kind. `ServerInfo` and `All` also clear the
    /// client's server-info cache.
    pub fn clear_cache(&mut self, kind: &str) {
        let all = kind.eq_ignore_ascii_case("All");
        self.cache
            .retain(|e| !all && !e.kind.eq_ignore_ascii_case(kind));
        if (all || kind.eq_ignore_ascii_case("ServerInfo"))
            && let Some(c) = &self.client
        {
            c.clear_cache();
        }
    }

    /// The value used for `Created` of a Session record.
    pub(crate) fn timestamp_value(ts: jiff::Timestamp) -> Value {
        Value::DateTime(crate::eval::value::DateTime {
            ts,
            offset: jiff::tz::Offset::UTC,
        })
    }
}

/// The cancellation token of one running command; dropping it stops its Ctrl-C watcher.
#[derive(Debug)]
pub struct CommandCancel {
    /// The token to pass to client calls.
    pub cancel: Cancel,
    stop: Arc<AtomicBool>,
}

impl Drop for CommandCancel {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}
