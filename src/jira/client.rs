//! [`JiraClient`]: the synchronous facade the interpreter uses, and the async request engine
//! behind it (credentials, cookies, redirects, retries, re-login, error mapping).
//!
//! The client owns (or borrows) a multi-thread tokio runtime; every public method blocks on it
//! and races the work against a [`Cancel`] token, so Ctrl-C cancels the command and leaves the
//! session intact. It must not be called from inside an async context.
//!
//! Credential rules, enforced here for every request:
//! - a per-call credential replaces the session entirely (no session cookies or headers);
//! - session credentials and cookies go only to the session server's origin;
//! - a redirect that leaves the origin drops credentials, cookies and secret headers for good;
//! - credentials never go over plain `http://` to a non-loopback host unless allowed.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::cookie::CookieStore as _;
use reqwest::header::{self, HeaderName, HeaderValue};
use reqwest_cookie_store::CookieStoreMutex;
use serde_json::Value;
use url::Url;

use super::auth::Credentials;
use super::deployment::{Deployment, ServerInfo, ServerInfoCache};
use super::error::{JiraError, parse_error_body};
use super::request::{Body, Cancel, Event, EventSink, Request, Response, resolve_uri};
use super::retry::{self, RetryPolicy};
use super::session::{Session, SessionInfo, UserSummary};
use super::transport::{
    self, FailureKind, ProxyEnv, TransportOptions, check_credential_transport, origin_text,
    same_origin,
};

/// Most redirects followed for one request.
const MAX_REDIRECTS: usize = 10;

/// Settings of a [`JiraClient`].
#[derive(Clone, Default)]
pub struct ClientConfig {
    /// The server (from config, `--server`, or `Set-JiraConfigServer`).
    pub server: Option<Url>,
    /// Allow credentials over plain `http://` to non-loopback hosts
    /// (`-AllowUnencryptedAuthentication`).
    pub allow_unencrypted: bool,
    /// TLS, proxy and timeout settings.
    pub transport: TransportOptions,
    /// Retry limits.
    pub retry: RetryPolicy,
    /// Default receiver of events (`-Verbose` lines, warnings).
    pub events: Option<EventSink>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("server", &self.server.as_ref().map(Url::as_str))
            .field("allow_unencrypted", &self.allow_unencrypted)
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .finish()
    }
}

enum Runtime {
    Owned(tokio::runtime::Runtime),
    Shared(tokio::runtime::Handle),
}

/// The Jira client: server, session, caches, and the runtime that runs requests.
pub struct JiraClient {
    rt: Runtime,
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for JiraClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JiraClient")
            .field("server", &self.server().map(|u| u.to_string()))
            .field("session", &self.session())
            .finish()
    }
}

#[derive(Clone)]
struct ServerSetting {
    url: Url,
    allow_unencrypted: bool,
}

pub(crate) struct Inner {
    http: RwLock<reqwest::Client>,
    /// The proxies `http` was built with (to name them in errors).
    proxies: RwLock<ProxyEnv>,
    transport: RwLock<TransportOptions>,
    server: RwLock<Option<ServerSetting>>,
    session: RwLock<Option<Arc<Session>>>,
    server_info: ServerInfoCache,
    retry: RetryPolicy,
    events: RwLock<Option<EventSink>>,
}

/// Who a prepared request authenticates as.
#[derive(Clone)]
enum AuthMode {
    /// Nothing secret.
    Anonymous,
    /// These credentials (login, re-login, `-Credential`), with an optional jar to keep cookies.
    Explicit {
        creds: Credentials,
        jar: Option<Arc<CookieStoreMutex>>,
    },
    /// The session's cookies (and credentials unless cookie-only).
    Session(Arc<Session>),
}

/// A request ready to send (and re-send): URL resolved, body in memory.
#[derive(Clone)]
pub(crate) struct Prepared {
    method: Method,
    pub(crate) url: Url,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: PreparedBody,
    auth: AuthMode,
    /// Credentials and cookies may go only to this origin.
    cred_origin: Option<Url>,
    timeout: Duration,
    events: Option<EventSink>,
    no_relogin: bool,
}

#[derive(Clone)]
enum PreparedBody {
    None,
    Bytes { data: Vec<u8>, content_type: String },
    Multipart { file_name: String, data: Vec<u8> },
}

/// The outcome of one attempt.
struct RawResponse {
    status: u16,
    headers: header::HeaderMap,
    body: Vec<u8>,
    url: Url,
    /// The request relied on the session cookie alone.
    cookie_only: bool,
    /// The request carried credentials, secret headers or a cookie.
    authenticated: bool,
}

