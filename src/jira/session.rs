//! A logged-in session: server, credentials, cookie jar, the user `/myself` named, and the
//! deployment. Lives in memory only and dies with the client (or `Remove-JiraSession`).
//!
//! `Session` is internal (it holds secrets); [`SessionInfo`] is the snapshot the cmdlet layer
//! shows, with the user and server but never a secret or a cookie value.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use reqwest_cookie_store::CookieStoreMutex;
use serde_json::Value;
use url::Url;

use super::auth::{Auth, Credentials};
use super::deployment::Deployment;

/// Who `/rest/api/2/myself` says the session belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserSummary {
    /// Login name (Data Center); absent on Cloud.
    pub name: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Account id (Cloud).
    pub account_id: Option<String>,
    /// E-mail address, when visible.
    pub email_address: Option<String>,
}

impl UserSummary {
    /// Reads a Jira user object.
    pub fn from_json(v: &Value) -> Self {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        UserSummary {
            name: text("name"),
            display_name: text("displayName"),
            account_id: text("accountId"),
            email_address: text("emailAddress"),
        }
    }

    /// `name`, else `displayName`, else `accountId` (JiraPS's User `ToString`).
    pub fn label(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.display_name.clone())
            .or_else(|| self.account_id.clone())
            .unwrap_or_default()
    }
}

/// The session as others may see it: no secrets, no cookie values.
#[derive(Clone, Debug)]
pub struct SessionInfo {
    /// The server the session belongs to.
    pub server: Url,
    /// Who is logged in.
    pub user: UserSummary,
    /// The user name given at login (Basic auth only).
    pub username: Option<String>,
    /// `Basic`, `Bearer` or `None`.
    pub auth_scheme: &'static str,
    /// Names of the custom headers sent with every request.
    pub header_names: Vec<String>,
    /// Names of the cookies held for the server.
    pub cookie_names: Vec<String>,
    /// Whether later requests rely on the session cookie alone (the password is kept only to
    /// log in again when the cookie expires).
    pub cookie_only: bool,
    /// Cloud or Server, when known.
    pub deployment: Option<Deployment>,
    /// When the session was created.
    pub created: jiff::Timestamp,
}

/// A live session (internal: holds the credentials).
pub(crate) struct Session {
    pub(crate) server: Url,
    pub(crate) credentials: Credentials,
    pub(crate) cookies: Arc<CookieStoreMutex>,
    /// Later requests send the cookie only, not the Basic credential.
    pub(crate) cookie_only: bool,
    pub(crate) user: UserSummary,
    pub(crate) deployment: Mutex<Option<Deployment>>,
    pub(crate) created: jiff::Timestamp,
    /// Bumped on each re-login, so concurrent requests that saw the same expired cookie log in
    /// again only once.
    pub(crate) generation: AtomicU64,
    pub(crate) relogin: tokio::sync::Mutex<()>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("server", &self.server.as_str())
            .field("credentials", &self.credentials)
            .field("cookies", &self.cookie_names())
            .field("user", &self.user)
            .finish()
    }
}

/// Whether a cookie name looks like a server session cookie (`JSESSIONID`,
/// `cloud.session.token`, `tenant.session.token`…).
pub(crate) fn is_session_cookie(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "jsessionid" || n.contains("session")
}

impl Session {
    pub(crate) fn new(
        server: Url,
        credentials: Credentials,
        cookies: Arc<CookieStoreMutex>,
        user: UserSummary,
    ) -> Self {
        let has_session_cookie = cookie_names_for(&cookies, &server)
            .iter()
            .any(|n| is_session_cookie(n));
        // Basic credentials are not replayed once the server gave a session cookie (as JiraPS on
        // PowerShell 7); tokens and custom headers are always sent, as Jira expects.
        let cookie_only = has_session_cookie
            && matches!(credentials.auth, Auth::Basic { .. })
            && credentials.headers.is_empty();
        Session {
            server,
            credentials,
            cookies,
            cookie_only,
            user,
            deployment: Mutex::new(None),
            created: jiff::Timestamp::now(),
            generation: AtomicU64::new(0),
            relogin: tokio::sync::Mutex::new(()),
        }
    }