impl JiraClient {
    /// A client with its own 2-worker runtime.
    pub fn new(config: ClientConfig) -> Result<Self, JiraError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("jirash-net")
            .enable_all()
            .build()
            .map_err(|e| JiraError::Setup(format!("cannot start the runtime: {e}")))?;
        Self::build(Runtime::Owned(rt), config)
    }

    /// A client that runs on an existing multi-thread runtime.
    pub fn with_handle(
        handle: tokio::runtime::Handle,
        config: ClientConfig,
    ) -> Result<Self, JiraError> {
        Self::build(Runtime::Shared(handle), config)
    }

    fn build(rt: Runtime, config: ClientConfig) -> Result<Self, JiraError> {
        let proxies = proxies_for(&config.transport);
        let http = transport::build_http_client(&config.transport, &proxies)?;
        let client = JiraClient {
            rt,
            inner: Arc::new(Inner {
                http: RwLock::new(http),
                proxies: RwLock::new(proxies),
                transport: RwLock::new(config.transport.clone()),
                server: RwLock::new(config.server.map(|url| ServerSetting {
                    url,
                    allow_unencrypted: config.allow_unencrypted,
                })),
                session: RwLock::new(None),
                server_info: ServerInfoCache::default(),
                retry: config.retry,
                events: RwLock::new(config.events),
            }),
        };
        if config.transport.skip_certificate_check {
            client
                .inner
                .emit(None, &Event::Warning(SKIP_CERT_WARNING.into()));
        }
        Ok(client)
    }

    /// The runtime handle (for callers that spawn their own work).
    pub fn handle(&self) -> tokio::runtime::Handle {
        match &self.rt {
            Runtime::Owned(rt) => rt.handle().clone(),
            Runtime::Shared(h) => h.clone(),
        }
    }

    /// Replaces the default event sink.
    pub fn set_events(&self, sink: Option<EventSink>) {
        *write(&self.inner.events) = sink;
    }

    /// The configured server.
    pub fn server(&self) -> Option<Url> {
        read(&self.inner.server).as_ref().map(|s| s.url.clone())
    }

    /// Whether clear-text credentials are allowed.
    pub fn allow_unencrypted(&self) -> bool {
        read(&self.inner.server)
            .as_ref()
            .is_some_and(|s| s.allow_unencrypted)
    }

    /// Sets the server (`Set-JiraConfigServer`; persisting it is the caller's job, see
    /// `config.rs`). Switching to another origin ends the current session locally (no request),
    /// so credentials can never follow the user to a different server; the server-info cache
    /// is keyed by server and needs no clearing.
    pub fn set_server(&self, url: Url, allow_unencrypted: bool) {
        let mut server = write(&self.inner.server);
        let changed = server.as_ref().is_none_or(|s| !same_origin(&s.url, &url));
        *server = Some(ServerSetting {
            url,
            allow_unencrypted,
        });
        drop(server);
        if changed && let Some(old) = write(&self.inner.session).take() {
            old.clear();
        }
    }

    /// The TLS/proxy/timeout settings in use.
    pub fn transport(&self) -> TransportOptions {
        read(&self.inner.transport).clone()
    }

    /// Changes TLS/proxy/timeout settings (rebuilds the HTTP client). Warns when certificate
    /// checks are turned off.
    pub fn set_transport(&self, opts: TransportOptions) -> Result<(), JiraError> {
        let proxies = proxies_for(&opts);
        let http = transport::build_http_client(&opts, &proxies)?;
        if opts.skip_certificate_check {
            self.inner
                .emit(None, &Event::Warning(SKIP_CERT_WARNING.into()));
        }
        *write(&self.inner.http) = http;
        *write(&self.inner.proxies) = proxies;
        *write(&self.inner.transport) = opts;
        Ok(())
    }

    /// The current session, without secrets.
    pub fn session(&self) -> Option<SessionInfo> {
        read(&self.inner.session).as_ref().map(|s| s.info())
    }

    /// `New-JiraSession`: checks the credentials with `GET /rest/api/2/myself`, keeps the cookie
    /// jar and the credentials in memory, and returns the session. Any previous session is
    /// ended locally first; on failure there is no session at all.
    pub fn login(&self, creds: Credentials, cancel: &Cancel) -> Result<SessionInfo, JiraError> {
        if let Some(old) = write(&self.inner.session).take() {
            old.clear();
        }
        let inner = self.inner.clone();
        let session = self.block_on(cancel, async move { inner.login(creds).await })?;
        let info = session.info();
        *write(&self.inner.session) = Some(session);
        Ok(info)
    }

    /// `Remove-JiraSession`: on Server/Data Center sends `DELETE /rest/auth/1/session` (a failure
    /// there is a warning only), then forgets cookies and credentials. Returns whether there was
    /// a session.
    pub fn logout(&self, cancel: &Cancel) -> Result<bool, JiraError> {
        let Some(session) = write(&self.inner.session).take() else {
            return Ok(false);
        };
        let inner = self.inner.clone();
        let s = session.clone();
        let ended = self.block_on(cancel, async move {
            inner.end_remote_session(s).await;
            Ok(())
        });
        session.clear();
        ended.map(|()| true)
    }

    /// Sends one request (`Invoke-JiraMethod`) and returns the response, or the error Jira gave.
    /// With `out_file` the body is written there and the returned body is empty.
    pub fn send(&self, req: Request, cancel: &Cancel) -> Result<Response, JiraError> {
        let out_file = req.out_file.clone();
        let prepared = self.prepare(req)?;
        let inner = self.inner.clone();
        let mut resp = self.block_on(cancel, async move { inner.execute(&prepared).await })?;
        if let Some(path) = out_file {
            std::fs::write(&path, &resp.body).map_err(|e| JiraError::File {
                path: path.display().to_string(),
                detail: e.to_string(),
            })?;
            resp.body.clear();
        }
        Ok(resp)
    }

    /// Sends a request and parses the body as JSON (`None` for an empty body).
    pub fn json(&self, req: Request, cancel: &Cancel) -> Result<Option<Value>, JiraError> {
        self.send(req, cancel)?.json()
    }

    /// `GET /rest/api/2/serverInfo`, cached 5 minutes per server (`force` bypasses the cache).
    pub fn server_info(&self, force: bool, cancel: &Cancel) -> Result<ServerInfo, JiraError> {
        let server = self.server().ok_or(JiraError::ServerNotConfigured)?;
        if !force && let Some(info) = self.inner.server_info.get(server.as_str()) {
            return Ok(info);
        }
        let prepared = self.prepare(Request::get("/rest/api/2/serverInfo"))?;
        let inner = self.inner.clone();
        self.block_on(cancel, async move {
            inner.fetch_server_info(&server, &prepared).await
        })
    }

    /// Cloud or Server. If `serverInfo` fails the server is taken to be Server/DC (as JiraPS).
    pub fn deployment(&self, cancel: &Cancel) -> Result<Deployment, JiraError> {
        match self.server_info(false, cancel) {
            Ok(info) => Ok(info.deployment),
            Err(JiraError::Cancelled) => Err(JiraError::Cancelled),
            Err(_) => Ok(Deployment::Server),
        }
    }

    /// `Clear-JiraCache -Type ServerInfo|All`.
    pub fn clear_cache(&self) {
        self.inner.server_info.clear();
    }

    /// Another handle on this client — same server, session and caches — running on the same
    /// runtime, for work on another thread (the REPL's tab completion and list refresh).
    pub fn share(&self) -> JiraClient {
        JiraClient {
            rt: Runtime::Shared(self.handle()),
            inner: self.inner.clone(),
        }
    }

    /// Resolves the URI and decides what the request carries. Refuses clear-text credentials
    /// before anything is sent.
    pub(crate) fn prepare(&self, req: Request) -> Result<Prepared, JiraError> {
        let server = read(&self.inner.server).clone();
        let url = resolve_uri(server.as_ref().map(|s| &s.url), &req.uri, &req.query)?;
        // The clear-text opt-in names one server; another host given as an absolute URL does
        // not inherit it.
        let allow = server
            .as_ref()
            .is_some_and(|s| s.allow_unencrypted && same_origin(&s.url, &url));
        let session = read(&self.inner.session).clone();
        let (auth, cred_origin) = match (req.credentials, session) {
            (Some(creds), _) => (AuthMode::Explicit { creds, jar: None }, Some(url.clone())),
            (None, Some(s)) => {
                let origin = s.server.clone();
                (AuthMode::Session(s), Some(origin))
            }
            (None, None) => (AuthMode::Anonymous, None),
        };
        let carries_secret = match &auth {
            AuthMode::Anonymous => false,
            AuthMode::Explicit { creds, .. } => !creds.is_empty(),
            AuthMode::Session(_) => cred_origin.as_ref().is_some_and(|o| same_origin(o, &url)),
        };
        if carries_secret {
            check_credential_transport(&url, allow)?;
        }
        let mut headers = Vec::new();
        for (name, value) in &req.headers {
            let n = HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| JiraError::InvalidRequest(format!("'{name}' is not a header name")))?;
            let v = HeaderValue::from_str(value).map_err(|_| {
                JiraError::InvalidRequest(format!("the value of header '{name}' is not valid"))
            })?;
            headers.push((n, v));
        }
        let explicit_type = headers
            .iter()
            .find(|(n, _)| *n == header::CONTENT_TYPE)
            .and_then(|(_, v)| v.to_str().ok())
            .map(str::to_string);
        let json_type = "application/json; charset=utf-8".to_string();
        let body = match req.body {
            Body::None => PreparedBody::None,
            Body::Json(v) => PreparedBody::Bytes {
                data: serde_json::to_vec(&v)
                    .map_err(|e| JiraError::InvalidRequest(e.to_string()))?,
                content_type: explicit_type.unwrap_or(json_type),
            },
            Body::Text { text, content_type } => PreparedBody::Bytes {
                data: text.into_bytes(),
                content_type: content_type.or(explicit_type).unwrap_or(json_type),
            },
            Body::Bytes { data, content_type } => PreparedBody::Bytes {
                data,
                content_type: explicit_type.unwrap_or(content_type),
            },
            Body::File(path) => {
                let data = std::fs::read(&path).map_err(|e| JiraError::File {
                    path: path.display().to_string(),
                    detail: e.to_string(),
                })?;
                let file_name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "file".into());
                PreparedBody::Multipart { file_name, data }
            }
        };
        headers.retain(|(n, _)| *n != header::CONTENT_TYPE);
        let timeout = req
            .timeout
            .filter(|t| !t.is_zero())
            .unwrap_or_else(|| read(&self.inner.transport).timeout);
        Ok(Prepared {
            method: req.method,
            url,
            headers,
            body,
            auth,
            cred_origin,
            timeout,
            events: req.events,
            no_relogin: false,
        })
    }

    /// Runs a future on the runtime, racing it against `cancel`.
    pub(crate) fn block_on<T, F>(&self, cancel: &Cancel, fut: F) -> Result<T, JiraError>
    where
        F: Future<Output = Result<T, JiraError>>,
    {
        if cancel.is_cancelled() {
            return Err(JiraError::Cancelled);
        }
        let cancel = cancel.clone();
        let run = async move {
            tokio::select! {
                biased;
                () = cancel.cancelled() => Err(JiraError::Cancelled),
                r = fut => r,
            }
        };
        match &self.rt {
            Runtime::Owned(rt) => rt.block_on(run),
            Runtime::Shared(h) => h.block_on(run),
        }
    }
}

/// The proxies of the environment, or none when the transport ignores proxies.
fn proxies_for(opts: &TransportOptions) -> ProxyEnv {
    if opts.no_proxy {
        ProxyEnv::default()
    } else {
        ProxyEnv::from_env()
    }
}

const SKIP_CERT_WARNING: &str = "Certificate checks are OFF (-SkipCertificateCheck): anyone on the \
     network path can impersonate the server and read your credentials.";

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|p| p.into_inner())
}

impl Inner {
    pub(crate) fn emit(&self, own: Option<&EventSink>, event: &Event) {
        if let Some(sink) = own {
            sink(event);
        } else if let Some(sink) = read(&self.events).as_ref() {
            sink(event);
        }
    }

    fn server_url(&self) -> Result<Url, JiraError> {
        read(&self.server)
            .as_ref()
            .map(|s| s.url.clone())
            .ok_or(JiraError::ServerNotConfigured)
    }

    fn myself_request(
        &self,
        server: &Url,
        creds: Credentials,
        jar: Arc<CookieStoreMutex>,
    ) -> Result<Prepared, JiraError> {
        let url = resolve_uri(Some(server), "/rest/api/2/myself", &[])?;
        let allow = read(&self.server)
            .as_ref()
            .is_some_and(|s| s.allow_unencrypted);
        if !creds.is_empty() {
            check_credential_transport(&url, allow)?;
        }
        Ok(Prepared {
            method: Method::GET,
            cred_origin: Some(url.clone()),
            url,
            headers: Vec::new(),
            body: PreparedBody::None,
            auth: AuthMode::Explicit {
                creds,
                jar: Some(jar),
            },
            timeout: read(&self.transport).timeout,
            events: None,
            no_relogin: true,
        })
    }