    /// The credentials to send with a normal request of this session.
    pub(crate) fn request_credentials(&self) -> Option<&Credentials> {
        (!self.cookie_only && !self.credentials.is_empty()).then_some(&self.credentials)
    }

    /// Whether a 401 may be answered by logging in again.
    pub(crate) fn can_relogin(&self) -> bool {
        self.cookie_only && !self.credentials.auth.is_none()
    }

    pub(crate) fn cookie_names(&self) -> Vec<String> {
        cookie_names_for(&self.cookies, &self.server)
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub(crate) fn clear(&self) {
        if let Ok(mut jar) = self.cookies.lock() {
            jar.clear();
        }
    }

    pub(crate) fn deployment(&self) -> Option<Deployment> {
        *self.deployment.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn set_deployment(&self, d: Deployment) {
        *self.deployment.lock().unwrap_or_else(|p| p.into_inner()) = Some(d);
    }

    pub(crate) fn info(&self) -> SessionInfo {
        SessionInfo {
            server: self.server.clone(),
            user: self.user.clone(),
            username: self.credentials.auth.user().map(str::to_string),
            auth_scheme: self.credentials.auth.scheme(),
            header_names: self.credentials.headers.names(),
            cookie_names: self.cookie_names(),
            cookie_only: self.cookie_only,
            deployment: self.deployment(),
            created: self.created,
        }
    }
}

/// Names of the unexpired cookies that match `url`.
pub(crate) fn cookie_names_for(jar: &CookieStoreMutex, url: &Url) -> Vec<String> {
    match jar.lock() {
        Ok(store) => store
            .matches(url)
            .into_iter()
            .map(|c| c.name().to_string())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::cookie::CookieStore as _;
    use reqwest::header::HeaderValue;
    use secrecy::SecretString;

    fn jar_with(url: &Url, set_cookie: &str) -> Arc<CookieStoreMutex> {
        let jar = Arc::new(CookieStoreMutex::default());
        let v = HeaderValue::from_str(set_cookie).unwrap();
        jar.set_cookies(&mut std::iter::once(&v), url);
        jar
    }

    #[test]
    fn basic_with_session_cookie_is_cookie_only() {
        let url = Url::parse("http://127.0.0.1:1/").unwrap();
        let jar = jar_with(&url, "JSESSIONID=abc; Path=/; HttpOnly");
        let creds = Credentials::from_auth(Auth::basic("u", SecretString::from("p")));
        let s = Session::new(url.clone(), creds, jar, UserSummary::default());
        assert!(s.cookie_only);
        assert!(s.request_credentials().is_none());
        assert!(s.can_relogin());
        assert_eq!(s.info().cookie_names, vec!["JSESSIONID"]);
        let dbg = format!("{s:?}");
        assert!(!dbg.contains("abc") && dbg.contains("JSESSIONID"), "{dbg}");
        s.clear();
        assert!(s.cookies.cookies(&url).is_none());
    }

    #[test]
    fn bearer_and_cookieless_basic_replay_credentials() {
        let url = Url::parse("http://127.0.0.1:1/").unwrap();
        let jar = jar_with(&url, "JSESSIONID=abc; Path=/");
        let s = Session::new(
            url.clone(),
            Credentials::from_auth(Auth::bearer(SecretString::from("t"))),
            jar,
            UserSummary::default(),
        );
        assert!(!s.cookie_only && s.request_credentials().is_some() && !s.can_relogin());
        let s = Session::new(
            url,
            Credentials::from_auth(Auth::basic("u", SecretString::from("p"))),
            Arc::new(CookieStoreMutex::default()),
            UserSummary::default(),
        );
        assert!(!s.cookie_only && s.request_credentials().is_some());
    }

    #[test]
    fn user_label_order() {
        let u = UserSummary::from_json(&serde_json::json!({"displayName":"D","accountId":"A"}));
        assert_eq!(u.label(), "D");
        let u = UserSummary::from_json(&serde_json::json!({"name":"n","displayName":"D"}));
        assert_eq!(u.label(), "n");
    }
}