    async fn login(&self, creds: Credentials) -> Result<Arc<Session>, JiraError> {
        let server = self.server_url()?;
        let jar = Arc::new(CookieStoreMutex::default());
        let prepared = self.myself_request(&server, creds.clone(), jar.clone())?;
        let resp = match self.execute(&prepared).await {
            Ok(r) => r,
            Err(JiraError::AuthenticationFailed { server: s, detail }) => {
                let hint = self.cloud_login_hint(&server, &creds);
                return Err(JiraError::AuthenticationFailed {
                    server: s,
                    detail: format!("{detail}{hint}"),
                });
            }
            Err(e) => return Err(e),
        };
        let user = resp
            .json()?
            .map(|v| UserSummary::from_json(&v))
            .unwrap_or_default();
        let session = Arc::new(Session::new(server.clone(), creds, jar, user));
        // Deployment detection is best effort: a login must not fail because of it.
        if let Some(info) = self.server_info.get(server.as_str()) {
            session.set_deployment(info.deployment);
        } else {
            let req = Prepared {
                method: Method::GET,
                url: resolve_uri(Some(&server), "/rest/api/2/serverInfo", &[])?,
                headers: Vec::new(),
                body: PreparedBody::None,
                auth: AuthMode::Session(session.clone()),
                cred_origin: Some(server.clone()),
                timeout: read(&self.transport).timeout,
                events: None,
                no_relogin: true,
            };
            if let Ok(info) = self.fetch_server_info(&server, &req).await {
                session.set_deployment(info.deployment);
            }
        }
        Ok(session)
    }

    /// After a rejected login: on Jira Cloud, a personal access token or a user name that is
    /// no e-mail address cannot work, and the error says what Cloud takes instead. Empty when
    /// that does not apply (or the deployment cannot be told without asking).
    fn cloud_login_hint(&self, server: &Url, creds: &Credentials) -> String {
        let suspicious = match &creds.auth {
            super::auth::Auth::Bearer(_) => true,
            super::auth::Auth::Basic { user, .. } => !user.contains('@'),
            super::auth::Auth::None => false,
        };
        if !suspicious {
            return String::new();
        }
        // No request for this: what serverInfo said earlier, else Cloud's own domains.
        let cloud = match self.server_info.get(server.as_str()) {
            Some(info) => info.deployment == Deployment::Cloud,
            None => server.host_str().is_some_and(|h| {
                let h = h.trim_end_matches('.').to_ascii_lowercase();
                h.ends_with(".atlassian.net") || h.ends_with(".jira.com")
            }),
        };
        if !cloud {
            return String::new();
        }
        match &creds.auth {
            super::auth::Auth::Bearer(_) => " Jira Cloud does not take personal access tokens: \
                log in with New-JiraSession -EmailAddress you@example.com -ApiToken <token>."
                .into(),
            _ => " Jira Cloud wants your e-mail address as the user name, with an API token \
                (https://id.atlassian.com/manage-profile/security/api-tokens) as the password."
                .into(),
        }
    }

    async fn fetch_server_info(
        &self,
        server: &Url,
        req: &Prepared,
    ) -> Result<ServerInfo, JiraError> {
        let resp = self.execute(req).await?;
        let info = ServerInfo::from_json(resp.json()?.unwrap_or(Value::Null));
        self.server_info.put(server.as_str(), info.clone());
        Ok(info)
    }

    async fn end_remote_session(&self, session: Arc<Session>) {
        let deployment = session.deployment().or_else(|| {
            self.server_info
                .get(session.server.as_str())
                .map(|i| i.deployment)
        });
        if deployment == Some(Deployment::Cloud) {
            return;
        }
        let Ok(url) = resolve_uri(Some(&session.server), "/rest/auth/1/session", &[]) else {
            return;
        };
        let req = Prepared {
            method: Method::DELETE,
            url,
            headers: Vec::new(),
            body: PreparedBody::None,
            cred_origin: Some(session.server.clone()),
            auth: AuthMode::Session(session),
            timeout: read(&self.transport).timeout,
            events: None,
            no_relogin: true,
        };
        match self.execute(&req).await {
            Ok(_) | Err(JiraError::AuthenticationFailed { .. }) => {}
            Err(e) => self.emit(
                None,
                &Event::Warning(format!("Could not end the session on the server: {e}")),
            ),
        }
    }

    /// Sends a prepared request with retries (429/503, one reset for idempotent methods) and
    /// one re-login when a cookie-only session request gets 401.
    pub(crate) async fn execute(&self, p: &Prepared) -> Result<Response, JiraError> {
        let mut rate_retries = 0u32;
        let mut reset_retried = false;
        let mut relogged = false;
        loop {
            let generation = match &p.auth {
                AuthMode::Session(s) => s.generation(),
                _ => 0,
            };
            let raw = match self.send_following_redirects(p).await {
                Ok(raw) => raw,
                Err((FailureKind::MaybeSent, _))
                    if retry::is_idempotent(&p.method) && !reset_retried =>
                {
                    reset_retried = true;
                    tracing::debug!(method = %p.method, url = %transport::shown_url(&p.url), "connection lost; retrying once");
                    continue;
                }
                Err((_, mut err)) => {
                    if let JiraError::ConnectionLost { retried, .. } = &mut err {
                        *retried = reset_retried;
                    }
                    return Err(err);
                }
            };
            if retry::is_retry_status(raw.status) && rate_retries < self.retry.max_retries {
                rate_retries += 1;
                let retry_after = raw
                    .headers
                    .get(header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| retry::parse_retry_after(v, jiff::Timestamp::now()));
                let wait = self
                    .retry
                    .delay(rate_retries, retry_after, rand::random::<f64>());
                self.emit(
                    p.events.as_ref(),
                    &Event::Warning(retry::warning_text(
                        raw.status,
                        wait,
                        rate_retries,
                        self.retry.max_retries,
                    )),
                );
                tokio::time::sleep(wait).await;
                continue;
            }
            if raw.status == 401
                && raw.cookie_only
                && !relogged
                && !p.no_relogin
                && let AuthMode::Session(s) = &p.auth
                && s.can_relogin()
            {
                relogged = true;
                self.relogin(s, generation).await?;
                continue;
            }
            return self.finish(p, raw);
        }
    }

    /// Logs in again with the session's credential (once per expired cookie, even when many
    /// requests notice at the same time).
    async fn relogin(&self, session: &Arc<Session>, seen: u64) -> Result<(), JiraError> {
        let _guard = session.relogin.lock().await;
        if session.generation() != seen {
            return Ok(());
        }
        tracing::debug!(server = %session.server, "session cookie rejected; logging in again");
        session.clear();
        let req = self.myself_request(
            &session.server,
            session.credentials.clone(),
            session.cookies.clone(),
        )?;
        // Boxed: `execute` calls `relogin`, which calls `execute` (never deeper, `no_relogin`).
        Box::pin(self.execute(&req)).await.map_err(|e| match e {
            JiraError::AuthenticationFailed { server, detail } => JiraError::AuthenticationFailed {
                server,
                detail: format!("the session expired and logging in again failed: {detail}"),
            },
            other => other,
        })?;
        session
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Maps a final response to `Ok` or the right error.
    fn finish(&self, p: &Prepared, raw: RawResponse) -> Result<Response, JiraError> {
        let server = origin_text(&raw.url);
        let header_text = |name: &str| {
            raw.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        // Jira's login page is under its context path (`https://host/jira/login.jsp`).
        let default_login = || {
            let base = self
                .server_url()
                .ok()
                .filter(|s| same_origin(s, &raw.url))
                .map(|s| super::config::server_text(&s))
                .unwrap_or_else(|| server.clone());
            format!("{base}/login.jsp")
        };
        if let Some(reason) = header_text("x-authentication-denied-reason")
            && reason.to_ascii_uppercase().contains("CAPTCHA")
        {
            let login_url = reason
                .split(';')
                .find_map(|part| part.trim().strip_prefix("login-url=").map(str::trim))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .unwrap_or_else(default_login);
            return Err(JiraError::CaptchaRequired { login_url });
        }
        let messages = || {
            parse_error_body(
                raw.status,
                raw.headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok()),
                &raw.body,
            )
        };
        if let Some(reason) = header_text("x-seraph-loginreason") {
            let reason = reason.to_ascii_uppercase();
            if reason.contains("AUTHENTICATION_DENIED") {
                return Err(JiraError::AuthenticationDenied {
                    login_url: default_login(),
                    server,
                });
            }
            if reason.contains("AUTHENTICATED_FAILED") {
                return Err(auth_failed(server, raw.status, &messages()));
            }
            if reason.contains("AUTHORISATION_FAILED") && raw.status >= 400 {
                return Err(JiraError::AuthorisationFailed {
                    method: p.method.to_string(),
                    url: transport::shown_url(&raw.url),
                });
            }
        }
        if raw.status == 401 && !raw.authenticated {
            return Err(JiraError::NotLoggedIn {
                server,
                detail: format!("{} ({}).", raw.status, messages().join("; ")),
            });
        }
        if raw.status == 401 {
            return Err(auth_failed(server, raw.status, &messages()));
        }
        if raw.status >= 400 {
            return Err(JiraError::Api {
                status: raw.status,
                method: p.method.to_string(),
                url: transport::shown_url(&raw.url),
                messages: messages(),
            });
        }
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            body: raw.body,
            url: raw.url,
        })
    }

    /// One attempt, following redirects by hand.
    async fn send_following_redirects(
        &self,
        p: &Prepared,
    ) -> Result<RawResponse, (FailureKind, JiraError)> {
        let http = read(&self.http).clone();
        let mut url = p.url.clone();
        let mut method = p.method.clone();
        let mut with_body = true;
        // Once a redirect leaves the credential origin, nothing secret is sent again.
        let mut creds_allowed = true;
        for _ in 0..=MAX_REDIRECTS {
            let may_send_creds =
                creds_allowed && p.cred_origin.as_ref().is_some_and(|o| same_origin(o, &url));
            self.emit(
                p.events.as_ref(),
                &Event::Request {
                    method: method.to_string(),
                    url: transport::shown_url(&url),
                },
            );
            let started = Instant::now();
            let mut rb = http.request(method.clone(), url.clone()).timeout(p.timeout);
            if !p.headers.iter().any(|(n, _)| *n == header::ACCEPT) {
                rb = rb.header(header::ACCEPT, "application/json");
            }
            if with_body {
                rb = match &p.body {
                    PreparedBody::None => rb,
                    PreparedBody::Bytes { data, content_type } => rb
                        .header(header::CONTENT_TYPE, content_type.as_str())
                        .body(data.clone()),
                    PreparedBody::Multipart { file_name, data } => {
                        let part = reqwest::multipart::Part::bytes(data.clone())
                            .file_name(file_name.clone());
                        rb.header("X-Atlassian-Token", "no-check")
                            .multipart(reqwest::multipart::Form::new().part("file", part))
                    }
                };
            }
            let mut jar: Option<&Arc<CookieStoreMutex>> = None;
            let mut cookie_only = false;
            let mut authenticated = false;
            if may_send_creds {
                match &p.auth {
                    AuthMode::Anonymous => {}
                    AuthMode::Explicit { creds, jar: j } => {
                        rb = creds.apply(rb);
                        authenticated = !creds.is_empty();
                        jar = j.as_ref();
                    }
                    AuthMode::Session(s) => {
                        match s.request_credentials() {
                            Some(creds) => {
                                rb = creds.apply(rb);
                                authenticated = true;
                            }
                            None => cookie_only = true,
                        }
                        jar = Some(&s.cookies);
                    }
                }
                if let Some(j) = jar
                    && let Some(mut cookie) = j.cookies(&url)
                {
                    cookie.set_sensitive(true);
                    rb = rb.header(header::COOKIE, cookie);
                    authenticated = true;
                }
            }
            // The call's own headers last: they replace the session's headers of the same name
            // (as `Invoke-WebRequest -Headers` wins over its web session's).
            if !p.headers.is_empty() {
                let mut own = header::HeaderMap::new();
                for (n, v) in &p.headers {
                    own.append(n.clone(), v.clone());
                }
                rb = rb.headers(own);
            }
            let resp = match rb.send().await {
                Ok(r) => r,
                Err(e) => {
                    let proxies = read(&self.proxies).clone();
                    return Err(with_timeout(
                        transport::classify(e, &url, &method, proxies.proxy_for(&url)),
                        p.timeout,
                    ));
                }
            };
            let status = resp.status().as_u16();
            tracing::debug!(
                method = %method,
                url = %transport::shown_url(&url),
                status,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "jira request"
            );
            if let Some(j) = jar {
                let mut set = resp.headers().get_all(header::SET_COOKIE).iter();
                j.set_cookies(&mut set, &url);
            }
            if matches!(status, 301 | 302 | 303 | 307 | 308)
                && let Some(location) = resp
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
            {
                let mut next = url.join(location).map_err(|e| {
                    (
                        FailureKind::NotSent,
                        JiraError::Redirect {
                            url: transport::shown_url(&url),
                            detail: format!(
                                "bad Location '{}': {e}",
                                super::config::without_userinfo(location)
                            ),
                        },
                    )
                })?;
                // Credentials in a Location are never used (reqwest would send them as Basic
                // auth, and the -Verbose line would show them).
                let _ = next.set_username("");
                let _ = next.set_password(None);
                if next.scheme() != "http" && next.scheme() != "https" {
                    return Err((
                        FailureKind::NotSent,
                        JiraError::Redirect {
                            url: transport::shown_url(&url),
                            detail: format!(
                                "unsupported scheme in '{}'",
                                super::config::without_userinfo(next.as_str())
                            ),
                        },
                    ));
                }
                if !same_origin(&next, &url) {
                    creds_allowed = false;
                }
                if status == 303 || (matches!(status, 301 | 302) && method == Method::POST) {
                    method = Method::GET;
                    with_body = false;
                }
                url = next;
                continue;
            }
            let headers = resp.headers().clone();
            let final_url = url.clone();
            let body = match resp.bytes().await {
                Ok(b) => b.to_vec(),
                Err(e) => {
                    let proxies = read(&self.proxies).clone();
                    return Err(with_timeout(
                        transport::classify(e, &final_url, &method, proxies.proxy_for(&final_url)),
                        p.timeout,
                    ));
                }
            };
            return Ok(RawResponse {
                status,
                headers,
                body,
                url: final_url,
                cookie_only,
                authenticated,
            });
        }
        Err((
            FailureKind::NotSent,
            JiraError::Redirect {
                url: transport::shown_url(&p.url),
                detail: format!("more than {MAX_REDIRECTS} redirects"),
            },
        ))
    }
}

/// Names the request's timeout in a timeout error (`… timed out after 100 s`).
fn with_timeout(
    (kind, err): (FailureKind, JiraError),
    timeout: Duration,
) -> (FailureKind, JiraError) {
    match err {
        JiraError::Timeout { host, after: None } => (
            kind,
            JiraError::Timeout {
                host,
                after: Some(timeout.as_secs()),
            },
        ),
        other => (kind, other),
    }
}

fn auth_failed(server: String, status: u16, messages: &[String]) -> JiraError {
    let jira = messages.join("; ");
    JiraError::AuthenticationFailed {
        server,
        detail: format!(
            "Jira answered {status} ({jira}). Check the user name and password, API token or \
             personal access token, then run New-JiraSession again."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jira::auth::Auth;
    use secrecy::SecretString;

    fn client(server: &str) -> JiraClient {
        JiraClient::new(ClientConfig {
            server: Some(Url::parse(server).unwrap()),
            ..ClientConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn clear_text_credentials_refused_before_any_connection() {
        let c = client("http://jira.example.invalid");
        let creds = Credentials::from_auth(Auth::basic("u", SecretString::from("s3cret")));
        let err = c.login(creds.clone(), &Cancel::new()).unwrap_err();
        assert!(matches!(err, JiraError::InsecureTransport { .. }), "{err}");
        assert!(!err.to_string().contains("s3cret"));
        assert!(c.session().is_none());
        let err = c
            .send(
                Request::get("/rest/api/2/myself").credentials(creds),
                &Cancel::new(),
            )
            .unwrap_err();
        assert!(matches!(err, JiraError::InsecureTransport { .. }), "{err}");
    }

    #[test]
    fn the_clear_text_opt_in_covers_its_own_server_only() {
        let c = JiraClient::new(ClientConfig {
            server: Some(Url::parse("http://jira.example.invalid:8080").unwrap()),
            allow_unencrypted: true,
            ..ClientConfig::default()
        })
        .unwrap();
        let creds = Credentials::from_auth(Auth::basic("u", SecretString::from("s3cret")));
        let req = |uri: &str| Request::get(uri).credentials(creds.clone());
        assert!(c.prepare(req("/rest/api/2/myself")).is_ok());
        assert!(
            c.prepare(req("http://jira.example.invalid:8080/rest/api/2/myself"))
                .is_ok()
        );
        let err = c
            .prepare(req("http://other.example.invalid/rest/api/2/myself"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("Refusing to send credentials"), "{err}");
    }

    #[test]
    fn cancelled_token_short_circuits() {
        let c = client("http://127.0.0.1:9");
        let cancel = Cancel::new();
        cancel.cancel();
        let err = c.send(Request::get("/x"), &cancel).unwrap_err();
        assert!(matches!(err, JiraError::Cancelled));
    }

    #[test]
    fn set_server_to_other_origin_is_remembered() {
        let c = client("https://a.example");
        c.set_server(Url::parse("https://b.example/jira").unwrap(), true);
        assert_eq!(c.server().unwrap().as_str(), "https://b.example/jira");
        assert!(c.allow_unencrypted());
    }

    #[test]
    fn events_reach_the_sink() {
        let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let s2 = seen.clone();
        let c = JiraClient::new(ClientConfig {
            transport: TransportOptions {
                skip_certificate_check: true,
                ..TransportOptions::default()
            },
            events: Some(Arc::new(move |e: &Event| {
                s2.lock().unwrap().push(e.to_string());
            })),
            ..ClientConfig::default()
        })
        .unwrap();
        drop(c);
        let seen = seen.lock().unwrap();
        assert!(seen[0].contains("-SkipCertificateCheck"), "{seen:?}");
    }
}
